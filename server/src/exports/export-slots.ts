import type { RequestHandler } from "express";
import { AppError } from "../http/app-error";

/** Seconds a refused export is told to wait: an export of the census takes a few seconds. */
export const EXPORT_RETRY_AFTER_S = 10;

/**
 * A cap on the exports running at once. Each holds a page of responses and the file's
 * buffers in memory, and takes turns on the request thread with everyone else: beyond the
 * cap, one more export is refused at once with a 429 and `Retry-After`, before any work or
 * audit entry. A slot is freed when its response ends or its client goes away.
 */
export function exportSlots(concurrency: number): RequestHandler {
  let running = 0;
  return (_req, res, next) => {
    if (running >= concurrency) {
      res.set("Retry-After", String(EXPORT_RETRY_AFTER_S));
      next(new AppError("too_many_requests", `${concurrency} exports are already running; try again in ${EXPORT_RETRY_AFTER_S} seconds.`));
      return;
    }
    running += 1;
    res.once("close", () => (running -= 1));
    next();
  };
}
