import { z } from "zod";
import {
  LOCALES,
  forEachElement,
  isJsonObject,
  isQuestionElement,
  readQuestionTexts,
  toLocaleRecord,
  type AnalyticsCrossTab,
  type CrossTabAxis,
  type JsonObject,
  type Locale,
  type MaybeSuppressed,
} from "@passerelle/shared";
import { parseQuery } from "../http/validation-details";

/**
 * A cross-table as a CSV a person and a spreadsheet both read: one line per cell (the row's
 * value, the column's value, respondents, share of the row, share of the column), then each
 * side's totals and the base, with the questions' titles and the answers' labels in the chosen
 * language. Shares are percentages with one decimal; with `delimiter=;` (French Excel) their
 * decimal mark is a comma, so they read as numbers. Withheld figures say so, never 0.
 */
export interface CrossTabCsvOptions {
  locale: Locale;
  delimiter: "," | ";";
  /** A UTF-8 byte-order mark, so Excel reads Arabic and accents correctly. */
  bom: boolean;
}

const CsvOptionsSchema = z.object({
  lang: z.enum(LOCALES).default("fr"),
  delimiter: z.enum([",", ";"]).default(","),
  bom: z.enum(["true", "false"]).default("true"),
});

const OPTION_KEYS = new Set(Object.keys(CsvOptionsSchema.shape));

/** Splits the download's own options from the cross-table's query (questions and filters). */
export function parseCrossTabCsvOptions(query: unknown): { options: CrossTabCsvOptions; tableQuery: Record<string, unknown> } {
  const entries = isJsonObject(query) ? Object.entries(query) : [];
  const parsed = parseQuery(CsvOptionsSchema, Object.fromEntries(entries.filter(([key]) => OPTION_KEYS.has(key))), "The download options are not valid.");
  return {
    options: { locale: parsed.lang, delimiter: parsed.delimiter, bom: parsed.bom === "true" },
    tableQuery: Object.fromEntries(entries.filter(([key]) => !OPTION_KEYS.has(key))),
  };
}

const WORDS: Record<Locale, { respondents: string; rowShare: string; columnShare: string; total: string; withheld: string }> = {
  fr: { respondents: "Répondants", rowShare: "% de la ligne", columnShare: "% de la colonne", total: "Total", withheld: "masqué (moins de {min})" },
  ar: { respondents: "المجيبون", rowShare: "% من الصف", columnShare: "% من العمود", total: "المجموع", withheld: "محجوب (أقل من {min})" },
  en: { respondents: "Respondents", rowShare: "% of row", columnShare: "% of column", total: "Total", withheld: "withheld (fewer than {min})" },
};

const YES_NO: Record<"true" | "false", Record<Locale, string>> = {
  true: { fr: "Oui", ar: "نعم", en: "Yes" },
  false: { fr: "Non", ar: "لا", en: "No" },
};

export function crossTabCsvRows(table: AnalyticsCrossTab, definition: JsonObject, options: CrossTabCsvOptions): (string | number)[][] {
  const words = WORDS[options.locale];
  const labels = labelsOf(definition, options.locale);
  const withheld = words.withheld.replace("{min}", String(table.minGroupSize));
  const count = (cell: MaybeSuppressed<{ count: number }>) => ("count" in cell ? cell.count : withheld);
  const percent = (share: number | null) => {
    if (share === null) return "";
    const text = (Math.round(share * 1000) / 10).toFixed(1);
    return options.delimiter === ";" ? text.replace(".", ",") : text;
  };
  const rowLabel = (index: number) => labels.value(table.rows, index);
  const columnLabel = (index: number) => labels.value(table.columns, index);

  const lines: (string | number)[][] = [
    [labels.title(table.rows.question), labels.title(table.columns.question), words.respondents, words.rowShare, words.columnShare],
  ];
  table.cells.forEach((line, r) =>
    line.forEach((cell, c) => {
      lines.push(
        "count" in cell
          ? [rowLabel(r), columnLabel(c), cell.count, percent(cell.rowShare), percent(cell.columnShare)]
          : [rowLabel(r), columnLabel(c), withheld, "", ""],
      );
    }),
  );
  table.rows.totals.forEach((total, r) => lines.push([rowLabel(r), words.total, count(total), "", ""]));
  table.columns.totals.forEach((total, c) => lines.push([words.total, columnLabel(c), count(total), "", ""]));
  lines.push([words.total, words.total, table.base ?? withheld, "", ""]);
  return lines;
}

/** `census-lebanon-crosstab-governorate-x-cooperation_intent.csv`, the filters after. */
export function crossTabFileName(table: AnalyticsCrossTab): string {
  const filters = Object.entries(table.filters).map(([name, value]) => `${name}-${value}`);
  const parts = [table.surveyId, "crosstab", table.rows.question, "x", table.columns.question, ...filters];
  return `${parts.join("-").replace(/[^\w.-]+/g, "_")}.csv`;
}

// Titles and labels in one language, from the questionnaire's own texts.
function labelsOf(definition: JsonObject, locale: Locale) {
  const texts = readQuestionTexts(definition);
  const booleans = new Map<string, JsonObject>();
  forEachElement(definition, (element, path) => {
    if (isQuestionElement(element, path) && element.type === "boolean") booleans.set(String(element.name), element);
  });
  return {
    title: (question: string) => texts.get(question)?.title[locale] ?? question,
    value: (axis: CrossTabAxis, index: number) => {
      const value = axis.values[index] ?? "";
      if (axis.kind === "boolean" && (value === "true" || value === "false")) {
        const element = booleans.get(axis.question);
        const own = element?.[value === "true" ? "labelTrue" : "labelFalse"];
        return own === undefined ? YES_NO[value][locale] : toLocaleRecord(own, YES_NO[value][locale])[locale];
      }
      return texts.get(axis.question)?.choices.get(value)?.[locale] ?? value;
    },
  };
}
