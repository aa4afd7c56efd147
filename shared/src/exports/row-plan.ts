import type { Locale } from "../locales";
import { isJsonObject } from "../questionnaire/walk-definition";
import { readPath } from "../statistics/accumulators";
import { cellOf, textsOf, type ExportableResponse, type ExportOptions, type RepeatEntry } from "./export-cells";
import type { ExportColumn, ExportLayout } from "./export-layout";
import type { QuestionTexts } from "./export-texts";

/** Reads one column's cell of one response (or one of its repeat entries). */
export type CellReader = (response: ExportableResponse, entry: RepeatEntry | undefined) => string | number;

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
  switch (column.kind) {
    case "answer": {
      const label = labelReader(textsOf(layout, column)?.choices, options);
      return (response, entry) => label(read(entry ? entry.values : response.answers));
    }
    case "choice": {
      const choice = column.choice;
      return (response, entry) => {
        const value = read(entry ? entry.values : response.answers);
        if (!Array.isArray(value) || value.length === 0) return "";
        for (const item of value) if (String(item) === choice) return 1;
        return 0;
      };
    }
    case "rank": {
      const choice = column.choice;
      return (response, entry) => {
        const value = read(entry ? entry.values : response.answers);
        if (!Array.isArray(value)) return "";
        for (let index = 0; index < value.length; index += 1) if (String(value[index]) === choice) return index + 1;
        return "";
      };
    }
    case "matrixRow": {
      const row = column.row;
      const labels = options.values === "labels" ? localeLabels(textsOf(layout, column)?.columns, options.locale) : undefined;
      return (response, entry) => {
        const value = read(entry ? entry.values : response.answers);
        if (!isJsonObject(value) || !Object.hasOwn(value, row)) return "";
        const cell = value[row];
        if (cell === undefined || cell === null) return "";
        return labels?.get(String(cell)) ?? scalarCell(cell);
      };
    }
    case "comment":
      return (response, entry) => scalarCell(read(entry ? entry.values : response.answers));
    case "repeatCount":
      return (response, entry) => {
        const value = read(entry ? entry.values : response.answers);
        return Array.isArray(value) ? value.length : "";
      };
  }
  // Files and signatures are rare and their cells are what `cellOf` computes: no plan needed.
  const rare = column;
  return (response, entry) => cellOf(rare, response, layout, options, entry);
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

/** A row's cells for a table's columns, from the readers compiled once per export. */
export function compileRowReader(
  columns: readonly ExportColumn[],
  layout: ExportLayout,
  options: ExportOptions,
): (response: ExportableResponse, entry?: RepeatEntry) => (string | number)[] {
  const readers = compileCellReaders(columns, layout, options);
  const count = readers.length;
  return (response, entry) => {
    const cells = new Array<string | number>(count);
    for (let index = 0; index < count; index += 1) cells[index] = (readers[index] as CellReader)(response, entry);
    return cells;
  };
}
