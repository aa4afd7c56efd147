import Papa from "papaparse";
import type { Test } from "supertest";

/** GETs a download and keeps its raw bytes (supertest would otherwise decode them as text). */
export async function download(client: { get(url: string): Test }, url: string) {
  const res = await client
    .get(url)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => callback(null, Buffer.concat(chunks)));
    });
  return { res, bytes: res.body as Buffer };
}

/** Parses a CSV download into records keyed by its header, failing on any parse error. */
export function parseCsvRecords(text: string, delimiter = ","): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, delimiter, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`CSV does not parse: ${JSON.stringify(parsed.errors)}`);
  return parsed.data;
}
