/**
 * What a spreadsheet could run as a formula: a cell starting with a tab, a carriage return or a
 * line feed (refused as-is, OWASP), or one whose first character, once the spreadsheet has
 * skipped what it treats as blank, starts a formula or a DDE call (= + - @ and their full-width
 * forms ＝ ＋ － ＠). Skipped before that decision: spaces and other white space (tab, line feed,
 * carriage return, no-break spaces), zero-width characters and byte-order marks, and quotes that
 * it may drop when it reads the file ("=…" wrapped in quotes once more, '=…). One anchored test,
 * no copy of the cell: every text cell of every CSV goes through it.
 */
const FORMULA_RISK =
  /^(?:[\t\r\n]|[\s\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff"'\u2018\u2019\u201c\u201d]*[=+\-@\uff1d\uff0b\uff0d\uff20])/u;

/**
 * Makes a text cell safe to open in a spreadsheet, following OWASP's CSV-injection guidance:
 * text that a spreadsheet could read as a formula, even behind leading spaces, invisible
 * characters or quotes, gets a leading apostrophe, shown as text and never run. Numbers are ours
 * and safe. Every CSV the app writes goes through here.
 */
export function neutraliseFormula(cell: string | number): string | number {
  if (typeof cell !== "string" || isPlainStart(cell.charCodeAt(0))) return cell;
  return FORMULA_RISK.test(cell) ? `'${cell}` : cell;
}

// Most cells start with a letter or a digit (Latin or Arabic), which can neither be skipped nor
// start a formula: they need no regular expression. An empty cell (NaN) takes the full test.
function isPlainStart(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xc0 && code <= 0x24f) ||
    (code >= 0x621 && code <= 0x64a)
  );
}
