import { PassThrough, type Writable } from "node:stream";
import type { Response } from "express";
import ExcelJS from "exceljs";
import { eventLoopShare } from "./event-loop-share";

export type WorkbookCell = string | number | Date;

export interface WorkbookSheet {
  /** At most 31 characters, none of `[]:*?/\`: Excel's rules for sheet names. */
  name: string;
  /** The header row first, then the data rows. */
  rows: AsyncIterable<WorkbookCell[]> | Iterable<WorkbookCell[]>;
}

// Bytes of a sheet's XML held before its writer waits for the zip (and so the client) to take them.
const SHEET_BUFFER_BYTES = 256 * 1024;

/**
 * A sheet's XML on its way into the zip. exceljs writes strings and its own string buffers
 * (which give a copy of their bytes with `toBuffer()`); a standard stream takes bytes.
 */
class SheetStream extends PassThrough {
  override write(chunk: unknown, ...rest: unknown[]): boolean {
    const bytes = typeof chunk === "string" || Buffer.isBuffer(chunk) ? chunk : (chunk as { toBuffer(): Buffer }).toBuffer();
    return (super.write as (chunk: unknown, ...rest: unknown[]) => boolean)(bytes, ...rest);
  }
}

/**
 * exceljs's streaming writer with one change: each file of the zip (a sheet's XML above all) is
 * written into a standard stream rather than exceljs's own buffer. exceljs's buffer pushes
 * everything into the zip whatever the zip can take (no backpressure: exceljs issues 464 and
 * 734), so with a client that stops reading, the rest of the workbook piled up in memory. A
 * PassThrough piped into the zip fills up when the client stalls, and says so.
 */
class PacedWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  /** The stream the sheet being written goes into. */
  current: SheetStream | undefined;

  _openStream(path: string): SheetStream {
    const stream = new SheetStream({ highWaterMark: SHEET_BUFFER_BYTES });
    (this as unknown as { zip: { append(source: SheetStream, data: { name: string }): void } }).zip.append(stream, { name: path });
    // What exceljs waits for before it finishes the workbook: every byte taken by the zip.
    stream.on("finish", () => stream.emit("zipped"));
    this.current = stream;
    return stream;
  }
}

/**
 * Streams an .xlsx workbook to an HTTP response with exceljs's streaming writer: rows are
 * written as they come and forgotten, strings are stored inline (no shared-strings table that
 * would grow with the file), and when the sheet's stream is full (the zip and the socket behind
 * it are) the next row waits until it drains, so a client that reads slowly or not at all holds
 * a fixed amount of memory, whatever the file's size. The header row is frozen and filterable;
 * the sheets read right to left for an Arabic export. Text is stored as text cells, which a
 * spreadsheet shows and never runs as a formula, so unlike CSV it needs no neutralising
 * apostrophe.
 *
 * Without cell styles: they would triple the time per cell (exceljs merges a style object for
 * every cell). Dates still get the reader's short date format, which Excel applies by default.
 * Stops, returning false, as soon as the client goes away.
 */
export async function writeWorkbook(res: Response, sheets: readonly WorkbookSheet[], options: { rightToLeft: boolean }): Promise<boolean> {
  let isClosed = false;
  const closed = new Promise<void>((resolve) => res.once("close", resolve)).then(() => (isClosed = true));
  // A client gone mid-file makes the zip's writes fail; the export just stops.
  res.on("error", () => (isClosed = true));
  const workbook = new PacedWorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
  const isGone = () => isClosed || res.destroyed;
  const untilTaken = async (stream: Writable | undefined) => {
    while (stream?.writableNeedDrain && !isGone()) await Promise.race([drained(stream), closed]);
  };
  const turns = eventLoopShare();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, {
      views: [{ state: "frozen", ySplit: 1, rightToLeft: options.rightToLeft }],
    });
    const stream = workbook.current;
    let rowCount = 0;
    for await (const cells of sheet.rows) {
      if (isGone()) return false;
      if (rowCount === 0) {
        worksheet.columns = cells.map((header) => ({ width: Math.min(Math.max(String(header).length + 2, 10), 50) }));
        worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(cells.length, 1) } };
      }
      // An empty cell is left out of the file rather than written as an empty string.
      worksheet.addRow(cells.map((cell) => (cell === "" ? null : cell))).commit();
      rowCount += 1;
      await untilTaken(stream);
      // Building XML is the costly part: other requests get their turn every few milliseconds.
      await turns.share();
    }
    worksheet.commit();
    await untilTaken(stream);
  }
  if (isGone()) return false;
  await workbook.commit();
  return true;
}

function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => stream.once("drain", resolve));
}
