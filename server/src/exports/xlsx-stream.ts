import { PassThrough, type Writable } from "node:stream";
import type { Response } from "express";
import { ZipFile } from "yazl";
import { eventLoopShare } from "./event-loop-share";
import { packageParts, SHEET_CHUNK_CHARACTERS, SheetXml, sheetPath, type WorkbookCell } from "./xlsx-xml";

export type { WorkbookCell } from "./xlsx-xml";

/**
 * A sheet of a workbook: its rows, header first, written here; or its XML already written
 * (`sheetTableXml`: a table of responses, in a worker thread or in this one).
 */
export type WorkbookSheet = {
  /** At most 31 characters, none of `[]:*?/\`: Excel's rules for sheet names. */
  name: string;
} & ({ rows: AsyncIterable<WorkbookCell[]> | Iterable<WorkbookCell[]> } | { xml: AsyncIterable<string | Uint8Array> });

// Bytes of a sheet's XML held before its writer waits for the zip (and so the client) to take them.
const SHEET_BUFFER_BYTES = 256 * 1024;

/**
 * Streams an .xlsx workbook to an HTTP response: the sheets' XML is written by our own writer
 * (xlsx-xml.ts: a row is one string, strings inline, no object per cell), and zipped by yazl,
 * whose deflate runs in Node's zlib off the JavaScript thread. Rows are written as they come and
 * forgotten, gathered into chunks; each sheet goes into the zip through a standard stream, and
 * when it is full (the zip and the socket behind it are) the next rows wait until it drains, so
 * a client that reads slowly or not at all holds a fixed amount of memory, whatever the file's
 * size. The header row is frozen and filterable; the sheets read right to left for an Arabic
 * export. Text is stored as text cells, which a spreadsheet shows and never runs as a formula,
 * so unlike CSV it needs no neutralising apostrophe. Dates get the reader's short date format.
 * Stops, returning false, as soon as the client goes away.
 */
export async function writeWorkbook(res: Response, sheets: readonly WorkbookSheet[], options: { rightToLeft: boolean }): Promise<boolean> {
  let isClosed = false;
  const closed = new Promise<void>((resolve) => res.once("close", resolve)).then(() => (isClosed = true));
  // A client gone mid-file makes the zip's writes fail; the export just stops.
  res.on("error", () => (isClosed = true));
  const isGone = () => isClosed || res.destroyed;
  const zip = new ZipFile();
  const output = zip.outputStream as unknown as PassThrough;
  output.pipe(res);
  const mtime = new Date();
  for (const part of packageParts(sheets.map((sheet) => sheet.name))) zip.addBuffer(Buffer.from(part.xml), part.path, { mtime });
  const untilTaken = async (stream: Writable) => {
    while (stream.writableNeedDrain && !isGone()) await Promise.race([drained(stream), closed]);
  };
  const turns = eventLoopShare();
  let sheetStream: PassThrough | undefined;
  let isComplete = false;
  try {
    for (const [index, sheet] of sheets.entries()) {
      const stream = new PassThrough({ highWaterMark: SHEET_BUFFER_BYTES });
      sheetStream = stream;
      zip.addReadStream(stream, sheetPath(index), { mtime });
      for await (const piece of "xml" in sheet ? sheet.xml : sheetXml(sheet.rows, options)) {
        if (isGone()) return false;
        stream.write(piece);
        await untilTaken(stream);
        // Building XML is the costly part: other requests get their turn every few milliseconds.
        await turns.share();
      }
      stream.end();
      await untilTaken(stream);
    }
    if (isGone()) return false;
    const done = new Promise<void>((resolve) => res.once("finish", resolve));
    zip.end();
    await Promise.race([done, closed]);
    isComplete = res.writableFinished;
    return isComplete;
  } finally {
    // Gone mid-file (or a sheet's rows failed): let go of the zip's streams rather than leave them waiting.
    if (!isComplete) {
      sheetStream?.destroy();
      output.unpipe(res);
      output.destroy();
    }
  }
}

// A sheet's rows as its XML, gathered into chunks of many rows.
async function* sheetXml(rows: AsyncIterable<WorkbookCell[]> | Iterable<WorkbookCell[]>, options: { rightToLeft: boolean }): AsyncIterable<string> {
  const xml = new SheetXml(options);
  let chunk = "";
  let hasRows = false;
  for await (const cells of rows) {
    chunk += hasRows ? xml.row(cells) : xml.start(cells);
    hasRows = true;
    if (chunk.length >= SHEET_CHUNK_CHARACTERS) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}${hasRows ? "" : xml.start(undefined)}${xml.end()}`;
}

function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => stream.once("drain", resolve));
}
