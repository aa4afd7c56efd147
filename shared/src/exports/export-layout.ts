import type { Locale } from "../locales";
import { toLocaleRecord } from "../questionnaire/localised-text";
import { forEachElement, isJsonObject, isQuestionElement, type JsonObject } from "../questionnaire/walk-definition";
import { readQuestionnaireShape, type QuestionShape } from "../statistics/questionnaire-shape";

export const META_COLUMNS = ["response_id", "status", "submitted_at", "locale", "questionnaire_version"] as const;
export type MetaColumn = (typeof META_COLUMNS)[number];

/** One column of a raw export. */
export type ExportColumn =
  | { kind: "meta"; key: MetaColumn }
  | { kind: "breakdown"; field: string }
  /** The answer itself: single choice, number, yes/no, text. */
  | { kind: "answer"; question: string }
  /** Multiple choice: 1 when chosen, 0 when the question was answered without it. */
  | { kind: "choice"; question: string; choice: string }
  /** Ranking: the item's rank, 1 first; empty when not ranked. */
  | { kind: "rank"; question: string; choice: string }
  /** Matrix: the column chosen for one row. */
  | { kind: "matrixRow"; question: string; row: string }
  /** The "other" text or comment of a question. */
  | { kind: "comment"; question: string };

export interface QuestionTexts {
  title: Record<Locale, string>;
  theme?: string;
  choices: Map<string, Record<Locale, string>>;
  rows: Map<string, Record<Locale, string>>;
  /** A matrix's columns, the answers each row can take. */
  columns: Map<string, Record<Locale, string>>;
}

export interface ExportLayout {
  columns: ExportColumn[];
  texts: Map<string, QuestionTexts>;
}

const COMMENT_SUFFIX = "-Comment";

/**
 * The columns of a raw export: metadata, breakdown fields, then the questions in questionnaire
 * order, one column or a group of columns each. Built from the current definition, then from
 * older versions for the questions they had and it no longer has, so every response's answers
 * land in their question's columns whatever version it answered.
 */
export function buildExportLayout(current: JsonObject, olderVersions: readonly JsonObject[] = []): ExportLayout {
  const columns: ExportColumn[] = META_COLUMNS.map((key) => ({ kind: "meta", key }));
  const shape = readQuestionnaireShape(current);
  for (const field of shape.breakdownFields) columns.push({ kind: "breakdown", field });
  const texts = new Map<string, QuestionTexts>();
  for (const definition of [current, ...olderVersions]) {
    const questions = new Map(readQuestionnaireShape(definition).questions.map((question) => [question.name, question]));
    forEachElement(definition, (element, path) => {
      if (!isQuestionElement(element, path)) return;
      const name = String(element.name);
      const question = questions.get(name);
      if (!question || texts.has(name)) return;
      texts.set(name, readTexts(element));
      columns.push(...columnsOf(question, element));
    });
  }
  return { columns, texts };
}

function columnsOf(question: QuestionShape, element: JsonObject): ExportColumn[] {
  const name = question.name;
  const own: ExportColumn[] =
    question.kind === "multi"
      ? question.choices.map((choice) => ({ kind: "choice", question: name, choice }))
      : question.kind === "ranking"
        ? question.choices.map((choice) => ({ kind: "rank", question: name, choice }))
        : question.kind === "matrix"
          ? (question.rows ?? []).map((row) => ({ kind: "matrixRow", question: name, row }))
          : [{ kind: "answer", question: name }];
  const hasComment = element.showOtherItem === true || element.hasOther === true || element.showCommentArea === true;
  return hasComment ? [...own, { kind: "comment", question: name }] : own;
}

function readTexts(element: JsonObject): QuestionTexts {
  const items = (list: unknown) =>
    new Map(
      (Array.isArray(list) ? list : []).map((item) => {
        const value = String(isJsonObject(item) ? item.value : item);
        return [value, toLocaleRecord(isJsonObject(item) ? (item.text ?? value) : value, value)] as const;
      }),
    );
  const choices = items(element.choices);
  if (element.showOtherItem === true) choices.set("other", toLocaleRecord(element.otherText ?? { default: "Other", fr: "Autre", ar: "أخرى" }, "other"));
  if (element.showNoneItem === true) choices.set("none", toLocaleRecord(element.noneText ?? { default: "None", fr: "Aucun", ar: "لا شيء" }, "none"));
  const texts: QuestionTexts = { title: toLocaleRecord(element.title, String(element.name)), choices, rows: items(element.rows), columns: items(element.columns) };
  if (typeof element.theme === "string") texts.theme = element.theme;
  return texts;
}

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

export interface ExportOptions {
  /** Header cells: question names (stable codes) or question labels. */
  header: "names" | "labels";
  /** Choice answers as their codes or their labels. */
  values: "codes" | "labels";
  locale: Locale;
}

export function headerOf(column: ExportColumn, layout: ExportLayout, options: ExportOptions): string {
  if (column.kind === "meta") return column.key;
  if (column.kind === "breakdown") return options.header === "names" ? column.field : titleOf(layout, column.field, options.locale);
  const name = column.question;
  if (options.header === "names") {
    if (column.kind === "choice" || column.kind === "rank") return `${name}.${column.choice}`;
    if (column.kind === "matrixRow") return `${name}.${column.row}`;
    if (column.kind === "comment") return `${name}${COMMENT_SUFFIX}`;
    return name;
  }
  const title = titleOf(layout, name, options.locale);
  const texts = layout.texts.get(name);
  if (column.kind === "choice" || column.kind === "rank") return `${title} — ${texts?.choices.get(column.choice)?.[options.locale] ?? column.choice}`;
  if (column.kind === "matrixRow") return `${title} — ${texts?.rows.get(column.row)?.[options.locale] ?? column.row}`;
  if (column.kind === "comment") return `${title} — ${options.locale === "fr" ? "précision" : options.locale === "ar" ? "توضيح" : "details"}`;
  return title;
}

function titleOf(layout: ExportLayout, name: string, locale: Locale): string {
  return layout.texts.get(name)?.title[locale] ?? name;
}

/** The cell of one column for one response: a number, or text; "" when there is no answer. */
export function cellOf(column: ExportColumn, response: ExportableResponse, layout: ExportLayout, options: ExportOptions): string | number {
  switch (column.kind) {
    case "meta":
      return metaCell(column.key, response);
    case "breakdown":
      return labelled(layout, column.field, response.breakdown[column.field] ?? response.answers[column.field], options);
    case "answer":
      return labelled(layout, column.question, response.answers[column.question], options);
    case "choice": {
      const value = response.answers[column.question];
      if (!Array.isArray(value) || value.length === 0) return "";
      return value.map(String).includes(column.choice) ? 1 : 0;
    }
    case "rank": {
      const value = response.answers[column.question];
      if (!Array.isArray(value)) return "";
      const index = value.map(String).indexOf(column.choice);
      return index < 0 ? "" : index + 1;
    }
    case "matrixRow": {
      const value = response.answers[column.question];
      if (!isJsonObject(value)) return "";
      const cell = value[column.row];
      if (cell === undefined || cell === null) return "";
      return options.values === "labels" ? String(cell) : scalar(cell);
    }
    case "comment":
      return scalar(response.answers[`${column.question}${COMMENT_SUFFIX}`]);
  }
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

function labelled(layout: ExportLayout, question: string, value: unknown, options: ExportOptions): string | number {
  if (value === undefined || value === null) return "";
  if (options.values === "labels" && (typeof value === "string" || typeof value === "number")) {
    const label = layout.texts.get(question)?.choices.get(String(value))?.[options.locale];
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

// The guard every CSV goes through, in a module of its own.
export { neutraliseFormula } from "./formula-guard";
