import Database from "better-sqlite3";
import { readBoundedPage, type PageBounds } from "../../../server/src/store/embedded/sqlite-bounded-page";

// A table of rows of given text lengths, read page after page as the responses' stream reads them.
function pagesOf(lengths: readonly number[], bounds: PageBounds): number[][] {
  const db = new Database(":memory:");
  db.exec("CREATE TABLE rows (text TEXT NOT NULL)");
  const insert = db.prepare("INSERT INTO rows (text) VALUES (?)");
  for (const length of lengths) insert.run("x".repeat(length));
  const page = db.prepare<unknown[], { text: string; seq: number }>(`SELECT text, rowid AS seq FROM rows WHERE rowid > ? ORDER BY rowid LIMIT ${bounds.rows}`);
  const pages: number[][] = [];
  let after = 0;
  for (;;) {
    const { rows, isLast } = readBoundedPage(page, [after], bounds, (row) => row.text.length);
    if (rows.length > 0) pages.push(rows.map((row) => row.text.length));
    const last = rows.at(-1);
    if (!last || isLast) break;
    after = last.seq;
  }
  db.close();
  return pages;
}

describe("a page of the responses' stream, bounded by rows and by characters", () => {
  it.each([
    { case: "small rows: pages of the row bound", lengths: [1, 1, 1, 1, 1], bounds: { rows: 2, characters: 100 }, pages: [[1, 1], [1, 1], [1]] },
    {
      case: "rows filling the character bound: the page ends at the row reaching it",
      lengths: [40, 40, 40, 40, 10],
      bounds: { rows: 10, characters: 100 },
      pages: [
        [40, 40, 40],
        [40, 10],
      ],
    },
    { case: "a row larger than the bound comes alone", lengths: [5, 500, 5], bounds: { rows: 10, characters: 100 }, pages: [[5, 500], [5]] },
    {
      case: "a page cut at the character bound with exactly the row bound left is not taken for the last",
      lengths: [60, 60, 1, 1],
      bounds: { rows: 2, characters: 100 },
      pages: [
        [60, 60],
        [1, 1],
      ],
    },
    { case: "no rows", lengths: [], bounds: { rows: 3, characters: 100 }, pages: [] },
  ])("$case", ({ lengths, bounds, pages }) => {
    const read = pagesOf(lengths, bounds);
    expect(read).toEqual(pages);
    expect(read.flat()).toEqual(lengths);
  });

  it("fails, before anything parses it, on a row beyond the largest it may read", () => {
    expect(() => pagesOf([5, 5, 300, 5], { rows: 10, characters: 100, largestRow: 200 })).toThrow(
      /\(300 characters\) are larger than this reader can hold \(200\)/,
    );
  });
});
