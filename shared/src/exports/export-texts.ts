import type { Locale } from "../locales";
import { toLocaleRecord } from "../questionnaire/localised-text";
import { forEachElement, isJsonObject, isQuestionElement, type JsonObject } from "../questionnaire/walk-definition";
import { cellElement, columnsOf } from "../statistics/questionnaire-shape";
import { itemValues } from "../statistics/choice-lists";

/** The words of a question, in each of our languages, for headers and labelled values. */
export interface QuestionTexts {
  title: Record<Locale, string>;
  theme?: string;
  choices: Map<string, Record<Locale, string>>;
  rows: Map<string, Record<Locale, string>>;
  /** A matrix's columns, the answers each row can take. */
  columns: Map<string, Record<Locale, string>>;
  /**
   * The parts of a group, by part name: a multiple text's items, a matrix of dropdowns' cells
   * (`row.column`, titled "row — column"), a dynamic matrix's columns; each with its choices.
   */
  parts: Map<string, QuestionTexts>;
}

/**
 * The texts of every question of a definition, nested ones included, by name; `language` is
 * the questionnaire's own (`locale`), whose texts stand in for languages it was not written in.
 */
export function readQuestionTexts(definition: JsonObject, into: Map<string, QuestionTexts> = new Map()): Map<string, QuestionTexts> {
  const language = typeof definition.locale === "string" ? definition.locale : undefined;
  forEachElement(definition, (element, path) => {
    if (!isQuestionElement(element, path)) return;
    const name = String(element.name);
    if (!into.has(name)) into.set(name, readTexts(element, language));
  });
  return into;
}

function readTexts(element: JsonObject, language: string | undefined): QuestionTexts {
  const text = (value: unknown, fallback: string) => toLocaleRecord(value, fallback, language);
  const items = (list: unknown) =>
    new Map(
      (Array.isArray(list) ? list : []).map((item) => {
        const value = String(isJsonObject(item) ? item.value : item);
        return [value, text(isJsonObject(item) ? (item.text ?? value) : value, value)] as const;
      }),
    );
  const choices = items(element.choices);
  if (element.showOtherItem === true || element.hasOther === true) {
    choices.set("other", text(element.otherText ?? { default: "Other", fr: "Autre", ar: "أخرى" }, "other"));
  }
  if (element.showNoneItem === true || element.hasNone === true) {
    choices.set("none", text(element.noneText ?? { default: "None", fr: "Aucun", ar: "لا شيء" }, "none"));
  }
  const texts: QuestionTexts = {
    title: text(element.title, String(element.name)),
    choices,
    rows: items(element.rows),
    columns: items(element.columns),
    parts: new Map(),
  };
  if (typeof element.theme === "string") texts.theme = element.theme;
  const type = String(element.type);
  if (type === "multipletext") {
    for (const item of (Array.isArray(element.items) ? element.items : []).filter(isJsonObject)) {
      texts.parts.set(String(item.name), readTexts({ ...item, type: "text" }, language));
    }
  }
  if (type === "matrixdropdown" || type === "matrixdynamic") {
    const columns = columnsOf(element).map((column) => ({ name: String(column.name), texts: readTexts(cellElement(element, column), language) }));
    if (type === "matrixdynamic") for (const column of columns) texts.parts.set(column.name, column.texts);
    else {
      for (const row of itemValues(element.rows)) {
        const rowTitle = texts.rows.get(row) ?? text(row, row);
        for (const column of columns) {
          const title = Object.fromEntries(Object.entries(rowTitle).map(([locale, label]) => [locale, `${label} — ${column.texts.title[locale as Locale]}`]));
          texts.parts.set(`${row}.${column.name}`, { ...column.texts, title: title as Record<Locale, string> });
        }
      }
    }
  }
  return texts;
}
