import type { Locale } from "../locales";
import { toLocaleRecord } from "../questionnaire/localised-text";
import { forEachElement, isJsonObject, isQuestionElement, type JsonObject, type JsonPath } from "../questionnaire/walk-definition";
import { cellElement, columnsOf } from "../statistics/questionnaire-shape";
import { itemValues } from "../statistics/choice-lists";

/** The words of a question, in each of our languages, for headers and labelled values. */
export interface QuestionTexts {
  title: Record<Locale, string>;
  /**
   * The title of the nearest titled panel or page around the question: what tells apart
   * questions asked alike in several places (the same "Describe the need" in each theme's panel).
   */
  context?: Record<Locale, string>;
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
    if (into.has(name)) return;
    const texts = readTexts(element, language);
    const container = nearestTitledContainer(definition, path);
    if (container !== undefined) texts.context = toLocaleRecord(container.title, String(container.name ?? ""), language);
    into.set(name, texts);
  });
  return into;
}

// The innermost panel, dynamic panel or page around the element at `path` that has a title.
function nearestTitledContainer(definition: JsonObject, path: JsonPath): JsonObject | undefined {
  const ancestors: JsonObject[] = [];
  let node: unknown = definition;
  // The path alternates a child list's key and an index; the last pair is the element itself.
  for (let index = 0; index < path.length - 2; index += 2) {
    node = isJsonObject(node) ? (node[path[index] as string] as unknown[] | undefined)?.[path[index + 1] as number] : undefined;
    if (isJsonObject(node)) ancestors.push(node);
  }
  return ancestors.reverse().find((ancestor) => ancestor.title !== undefined && ancestor.title !== "");
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
