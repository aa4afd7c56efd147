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
