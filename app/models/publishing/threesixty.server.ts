/**
 * A fund's published awards as a 360Giving package (JSON) or spreadsheet (CSV), streamed: rows are
 * read a batch at a time and written out before the next batch is read, so memory stays the same
 * whatever the number of awards.
 */
import { stringify } from "csv-stringify/sync";
import { getSqlite } from "#db/client";
import { csvHeader, csvRow, packageMetadata, toGrant, type CsvWidths, type PublishedAward, type Publisher } from "~/domain/publishing/threesixty";
import { getEnv } from "~/utils/env.server";
import { PUBLISHED_COLUMNS, PUBLISHED_FROM, toPublishedAward, type PublishedRow } from "./published-awards.server";

export type PublishingFund = { id: number; slug: string; code: string; name: string };

/** Rows per batch: enough to keep SQLite busy, few enough that a batch's text stays small. */
const BATCH_SIZE = 200;

export function publisherFromEnv(): Publisher {
  const env = getEnv();
  return { prefix: env.GRANT_ID_PREFIX, funderId: env.FUNDER_ORG_ID, funderName: env.FUNDER_NAME };
}

/**
 * Hands each published award of the fund after award `afterId` (at most `limit`) to `each`, in
 * award order, and returns the last award's id (null when there were none). The iterator is run to
 * its end before this returns: while one is open, better-sqlite3 refuses every write on the shared
 * connection, so holding it across a slow download would block the whole portal.
 */
function eachPublishedAwardAfter(fundId: number, afterId: number, limit: number, each: (award: PublishedAward) => void): number | null {
  const statement = getSqlite().prepare(`SELECT ${PUBLISHED_COLUMNS} ${PUBLISHED_FROM} AND f.id = ? AND a.id > ? ORDER BY a.id LIMIT ?`);
  let last: number | null = null;
  for (const row of statement.iterate(fundId, afterId, limit) as IterableIterator<PublishedRow>) {
    each(toPublishedAward(row));
    last = row.awardId;
  }
  return last;
}

/** The widest lists among the fund's published awards, for the CSV header. */
function csvWidths(fundId: number): CsvWidths {
  const row = getSqlite()
    .prepare(
      `SELECT max((SELECT count(*) FROM bid_districts WHERE bid_id = b.id)) AS locations,
              max((SELECT count(*) FROM bid_priorities WHERE bid_id = b.id) + (SELECT count(*) FROM bid_tags WHERE bid_id = b.id)) AS classifications
       ${PUBLISHED_FROM} AND f.id = ?`,
    )
    .get(fundId) as { locations: number | null; classifications: number | null };
  return { locations: row.locations ?? 0, classifications: row.classifications ?? 0 };
}

type Render = { head: string; row: (award: PublishedAward, index: number) => string; tail: string };

/**
 * Pull-driven: the next batch is read only when the reader asks for more. Each pull gives the event
 * loop a turn first, so other requests (and the socket) are served between batches.
 */
export type StreamOptions = { batchSize?: number; waitForDrain?: () => Promise<void> };

function batchedStream(fundId: number, render: Render, batchSize: number, waitForDrain?: () => Promise<void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId: number | null = null;
  let index = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (afterId === null) {
        afterId = 0;
        controller.enqueue(encoder.encode(render.head));
        return;
      }
      await new Promise((resolve) => setImmediate(resolve));
      // Remix pulls as fast as it can; the HTTP edge tells us when the socket is still full.
      await waitForDrain?.();
      let text = "";
      const last = eachPublishedAwardAfter(fundId, afterId, batchSize, (award) => {
        text += render.row(award, index++);
      });
      if (last === null) {
        if (render.tail) controller.enqueue(encoder.encode(render.tail));
        controller.close();
        return;
      }
      afterId = last;
      controller.enqueue(encoder.encode(text));
    },
  });
}

/** `{"version": ..., "publisher": ..., "grants": [ ... ]}`, one grant at a time. */
export function threeSixtyJsonStream(fund: PublishingFund, { batchSize = BATCH_SIZE, waitForDrain }: StreamOptions = {}): ReadableStream<Uint8Array> {
  const publisher = publisherFromEnv();
  const meta = JSON.stringify(packageMetadata(fund, publisher, getEnv().PUBLIC_URL));
  return batchedStream(
    fund.id,
    {
      head: `${meta.slice(0, -1)},"grants":[`,
      row: (award, index) => `${index === 0 ? "" : ","}\n${JSON.stringify(toGrant(award, publisher))}`,
      tail: "\n]}\n",
    },
    batchSize,
    waitForDrain,
  );
}

/**
 * The spreadsheet flavour: 360Giving's column titles, amounts as exact pounds text, typed text
 * neutralised against formulas. The byte-order mark lets Excel read names as UTF-8.
 */
export function threeSixtyCsvStream(fund: PublishingFund, { batchSize = BATCH_SIZE, waitForDrain }: StreamOptions = {}): ReadableStream<Uint8Array> {
  const publisher = publisherFromEnv();
  const widths = csvWidths(fund.id);
  const options = { record_delimiter: "windows" } as const;
  return batchedStream(
    fund.id,
    {
      head: stringify([csvHeader(widths)], { ...options, bom: true }),
      row: (award) => stringify([csvRow(toGrant(award, publisher), award.amountPence, widths)], options),
      tail: "",
    },
    batchSize,
    waitForDrain,
  );
}
