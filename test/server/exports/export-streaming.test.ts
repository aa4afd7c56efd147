import { Writable } from "node:stream";
import type { Response } from "express";
import { writeCsv } from "../../../server/src/exports/csv-stream";
import { writeWorkbook } from "../../../server/src/exports/xlsx-stream";

/** Rows without end, counting how many were asked for and whether the source was closed. */
function endlessRows() {
  const source = { produced: 0, closed: false };
  async function* rows() {
    try {
      for (;;) {
        source.produced += 1;
        yield [`response ${source.produced}`, source.produced, "بلدية صور"];
      }
    } finally {
      source.closed = true;
    }
  }
  return { source, rows: rows() };
}

/** A client that reads slowly, then hangs up after a few chunks, as a closed browser tab does. */
function clientHangingUpAfter(chunks: number): Response {
  let received = 0;
  const client = new Writable({
    highWaterMark: 16 * 1024,
    write(_chunk, _encoding, callback) {
      received += 1;
      setTimeout(() => {
        callback();
        if (received === chunks) client.destroy();
      }, 5);
    },
  });
  return client as unknown as Response;
}

describe.each([
  ["CSV", (res: Response, rows: AsyncIterable<(string | number)[]>) => writeCsv(res, rows, { delimiter: ",", bom: true })],
  ["Excel", (res: Response, rows: AsyncIterable<(string | number)[]>) => writeWorkbook(res, [{ name: "Responses", rows }], { rightToLeft: false })],
])("a %s download whose client goes away", (_format, write) => {
  it("stops reading responses and closes the source", async () => {
    const { source, rows } = endlessRows();
    const completed = await write(clientHangingUpAfter(3), rows);
    expect(completed).toBe(false);
    expect(source.closed).toBe(true);
    // A few chunks of a few hundred rows each were read, not the endless rest.
    expect(source.produced).toBeLessThan(50_000);
  });

  it("waits for a slow client instead of reading ahead", async () => {
    const { source, rows } = endlessRows();
    const res = clientHangingUpAfter(Number.POSITIVE_INFINITY);
    const writing = write(res, rows);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const readAhead = source.produced;
    // The client takes one chunk per 5 ms; an unpaced writer would read millions of rows meanwhile.
    expect(readAhead).toBeLessThan(50_000);
    (res as unknown as Writable).destroy();
    expect(await writing).toBe(false);
  });
});
