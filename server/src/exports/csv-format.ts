import {
  compileRowWriter,
  neutraliseFormula,
  type ExportColumn,
  type ExportLayout,
  type ExportOptions,
  type ExportableResponse,
  type RepeatEntry,
} from "@passerelle/shared";

/** A CSV's delimiter: `,`, or `;` for spreadsheets set to French (with decimal commas). */
export type CsvDelimiter = "," | ";";

/** Writes one cell as CSV text: neutralised, quoted when it must be, numbers in the variant's decimals. */
export type CsvCellFormatter = (cell: string | number) => string;

/**
 * The text of a cell in a CSV, exactly as `Papa.unparse` writes it (a round-trip test reads
 * our files back with papaparse): a field is quoted when it holds the delimiter, a quote, a line
 * end or a byte-order mark, or starts or ends with a space; quotes inside are doubled. Text that
 * a spreadsheet would run as a formula gets its apostrophe first. In the `;` variant, for
 * spreadsheets set to French which read "0,5" as a number and "0.5" as text, fractions get a
 * decimal comma. One regular expression per cell instead of papaparse's several scans, and no
 * array of rows to build: the cells of a row go straight into its line.
 */
export function csvCellFormatter(delimiter: CsvDelimiter): CsvCellFormatter {
  const needsQuotes = delimiter === ";" ? /[";\r\n\ufeff]|^ | $/ : /[",\r\n\ufeff]|^ | $/;
  const formatNumber = delimiter === ";" ? withDecimalComma : String;
  return (cell) => {
    if (typeof cell === "number") return formatNumber(cell);
    if (cell === "") return cell;
    const text = neutraliseFormula(cell) as string;
    return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
}

/** A row of cells as one CSV line, without its line end. */
export function csvLineOf(cells: readonly (string | number)[], delimiter: CsvDelimiter, format: CsvCellFormatter = csvCellFormatter(delimiter)): string {
  let line = "";
  for (let index = 0; index < cells.length; index += 1)
    line += index === 0 ? format(cells[index] as string | number) : delimiter + format(cells[index] as string | number);
  return line;
}

/**
 * The CSV line of a response (or one of its repeat entries) for a table's columns, compiled
 * once per export: the compiled row reader quotes each cell the row has as it reads it (an empty
 * cell stays empty), and the cells are joined in one step.
 */
export function compileCsvLine(
  columns: readonly ExportColumn[],
  layout: ExportLayout,
  options: ExportOptions & { delimiter: CsvDelimiter },
): (response: ExportableResponse, entry?: RepeatEntry) => string {
  const cellsOf = compileRowWriter(columns, layout, options, csvCellFormatter(options.delimiter));
  const { delimiter } = options;
  return (response, entry) => cellsOf(response, entry).join(delimiter);
}

function withDecimalComma(value: number): string {
  return Number.isInteger(value) ? String(value) : String(value).replace(".", ",");
}
