import type { Locale } from "../locales";
import { isJsonObject } from "../questionnaire/walk-definition";
import { readPath } from "../statistics/accumulators";
import { cellOf, textsOf, type ExportableResponse, type ExportOptions, type RepeatEntry } from "./export-cells";
import type { ExportColumn, ExportLayout } from "./export-layout";
import type { QuestionTexts } from "./export-texts";

/** Reads one column's cell of one response (or one of its repeat entries). */
export type CellReader = (response: ExportableResponse, entry: RepeatEntry | undefined) => string | number;

/** A column's cell from the value under its key, for a value that is there (neither undefined nor null). */
type ValueCell = (value: unknown) => string | number;

/**
 * The cells of a table's columns, compiled once per export: each column gets a reader that
 * goes straight to its value (the path, the choice, the label map are resolved up front), so
 * a row costs a few property reads per column instead of a walk of the layout and its texts.
 * Gives exactly what `cellOf` gives for the same column (a property test holds them equal);
 * `cellOf` stays the readable definition of what a cell is.
 */
export function compileCellReaders(columns: readonly ExportColumn[], layout: ExportLayout, options: ExportOptions): CellReader[] {
  return columns.map((column) => compileReader(column, layout, options));
}

function compileReader(column: ExportColumn, layout: ExportLayout, options: ExportOptions): CellReader {
  switch (column.kind) {
    case "meta":
      switch (column.key) {
        case "response_id":
          return (response) => response.id;
        case "status":
          return (response) => response.status;
        case "submitted_at":
          return (response) => response.submittedAt?.toISOString() ?? "";
        case "locale":
          return (response) => response.locale;
        case "questionnaire_version":
          return (response) => response.version;
      }
      break;
    case "repeatKey":
      if (column.key === "response_id") return (response) => response.id;
      if (column.key === "row") return (_response, entry) => entry?.row ?? "";
      return (_response, entry) => entry?.parentRow ?? "";
    case "breakdown": {
      const read = pathReader([column.field]);
      const label = labelReader(layout.texts.get(column.field)?.choices, options);
      return (response) => label(read(response.breakdown) ?? read(response.answers));
    }
  }
  const read = pathReader(column.key);
  const cell = valueCellOf(column, layout, options);
  if (cell !== undefined)
    return (response, entry) => {
      const value = read(entry ? entry.values : response.answers);
      return value === undefined || value === null ? "" : cell(value);
    };
  // Files and signatures are rare and their cells are what `cellOf` computes: no plan needed.
  const rare = column;
  return (response, entry) => cellOf(rare, response, layout, options, entry);
}

/**
 * How an answer column turns the value under its key into its cell; undefined for the columns
 * that are not read from one answer (the response's own fields, files and signatures). Every
 * such column's cell is "" where the value is missing or null, which the row reader relies on.
 */
function valueCellOf(column: ExportColumn, layout: ExportLayout, options: ExportOptions): ValueCell | undefined {
  switch (column.kind) {
    case "answer":
      return labelReader(textsOf(layout, column)?.choices, options);
    case "choice": {
      const choice = column.choice;
      return (value) => {
        if (!Array.isArray(value) || value.length === 0) return "";
        for (const item of value) if (String(item) === choice) return 1;
        return 0;
      };
    }
    case "rank": {
      const choice = column.choice;
      return (value) => {
        if (!Array.isArray(value)) return "";
        for (let index = 0; index < value.length; index += 1) if (String(value[index]) === choice) return index + 1;
        return "";
      };
    }
    case "matrixRow": {
      const row = column.row;
      const labels = options.values === "labels" ? localeLabels(textsOf(layout, column)?.columns, options.locale) : undefined;
      return (value) => {
        if (!isJsonObject(value) || !Object.hasOwn(value, row)) return "";
        const cell = value[row];
        if (cell === undefined || cell === null) return "";
        return labels?.get(String(cell)) ?? scalarCell(cell);
      };
    }
    case "comment":
      return scalarCell;
    case "repeatCount":
      return (value) => (Array.isArray(value) ? value.length : "");
    default:
      return undefined;
  }
}

/** A reader of the value at `key`, own keys only (as `readPath`), with the one-key case (most columns) unrolled. */
function pathReader(key: readonly string[]): (record: unknown) => unknown {
  if (key.length !== 1) return (record) => readPath(record, key);
  const name = key[0] as string;
  return (record) => ownValue(record, name);
}

function ownValue(record: unknown, name: string): unknown {
  return isJsonObject(record) && Object.hasOwn(record, name) ? record[name] : undefined;
}

/** An answer as a cell: its choice's label when labels are asked for and it has one, else itself. */
function labelReader(choices: QuestionTexts["choices"] | undefined, options: ExportOptions): (value: unknown) => string | number {
  const labels = options.values === "labels" ? localeLabels(choices, options.locale) : undefined;
  if (labels === undefined || labels.size === 0) return scalarCell;
  return (value) => {
    if (typeof value === "string" || typeof value === "number") {
      const label = labels.get(String(value));
      if (label !== undefined) return label;
    }
    return scalarCell(value);
  };
}

function localeLabels(texts: Map<string, Record<Locale, string>> | undefined, locale: Locale): Map<string, string> | undefined {
  if (texts === undefined) return undefined;
  const labels = new Map<string, string>();
  for (const [code, words] of texts) if (words[locale] !== undefined) labels.set(code, words[locale]);
  return labels;
}

function scalarCell(value: unknown): string | number {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return value;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  return JSON.stringify(value);
}

// The answer's key of a column read from one answer of the record; undefined for the others.
function oneKeyOf(column: ExportColumn): string | undefined {
  if (column.kind === "meta" || column.kind === "repeatKey" || column.kind === "breakdown") return undefined;
  return column.key.length === 1 ? column.key[0] : undefined;
}

/**
 * A row's cells for a table's columns, compiled once per export. A response answers a few of
 * the questions a questionnaire asks (a census row: 37 answers for 135 answer columns), so
 * rather than asking each column for its value, the row starts empty and the reader walks the
 * answers the record holds, each straight to the cells of its columns (a column in several
 * cells, a multiple choice in one per choice); the response's own fields, the paths deeper
 * than one key, files and signatures are read column by column. The same cells as `cellOf`,
 * which a property test holds.
 */
export function compileRowReader(
  columns: readonly ExportColumn[],
  layout: ExportLayout,
  options: ExportOptions,
): (response: ExportableResponse, entry?: RepeatEntry) => (string | number)[] {
  return compileRowWriter(columns, layout, options, (cell) => cell);
}

/**
 * The same row reader, each cell written by `write` as it is read (a CSV's quoting, say): only
 * the cells a row has are written, the others stay `write("")`, which must be "".
 */
export function compileRowWriter<Cell>(
  columns: readonly ExportColumn[],
  layout: ExportLayout,
  options: ExportOptions,
  write: (cell: string | number) => Cell,
): (response: ExportableResponse, entry?: RepeatEntry) => (Cell | "")[] {
  const count = columns.length;
  const everyRow: { index: number; read: CellReader }[] = [];
  const byKey = new Map<string, { index: number; cell: ValueCell }[]>();
  columns.forEach((column, index) => {
    const key = oneKeyOf(column);
    const cell = key === undefined ? undefined : valueCellOf(column, layout, options);
    if (key === undefined || cell === undefined) {
      everyRow.push({ index, read: compileReader(column, layout, options) });
      return;
    }
    const cells = byKey.get(key) ?? [];
    cells.push({ index, cell });
    byKey.set(key, cells);
  });
  return (response, entry) => {
    const cells = new Array<Cell | "">(count).fill("");
    for (const { index, read } of everyRow) cells[index] = write(read(response, entry));
    const values = entry ? entry.values : response.answers;
    if (!isJsonObject(values)) return cells;
    for (const key of Object.keys(values)) {
      const planned = byKey.get(key);
      if (planned === undefined) continue;
      const value = values[key];
      if (value === undefined || value === null) continue;
      for (const { index, cell } of planned) cells[index] = write(cell(value));
    }
    return cells;
  };
}
