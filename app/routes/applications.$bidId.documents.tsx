import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, UploadHandler } from "@remix-run/node";
import { json, redirect, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ButtonLink, ErrorSummary, InsetText, Table } from "~/components/govuk";
import { checkDocument, cleanOriginalName, DOCUMENT_ACCEPT, DOCUMENT_HINT, DOCUMENT_MESSAGES, formatFileSize, MAX_DOCUMENT_BYTES } from "~/domain/attachments/rules";
import { canEdit, type BidStatus } from "~/domain/bids/status";
import { REQUIRED_DOCUMENTS } from "~/domain/bids/task-list";
import { formatLondonDate } from "~/domain/time/london";
import { AttachmentRefused, listAttachmentsForBid, removeAttachment, saveAttachment } from "~/models/attachment.server";
import { requireMemberBid } from "~/models/bid-access.server";
import { detectFileType, discardTemp, FileTooLarge, receiveFile, type ReceivedFile } from "~/services/file-storage.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Documents" };

// A refused upload's unread remainder is not worth receiving: the 413 asks the connection to close.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const connection = actionHeaders.get("Connection");
  return connection ? { Connection: connection } : new Headers();
};

type DocumentKind = (typeof REQUIRED_DOCUMENTS)[number]["kind"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const bid = requireMemberBid(user, params.bidId);
  const uploaded = listAttachmentsForBid(bid.id);
  return json({
    bid: { id: bid.id, fundName: bid.fundName, roundName: bid.roundName },
    editable: canEdit(bid.status as BidStatus),
    documents: REQUIRED_DOCUMENTS.map((doc) => {
      const a = uploaded.find((u) => u.kind === doc.kind);
      return { kind: doc.kind, title: doc.title, attachment: a ? { id: a.id, originalName: a.originalName, sizeBytes: a.sizeBytes, uploadedAt: a.uploadedAt.getTime() } : null };
    }),
  });
}

function badRequest(): never {
  throw new Response("The form could not be read", { status: 400 });
}

// The form has two short hidden fields and one file; anything more is not from our page.
const FIELD_MAX_BYTES = 256;
const FIELDS_MAX = 8;

async function readField(data: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.length;
    if (size > FIELD_MAX_BYTES) badRequest();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

type Upload = { fields: Record<string, string>; file?: { name: string; received?: ReceivedFile }; tooLarge?: true; unreadableName?: true };

// Room for the two hidden fields, the part headers and a long file name around the file itself.
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const MAX_BODY_BYTES = MAX_DOCUMENT_BYTES + MULTIPART_OVERHEAD_BYTES;

class BodyTooLarge extends Error {}

/**
 * The body as it arrives, failing once it passes the limit. The file part is limited on its own;
 * this also bounds what the parser itself holds (it keeps a part's headers in memory until they
 * end) for a body sent in chunks, with no Content-Length to refuse it by.
 */
function limitedBody(request: Request): Request {
  let seen = 0;
  const limit = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > MAX_BODY_BYTES) controller.error(new BodyTooLarge());
      else controller.enqueue(chunk);
    },
  });
  // preventCancel: cancelling the request's body would destroy the socket before the 413 is sent.
  return new Request(request.url, { method: request.method, headers: request.headers, body: request.body!.pipeThrough(limit, { preventCancel: true }), duplex: "half" } as RequestInit);
}

/**
 * Reads the multipart body part by part: the file goes straight to a temporary file, and once it
 * (or the body) passes the size limit reading stops (the rest of the body is never read), so no
 * upload is ever held in memory whole. Every part must be consumed or refused here: the parser
 * buffers any part a handler leaves unread.
 */
async function readUpload(request: Request): Promise<Upload> {
  const upload: Upload = { fields: {} };
  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) {
      if (Object.keys(upload.fields).length >= FIELDS_MAX) badRequest();
      upload.fields[part.name] = await readField(part.data);
    } else {
      if (part.name !== "file" || upload.file) badRequest();
      upload.file = { name: part.filename };
      upload.file.received = await receiveFile(part.data, MAX_DOCUMENT_BYTES);
    }
    // Nothing goes into Remix's FormData: the route reads `upload`, so no field can pose as the file.
    return undefined;
  };
  try {
    if (!request.body) badRequest();
    await unstable_parseMultipartFormData(limitedBody(request), handler);
  } catch (error) {
    if (upload.file?.received) await discardTemp(upload.file.received.tempPath);
    if (error instanceof FileTooLarge || error instanceof BodyTooLarge) return { fields: upload.fields, tooLarge: true };
    if (error instanceof Response || (error as NodeJS.ErrnoException)?.code) throw error;
    // The parser splits part headers at every ";" and "=", even inside a quoted file name.
    if (!upload.file && /content-disposition/i.test(String((error as Error)?.message))) return { fields: upload.fields, unreadableName: true };
    // The parser's own errors mean a malformed body.
    badRequest();
  }
  return upload;
}

const isMultipart = (request: Request) => (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");

const kindOf = (value: string | null | undefined) => REQUIRED_DOCUMENTS.find((d) => d.kind === value)?.kind;

function tooLarge(kind: DocumentKind | undefined) {
  return json({ kind, errors: { [kind ? `file-${kind}` : "form"]: DOCUMENT_MESSAGES.tooLarge } }, { status: 413, headers: { Connection: "close" } });
}

/**
 * A body announced as larger than any acceptable upload is refused before a byte of it is read.
 * Which form it came from is in the body we are not reading, so each form also names its kind in
 * its address, to put the message beside the right field.
 */
function announcedTooLarge(request: Request): boolean {
  const length = Number(request.headers.get("Content-Length"));
  return Number.isFinite(length) && length > MAX_BODY_BYTES;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const bid = requireMemberBid(user, params.bidId);
  if (!canEdit(bid.status as BidStatus)) throw redirect(`/applications/${bid.id}`);
  const here = `/applications/${bid.id}/documents`;

  try {
    if (!isMultipart(request)) {
      const form = await request.formData().catch(badRequest);
      if (form.get("intent") !== "remove") badRequest();
      await removeAttachment({ attachmentId: Number(form.get("attachmentId")), bidId: bid.id, userId: user.id }, now());
      return redirect(here);
    }

    if (announcedTooLarge(request)) return tooLarge(kindOf(new URL(request.url).searchParams.get("kind")));
    const upload = await readUpload(request);
    const received = upload.file?.received;
    try {
      if (upload.tooLarge) return tooLarge(kindOf(upload.fields.kind) ?? kindOf(new URL(request.url).searchParams.get("kind")));
      const kind = kindOf(upload.fields.kind);
      if (upload.fields.intent !== "upload" || !kind) badRequest();
      if (upload.unreadableName) return json({ kind, errors: { [`file-${kind}`]: DOCUMENT_MESSAGES.unreadableName } }, { status: 400 });
      const check = checkDocument(upload.file && { name: upload.file.name, sizeBytes: received?.sizeBytes ?? 0, detected: received ? await detectFileType(received.tempPath) : undefined });
      if (!check.ok) return json({ kind, errors: { [`file-${kind}`]: check.message } }, { status: 400 });
      await saveAttachment(
        { bidId: bid.id, organisationId: bid.organisationId, userId: user.id, kind, originalName: cleanOriginalName(upload.file!.name), mimeType: check.mimeType, file: received! },
        now(),
      );
      return redirect(here);
    } finally {
      if (received) await discardTemp(received.tempPath);
    }
  } catch (error) {
    // Submitted in another tab between loading the bid and saving: nothing may change now.
    if (error instanceof AttachmentRefused) throw redirect(`/applications/${bid.id}`);
    throw error;
  }
}

export default function BidDocumentsPage() {
  const { bid, editable, documents } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const errors = failure && "errors" in failure ? (failure.errors as Record<string, string>) : undefined;
  const uploaded = documents.filter((d) => d.attachment);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/applications/${bid.id}`}>Back to your bid</BackLink>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">
          {bid.fundName}: {bid.roundName}
        </span>
        <h1 className="govuk-heading-l">Documents</h1>
        {editable ? (
          <p className="govuk-body">Upload your organisation's {REQUIRED_DOCUMENTS.map((d) => d.title.toLowerCase()).join(", ").replace(/, ([^,]*)$/, " and $1")}.</p>
        ) : (
          <InsetText>This bid has been submitted, so its documents can no longer be changed.</InsetText>
        )}
        {uploaded.length > 0 ? (
          <Table
            caption="Uploaded documents"
            rows={uploaded}
            rowKey={(d) => d.kind}
            columns={[
              { header: "Document", cell: (d) => d.title },
              {
                header: "File",
                cell: (d) => (
                  // A plain link: the download is a file, not a page for the client router.
                  <a className="govuk-link" href={`/attachments/${d.attachment!.id}`}>
                    {d.attachment!.originalName}
                  </a>
                ),
              },
              { header: "Size", cell: (d) => formatFileSize(d.attachment!.sizeBytes) },
              { header: "Uploaded", cell: (d) => formatLondonDate(new Date(d.attachment!.uploadedAt)) },
              ...(editable
                ? [
                    {
                      header: <span className="govuk-visually-hidden">Action</span>,
                      cell: (d: (typeof uploaded)[number]) => (
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="attachmentId" value={d.attachment!.id} />
                          <Button secondary className="govuk-!-margin-bottom-0">
                            Remove<span className="govuk-visually-hidden"> {d.title.toLowerCase()}</span>
                          </Button>
                        </Form>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        ) : null}
        {editable
          ? documents.map((doc) => (
              <UploadForm key={`${doc.kind}-${doc.attachment?.id ?? "none"}`} kind={doc.kind} title={doc.title} replaces={doc.attachment?.originalName} error={errors?.[`file-${doc.kind}`]} />
            ))
          : null}
        <ButtonLink to={`/applications/${bid.id}`}>Continue</ButtonLink>
      </div>
    </div>
  );
}

function UploadForm({ kind, title, replaces, error }: { kind: DocumentKind; title: string; replaces?: string; error?: string }) {
  const id = `file-${kind}`;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <Form method="post" encType="multipart/form-data" action={`?kind=${kind}`}>
      <input type="hidden" name="intent" value="upload" />
      <input type="hidden" name="kind" value={kind} />
      <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`.trim()}>
        <label className="govuk-label govuk-label--m" htmlFor={id}>
          {title}
        </label>
        <div id={`${id}-hint`} className="govuk-hint">
          {DOCUMENT_HINT}
          {replaces ? `. Uploading a new file replaces ${replaces}` : null}
        </div>
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <input className={`govuk-file-upload ${error ? "govuk-file-upload--error" : ""}`.trim()} id={id} name="file" type="file" accept={DOCUMENT_ACCEPT} aria-describedby={describedBy} />
      </div>
      <Button secondary>
        Upload<span className="govuk-visually-hidden"> {title.toLowerCase()}</span>
      </Button>
    </Form>
  );
}
