import type { Locale } from "../locales";
import { isJsonObject } from "../questionnaire/walk-definition";
import { readPath } from "../statistics/accumulators";
import { type ExportColumn, type ExportLayout, type FileProperty, type MetaColumn, type RepeatTable } from "./export-layout";
import type { QuestionTexts } from "./export-texts";

/** A response as an export reads it. */
export interface ExportableResponse {
  id: string;
  status: string;
  submittedAt: Date | null;
  locale: string;
  version: string;
  breakdown: Record<string, string>;
  answers: Record<string, unknown>;
}

/** One row of a repeat table: the entry's answers, its number and its parent's. */
export interface RepeatEntry {
  values: Record<string, unknown>;
  /** 1 for the first row or panel. */
  row: number;
  /** The row of the parent repeat table this one is inside, for a nested repeat. */
  parentRow?: number;
}

export interface ExportOptions {
  /** Header cells: question names (stable codes) or question labels. */
  header: "names" | "labels";
  /** Choice answers as their codes or their labels. */
  values: "codes" | "labels";
  locale: Locale;
}

const DETAILS: Record<Locale, string> = { fr: "précision", ar: "توضيح", en: "details" };
const FILE_WORDS: Record<FileProperty | "signature" | "count", Record<Locale, string>> = {
  name: { fr: "nom du fichier", ar: "اسم الملف", en: "file name" },
  type: { fr: "type du fichier", ar: "نوع الملف", en: "file type" },
  size: { fr: "taille (octets)", ar: "الحجم (بايت)", en: "size (bytes)" },
  signature: { fr: "signé", ar: "موقَّع", en: "signed" },
  count: { fr: "nombre", ar: "العدد", en: "count" },
};

export function headerOf(column: ExportColumn, layout: ExportLayout, options: ExportOptions): string {
  if (column.kind === "meta" || column.kind === "repeatKey") return column.key;
  if (column.kind === "breakdown") return options.header === "names" ? column.field : titleOf(layout, column.field, options.locale);
  if (options.header === "names") {
    const name = column.key.join(".");
    switch (column.kind) {
      case "choice":
      case "rank":
        return `${name}.${column.choice}`;
      case "matrixRow":
        return `${name}.${column.row}`;
      case "file":
        return `${name}.${column.property}`;
      case "repeatCount":
        return `${name}.count`;
      default:
        return name;
    }
  }
  const texts = textsOf(layout, column);
  const title = texts?.title[options.locale] ?? column.key.join(".");
  switch (column.kind) {
    case "choice":
    case "rank":
      return `${title} — ${texts?.choices.get(column.choice)?.[options.locale] ?? column.choice}`;
    case "matrixRow":
      return `${title} — ${texts?.rows.get(column.row)?.[options.locale] ?? column.row}`;
    case "comment":
      return `${title} — ${DETAILS[options.locale]}`;
    case "file":
      return `${title} — ${FILE_WORDS[column.property][options.locale]}`;
    case "signature":
      return `${title} — ${FILE_WORDS.signature[options.locale]}`;
    case "repeatCount":
      return `${title} — ${FILE_WORDS.count[options.locale]}`;
    default:
      return title;
  }
}

/**
 * The header row of a table: `headerOf` for each column, made unique. Label headers that
 * would repeat (the same question asked in several panels, one per theme) get the title of
 * their question's panel or page in front; headers still alike after that (or names alike)
 * get the column's name, then a number, so that no two columns share a header and a reader
 * (pandas, R, Excel's tables) never renames or drops one.
 */
export function headersOf(columns: readonly ExportColumn[], layout: ExportLayout, options: ExportOptions): string[] {
  const headers = columns.map((column) => headerOf(column, layout, options));
  const inContext = whereRepeated(headers, (header, index) => {
    const context = contextOf(layout, columns[index] as ExportColumn)?.[options.locale];
    return context === undefined || context === "" ? header : `${context} — ${header}`;
  });
  const named =
    options.header === "labels"
      ? whereRepeated(inContext, (header, index) => `${header} (${headerOf(columns[index] as ExportColumn, layout, { ...options, header: "names" })})`)
      : inContext;
  const seen = new Map<string, number>();
  return named.map((header) => {
    const count = (seen.get(header) ?? 0) + 1;
    seen.set(header, count);
    return count === 1 ? header : `${header} ~${count}`;
  });
}

function whereRepeated(headers: string[], rename: (header: string, index: number) => string): string[] {
  const counts = new Map<string, number>();
  for (const header of headers) counts.set(header, (counts.get(header) ?? 0) + 1);
  return headers.map((header, index) => ((counts.get(header) ?? 0) > 1 ? rename(header, index) : header));
}

function contextOf(layout: ExportLayout, column: ExportColumn): Record<Locale, string> | undefined {
  if (column.kind === "meta" || column.kind === "repeatKey") return undefined;
  return layout.texts.get(column.kind === "breakdown" ? column.field : column.question)?.context;
}

/** The texts that label a column: its question's, or its part's within the question. */
export function textsOf(layout: ExportLayout, column: ExportColumn): QuestionTexts | undefined {
  if (column.kind === "meta" || column.kind === "repeatKey") return undefined;
  if (column.kind === "breakdown") return layout.texts.get(column.field);
  const texts = layout.texts.get(column.question);
  return column.part === undefined ? texts : texts?.parts.get(column.part);
}

function titleOf(layout: ExportLayout, name: string, locale: Locale): string {
  return layout.texts.get(name)?.title[locale] ?? name;
}

/**
 * The cell of one column for one response (or, in a repeat table, one of its entries): a
 * number, or text; "" when there is no answer.
 */
export function cellOf(column: ExportColumn, response: ExportableResponse, layout: ExportLayout, options: ExportOptions, entry?: RepeatEntry): string | number {
  switch (column.kind) {
    case "meta":
      return metaCell(column.key, response);
    case "repeatKey":
      return column.key === "response_id" ? response.id : column.key === "row" ? (entry?.row ?? "") : (entry?.parentRow ?? "");
    case "breakdown":
      return labelled(layout.texts.get(column.field), ownValue(response.breakdown, column.field) ?? ownValue(response.answers, column.field), options);
  }
  const value = readPath(entry ? entry.values : response.answers, column.key);
  switch (column.kind) {
    case "answer":
      return labelled(textsOf(layout, column), value, options);
    case "choice":
      if (!Array.isArray(value) || value.length === 0) return "";
      return value.map(String).includes(column.choice) ? 1 : 0;
    case "rank": {
      if (!Array.isArray(value)) return "";
      const index = value.map(String).indexOf(column.choice);
      return index < 0 ? "" : index + 1;
    }
    case "matrixRow": {
      if (!isJsonObject(value) || !Object.hasOwn(value, column.row)) return "";
      const cell = value[column.row];
      if (cell === undefined || cell === null) return "";
      const label = options.values === "labels" ? textsOf(layout, column)?.columns.get(String(cell))?.[options.locale] : undefined;
      return label ?? scalar(cell);
    }
    case "comment":
      return scalar(value);
    case "file":
      return fileCell(value, column.property);
    case "signature":
      return typeof value === "string" ? (value === "" ? "" : 1) : value === undefined || value === null ? "" : 1;
    case "repeatCount":
      return Array.isArray(value) ? value.length : "";
  }
}

/** The rows of a repeat table for one response, nested tables reading their parents' rows. */
export function repeatEntries(table: RepeatTable, layout: ExportLayout, response: ExportableResponse): RepeatEntry[] {
  const parents: RepeatEntry[] =
    table.parent === undefined
      ? [{ values: response.answers, row: 0 }]
      : repeatEntries(layout.repeats.find((candidate) => candidate.name === table.parent) as RepeatTable, layout, response);
  return parents.flatMap((parent) => {
    const list = readPath(parent.values, table.key);
    if (!Array.isArray(list)) return [];
    return list.flatMap((values, index) =>
      isJsonObject(values) ? [{ values, row: index + 1, ...(table.parent === undefined ? {} : { parentRow: parent.row }) }] : [],
    );
  });
}

// A data URL's bytes from its base64 length; a file uploaded elsewhere (a link) has no size here.
function fileCell(value: unknown, property: FileProperty): string | number {
  const files = (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).filter(isJsonObject);
  if (files.length === 0) return "";
  const cells = files.map((file) => {
    if (property !== "size") return typeof file[property] === "string" ? (file[property] as string) : "";
    const content = typeof file.content === "string" ? file.content : "";
    const base64 = /^data:[^,]*;base64,(.*)$/s.exec(content)?.[1];
    if (base64 === undefined) return "";
    return String(Math.floor((base64.length * 3) / 4) - (base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0));
  });
  if (property === "size" && cells.length === 1 && cells[0] !== "") return Number(cells[0]);
  return cells.join("; ");
}

// Own keys only: a field named like an object's built-ins (`constructor`) is an answer, not a method.
function ownValue(record: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

function metaCell(key: MetaColumn, response: ExportableResponse): string {
  switch (key) {
    case "response_id":
      return response.id;
    case "status":
      return response.status;
    case "submitted_at":
      return response.submittedAt?.toISOString() ?? "";
    case "locale":
      return response.locale;
    case "questionnaire_version":
      return response.version;
  }
}

function labelled(texts: QuestionTexts | undefined, value: unknown, options: ExportOptions): string | number {
  if (value === undefined || value === null) return "";
  if (options.values === "labels" && (typeof value === "string" || typeof value === "number")) {
    const label = texts?.choices.get(String(value))?.[options.locale];
    if (label !== undefined) return label;
  }
  return scalar(value);
}

function scalar(value: unknown): string | number {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
