/** The languages every screen and questionnaire is offered in; French is the default. */
export const LOCALES = ["fr", "ar", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isRightToLeft(locale: Locale): boolean {
  return locale === "ar";
}

/** SurveyJS keeps the English text under "default"; every other locale under its own code. */
export function surveyJsLocale(locale: Locale): string {
  return locale === "en" ? "" : locale;
}
