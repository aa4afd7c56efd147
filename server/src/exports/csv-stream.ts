import type { Response } from "express";
import Papa from "papaparse";
import { neutraliseFormula } from "@passerelle/shared";
import { eventLoopShare } from "./event-loop-share";

// Rows per write: large enough for throughput, small enough to keep memory flat.
const ROWS_PER_CHUNK = 500;

/**
 * Writes CSV rows to an HTTP response as they come, with papaparse per chunk (quoting and
 * escaping), CRLF line ends, text that a spreadsheet would run as a formula neutralised, and
 * backpressure: when the client reads slowly we wait for the socket to drain. A fast client
 * never makes a write wait, so the loop also yields to the event loop every few milliseconds:
 * other requests are served while exports run. Stops, returning false, as soon as the client
 * goes away.
 */
export async function writeCsv(
  res: Response,
  rows: AsyncIterable<(string | number)[]> | Iterable<(string | number)[]>,
  options: { delimiter: string; bom: boolean },
): Promise<boolean> {
  let isClosed = false;
  res.on("close", () => (isClosed = true));
  const write = async (text: string) => {
    if (!res.write(text))
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
  };
  const turns = eventLoopShare();
  if (options.bom) await write("\uFEFF");
  let chunk: (string | number)[][] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    await write(`${Papa.unparse(chunk, { delimiter: options.delimiter, newline: "\r\n", quotes: false })}\r\n`);
    chunk = [];
  };
  // The semicolon variant is for spreadsheets set to French, which read "0,5" as a number and "0.5" as text.
  const cellOf =
    options.delimiter === ";" ? (cell: string | number) => (typeof cell === "number" ? withDecimalComma(cell) : neutraliseFormula(cell)) : neutraliseFormula;
  for await (const row of rows) {
    if (isClosed || res.destroyed) return false;
    chunk.push(row.map(cellOf));
    if (chunk.length >= ROWS_PER_CHUNK) await flush();
    await turns.share();
  }
  await flush();
  res.end();
  return true;
}

function withDecimalComma(value: number): string | number {
  return Number.isInteger(value) ? value : String(value).replace(".", ",");
}
