import type { Response } from "express";
import { csvCellFormatter, csvLineOf, type CsvDelimiter } from "./csv-format";
import { eventLoopShare } from "./event-loop-share";

/**
 * Characters gathered before a write: one write (and one chunk of the gzip stream, when there
 * is one) per 64 KB rather than per few rows, a fixed amount of memory whatever the file's size.
 */
export const CSV_CHUNK_CHARACTERS = 64 * 1024;

/**
 * Writes rows of cells to an HTTP response as CSV (see csv-format.ts for the cells and
 * `writeCsvText` for the streaming). For tables a few rows long or already built (summaries,
 * lists); an export of responses builds its text with its compiled plan.
 */
export function writeCsv(
  res: Response,
  rows: AsyncIterable<readonly (string | number)[]> | Iterable<readonly (string | number)[]>,
  options: { delimiter: CsvDelimiter; bom: boolean },
): Promise<boolean> {
  const format = csvCellFormatter(options.delimiter);
  return writeCsvText(
    res,
    (async function* () {
      for await (const row of rows) yield `${csvLineOf(row, options.delimiter, format)}\r\n`;
    })(),
    options,
  );
}

/**
 * Writes CSV text to an HTTP response as it comes (lines with their CRLF ends, chunks of many
 * lines, or chunks already in UTF-8 from a worker thread, written as they are), small pieces of
 * text gathered into chunks of about 64 KB, with backpressure: when the client reads slowly we
 * wait for the socket to drain before reading more. A fast client never makes a write wait, so
 * the loop also yields to the event loop every few milliseconds: other requests are served
 * while exports run. Stops, returning false, as soon as the client goes away.
 */
export async function writeCsvText(
  res: Response,
  pieces: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: { bom: boolean },
): Promise<boolean> {
  let isClosed = false;
  // One listener each for the whole download: the compression middleware forwards "drain"
  // listeners to its gzip stream and never removes them, so one per wait would pile up there.
  let wake: (() => void) | undefined;
  res.on("drain", () => wake?.());
  res.on("close", () => {
    isClosed = true;
    wake?.();
  });
  const write = async (text: string | Uint8Array) => {
    if (!res.write(text) && !isClosed && !res.destroyed) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  };
  const turns = eventLoopShare();
  let chunk = options.bom ? "\uFEFF" : "";
  // The first piece (the header line) goes out at once: the download starts without waiting for a chunk.
  let isFirst = true;
  for await (const piece of pieces) {
    if (isClosed || res.destroyed) return false;
    if (typeof piece === "string") {
      chunk += piece;
      if (isFirst || chunk.length >= CSV_CHUNK_CHARACTERS) {
        await write(chunk);
        chunk = "";
      }
    } else {
      if (chunk !== "") await write(chunk);
      chunk = "";
      await write(piece);
    }
    isFirst = false;
    await turns.share();
  }
  if (isClosed || res.destroyed) return false;
  if (chunk !== "") await write(chunk);
  res.end();
  return true;
}
