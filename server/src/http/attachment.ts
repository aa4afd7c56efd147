import type { Response } from "express";

/** Starts a download: a 200 with the file's type and name, never cached (it holds answers). */
export function startAttachment(res: Response, contentType: string, fileName: string): void {
  res
    .status(200)
    .set("Content-Type", contentType)
    .set("Content-Disposition", `attachment; filename="${fileName}"`)
    .set("Cache-Control", "no-store");
}
