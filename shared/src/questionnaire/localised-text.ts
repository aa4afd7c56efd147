import { isJsonObject } from "./walk-definition";
import type { Locale } from "../locales";

/**
 * A SurveyJS localisable string (plain, or `{ default, fr, ar, es… }`) as text in each of our
 * locales. A language the text was not written in gets its `default` text, else the text in
 * the questionnaire's own language (`language`, its `locale`), else any text it has, so a
 * questionnaire written only in Spanish shows its Spanish titles rather than its names.
 */
export function toLocaleRecord(value: unknown, fallback: string, language?: string): Record<Locale, string> {
  const texts: Record<string, unknown> = isJsonObject(value) ? value : { default: value };
  const isText = (text: unknown): text is string => typeof text === "string" && text.trim() !== "";
  const candidates = [texts.default, language === undefined ? undefined : texts[language], ...Object.values(texts)];
  const base = candidates.find(isText) ?? fallback;
  const pick = (locale: Locale) => {
    const text = texts[locale];
    return isText(text) ? text : base;
  };
  return { fr: pick("fr"), ar: pick("ar"), en: pick("en") };
}

// Keys of a SurveyJS localisable text: `default` and its two-letter language codes (`es`, `pt-br`).
const LANGUAGE_KEY = /^(default|[a-z]{2}(-[a-z0-9]{2,8})?)$/i;

/**
 * The languages a questionnaire's texts are written in, as SurveyJS codes: the keys of its
 * localisable texts, `default` standing for its own language (`locale`, English when unset).
 * Empty when every text is plain (the same in every language).
 */
export function questionnaireLanguages(definition: Record<string, unknown>): Set<string> {
  const own = typeof definition.locale === "string" && definition.locale !== "" ? definition.locale : "en";
  const found = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (depth > 64) return;
    if (Array.isArray(node)) return node.forEach((item) => visit(item, depth + 1));
    if (!isJsonObject(node)) return;
    const entries = Object.entries(node);
    const isText = entries.length > 0 && entries.every(([key, value]) => LANGUAGE_KEY.test(key) && typeof value === "string");
    if (isText) for (const [key] of entries) found.add(key === "default" ? own : key.toLowerCase());
    else for (const [, value] of entries) visit(value, depth + 1);
  };
  visit(definition, 0);
  return found;
}

/**
 * The SurveyJS locale to show a questionnaire in to a reader of `locale`: the reader's when the
 * questionnaire is written in it, or declares no language of its own (its `default` texts then
 * stand in, as SurveyJS does); else the questionnaire's own `locale`, so a form written only in
 * Spanish shows its Spanish texts rather than its question names.
 */
export function formLocaleFor(definition: Record<string, unknown>, locale: Locale): string {
  const reader = locale === "en" ? "" : locale;
  const own = typeof definition.locale === "string" ? definition.locale : "";
  if (own === "" || questionnaireLanguages(definition).has(locale)) return reader;
  return own === "en" ? "" : own;
}
