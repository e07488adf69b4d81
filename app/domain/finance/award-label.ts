/**
 * How an award is named in finance's lists and files. Kept apart from the CSV writer: csv-stringify
 * uses Node's Buffer as it loads, which would break any page that imported it in the browser.
 */
export function awardLabel(row: { awardId: number; bidReference: string | null }): string {
  return row.bidReference ? `${row.bidReference} (award ${row.awardId})` : `Award ${row.awardId}`;
}
