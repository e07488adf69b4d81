/**
 * A download link that, with JavaScript, shows the export being prepared. Without JavaScript it is
 * an ordinary link and the browser downloads the file itself.
 *
 * With JavaScript the file is fetched here and read as it streams, so the page can say honestly
 * how much has arrived ("Preparing your download… 240 KB received"): the server streams the export
 * without knowing its final size, so there is no percentage to show and none is invented.
 */
import { useRef, useState, type MouseEvent, type ReactNode } from "react";

type State = { kind: "idle" } | { kind: "preparing"; bytes: number } | { kind: "done"; fileName: string } | { kind: "failed" };

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The name the server gave the file, from `attachment; filename="…"`. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? "")?.[1] ?? fallback;
}

export function DownloadLink({ href, children, fallbackName }: { href: string; children: ReactNode; fallbackName: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const busy = useRef(false);

  async function onClick(event: MouseEvent<HTMLAnchorElement>) {
    // New tab, new window, save-as: the person asked for the browser's own behaviour.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (typeof ReadableStream === "undefined" || typeof URL.createObjectURL !== "function") return;
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setState({ kind: "preparing", bytes: 0 });
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const reader = response.body.getReader();
      const chunks: BlobPart[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        setState({ kind: "preparing", bytes });
      }
      const fileName = fileNameFrom(response.headers.get("Content-Disposition"), fallbackName);
      const url = URL.createObjectURL(new Blob(chunks, { type: response.headers.get("Content-Type") ?? "application/octet-stream" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      // Give the browser a moment to start saving before the file's memory is let go.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ kind: "done", fileName });
    } catch {
      setState({ kind: "failed" });
    } finally {
      busy.current = false;
    }
  }

  return (
    <>
      <a className="govuk-link" href={href} download onClick={onClick} aria-disabled={state.kind === "preparing" ? true : undefined}>
        {children}
      </a>
      <span className="govuk-body-s portal-download-status" role="status" aria-live="polite">
        {state.kind === "preparing" ? ` Preparing your download\u2026 ${formatBytes(state.bytes)} received` : null}
        {state.kind === "done" ? ` Downloaded ${state.fileName}` : null}
        {state.kind === "failed" ? (
          <>
            {" "}
            The download could not be prepared.{" "}
            <a className="govuk-link" href={href} download>
              Try the download again
            </a>
          </>
        ) : null}
      </span>
    </>
  );
}
