import type Database from "better-sqlite3";

/** How much one page of a keyset-paged read may hold. */
export interface PageBounds {
  rows: number;
  /** Characters of the rows' text: the page ends at the row that reaches it. */
  characters: number;
  /** A row's own text beyond this fails the read, before anything parses it. */
  largestRow?: number;
}

/**
 * One page of a keyset-paged read (the statement's `LIMIT` is `bounds.rows`): its rows, stepped
 * one at a time and stopped once their text (`charactersOf`) reaches `bounds.characters`, so a
 * page holds at most that much plus one row, however large the rows are (a page of 500 rows of
 * answers at the request body limit would otherwise be 500 times that limit). `isLast` tells the
 * reader there is no next page; a page cut short is not the last. Always at least one row when
 * any is left, so a row larger than the bound still comes, alone, unless it is beyond
 * `bounds.largestRow`: then the read fails with a clear error, where parsing the row could take
 * more memory than the reader has.
 */
export function readBoundedPage<Row>(
  statement: Database.Statement<unknown[], Row>,
  params: readonly unknown[],
  bounds: PageBounds,
  charactersOf: (row: Row) => number,
): { rows: Row[]; isLast: boolean } {
  const rows: Row[] = [];
  let characters = 0;
  // Leaving the loop early (or by the throw) resets the statement: nothing stays open between pages.
  for (const row of statement.iterate(...params)) {
    const size = charactersOf(row);
    if (bounds.largestRow !== undefined && size > bounds.largestRow) throw new OversizedRowError(size, bounds.largestRow);
    rows.push(row);
    characters += size;
    if (characters >= bounds.characters && rows.length < bounds.rows) return { rows, isLast: false };
  }
  return { rows, isLast: rows.length < bounds.rows };
}

/** A row larger than its reader may hold. */
export class OversizedRowError extends Error {
  constructor(characters: number, largest: number) {
    super(
      `a stored response's answers (${characters} characters) are larger than this reader can hold (${largest}): it was stored under a higher request body limit`,
    );
  }
}
