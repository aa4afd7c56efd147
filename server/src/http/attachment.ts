import type { Response } from "express";

/**
 * Starts a download: a 200 with the file's type and name, never cached (it holds answers).
 * The name goes twice (RFC 6266): `filename` in plain ASCII for old clients, anything else
 * replaced by `_`, and `filename*` in UTF-8 (RFC 5987) for the rest, so a filter on an Arabic
 * value keeps its words.
 */
export function startAttachment(res: Response, contentType: string, fileName: string): void {
  const ascii = fileName.replace(/[^A-Za-z0-9._~ -]/g, "_");
  const disposition =
    ascii === fileName ? `attachment; filename="${fileName}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
  res.status(200).set("Content-Type", contentType).set("Content-Disposition", disposition).set("Cache-Control", "no-store");
}

// encodeURIComponent leaves ' ( ) * as they are, which RFC 5987's value may not hold.
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
