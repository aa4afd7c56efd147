import { isJsonObject } from "./walk-definition";
import type { Locale } from "../locales";

/** A SurveyJS localisable string (plain, or `{ default, fr, ar }`) as text in each of our locales. */
export function toLocaleRecord(value: unknown, fallback: string): Record<Locale, string> {
  const texts: Record<string, unknown> = isJsonObject(value) ? value : { default: value };
  const base = typeof texts.default === "string" ? texts.default : fallback;
  const pick = (locale: Locale) => {
    const text = texts[locale];
    return typeof text === "string" ? text : base;
  };
  return { fr: pick("fr"), ar: pick("ar"), en: pick("en") };
}
