/** A personal data document as a download: an attachment, never cached. */
import type { PersonalData } from "./sources";

export function personalDataDownload(data: Pick<PersonalData, "generatedAt">, filenameStem: string): Response {
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filenameStem}-${data.generatedAt.slice(0, 10)}.json"`,
      // Someone's whole record: never kept by a browser or a shared cache.
      "Cache-Control": "no-store",
    },
  });
}
