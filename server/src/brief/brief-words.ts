import { DEFAULT_LOCALE, isLocale, LOCALES, readQuestionTexts, type Locale, type QuestionTexts } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { ThemeCatalogue } from "@passerelle/shared";

/** The `locale` parameter of the Word download: one of ours, French when omitted. */
export function parseBriefLocale(value: unknown): Locale {
  if (value === undefined) return DEFAULT_LOCALE;
  if (isLocale(value)) return value;
  throw new AppError("invalid_request", `The language must be one of ${LOCALES.join(", ")}.`, [
    { question: "locale", message: `is not one of ${LOCALES.join(", ")}` },
  ]);
}

/** Numbers and dates as a reader of the language writes them (Arabic digits in Arabic), like the dashboard. */
export const INTL_LOCALE: Record<Locale, string> = { fr: "fr-FR", ar: "ar-LB", en: "en-GB" };

/** The labels the Word brief needs: questions, choices and themes in one language. */
export interface BriefLabels {
  question(name: string): string;
  choice(question: string, value: string): string;
  theme(id: string): string;
  themeColour(id: string): string;
  integer(value: number): string;
  percent(share: number | null): string;
  decimal(value: number | null): string;
  date(iso: string): string;
}

export function briefLabels(questionnaire: Questionnaire, catalogue: ThemeCatalogue, locale: Locale): BriefLabels {
  const texts: Map<string, QuestionTexts> = readQuestionTexts(questionnaire.definition);
  const themes = new Map(catalogue.themes.map((theme) => [theme.id, theme]));
  const intl = INTL_LOCALE[locale];
  const integer = new Intl.NumberFormat(intl, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(intl, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(intl, { style: "percent", maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(intl, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const month = new Intl.DateTimeFormat(intl, { month: "long", year: "numeric", timeZone: "UTC" });
  return {
    question: (name) => texts.get(name)?.title[locale] ?? name,
    choice: (question, value) => texts.get(question)?.choices.get(value)?.[locale] ?? value,
    theme: (id) => themes.get(id)?.label[locale] ?? id,
    themeColour: (id) => themes.get(id)?.colour ?? "#336699",
    integer: (value) => integer.format(value),
    percent: (share) => (share === null ? "—" : percent.format(share)),
    decimal: (value) => (value === null ? "—" : decimal.format(value)),
    date: (iso) =>
      /^\d{4}-\d{2}$/.test(iso) ? month.format(new Date(`${iso}-01T00:00:00Z`)) : day.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)),
  };
}
