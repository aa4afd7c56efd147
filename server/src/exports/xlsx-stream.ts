import { once } from "node:events";
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

// Rows between two pauses that let the zip and the socket catch up.
const ROWS_PER_CHUNK = 500;

/**
 * Streams an .xlsx workbook to an HTTP response with exceljs's streaming writer: rows are
 * written as they come and forgotten, strings are stored inline (no shared-strings table that
 * would grow with the file), and every chunk of rows waits for the socket to drain, so memory
 * stays flat with a slow client. The header row is frozen and filterable; the sheets read right
 * to left for an Arabic export. Text is stored as text cells, which a spreadsheet shows and never
 * runs as a formula, so unlike CSV it needs no neutralising apostrophe.
 *
 * Without cell styles: they would triple the time per cell (exceljs merges a style object for
 * every cell). Dates still get the reader's short date format, which Excel applies by default.
 * Stops, returning false, as soon as the client goes away.
 */
export async function writeWorkbook(res: Response, sheets: readonly WorkbookSheet[], options: { rightToLeft: boolean }): Promise<boolean> {
  let isClosed = false;
  res.on("close", () => (isClosed = true));
  // A client gone mid-file makes the zip's writes fail; the export just stops.
  res.on("error", () => (isClosed = true));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
  const pace = async () => {
    // Let the zip compress and the socket send what was written, then wait for a slow reader.
    await new Promise((resolve) => setImmediate(resolve));
    while (res.writableNeedDrain && !isClosed) await Promise.race([once(res, "drain"), once(res, "close")]);
  };
  const turns = eventLoopShare();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, {
      views: [{ state: "frozen", ySplit: 1, rightToLeft: options.rightToLeft }],
    });
    let rowCount = 0;
    for await (const cells of sheet.rows) {
      if (isClosed || res.destroyed) return false;
      if (rowCount === 0) {
        worksheet.columns = cells.map((header) => ({ width: Math.min(Math.max(String(header).length + 2, 10), 50) }));
        worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(cells.length, 1) } };
      }
      // An empty cell is left out of the file rather than written as an empty string.
      worksheet.addRow(cells.map((cell) => (cell === "" ? null : cell))).commit();
      rowCount += 1;
      if (rowCount % ROWS_PER_CHUNK === 0) await pace();
      // Building XML is the costly part: other requests get their turn every few milliseconds.
      else await turns.share();
    }
    worksheet.commit();
    await pace();
  }
  if (isClosed) return false;
  await workbook.commit();
  return true;
}
