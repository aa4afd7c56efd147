import type { Locale } from "@passerelle/shared";
import type { MessageKey } from "../../i18n/messages";

export interface ExportLink {
  href: string;
  label: MessageKey;
}

/**
 * The downloads of the dashboard's current view: the same filters, labels in the reader's
 * language, and a semicolon variant because French Excel splits columns on `;`.
 */
export function exportLinks(surveyId: string, filterQuery: string, locale: Locale): ExportLink[] {
  const href = (file: string, extra: Record<string, string> = {}) => {
    const params = new URLSearchParams(filterQuery);
    params.set("lang", locale);
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    return `/api/surveys/${encodeURIComponent(surveyId)}/exports/${file}?${params.toString()}`;
  };
  return [
    { href: href("themes.csv"), label: "downloadThemes" },
    { href: href("themes.csv", { delimiter: ";" }), label: "downloadThemesSemicolon" },
    { href: href("responses.csv", { header: "labels", values: "labels" }), label: "downloadResponses" },
    { href: href("responses.csv", { header: "labels", values: "labels", delimiter: ";" }), label: "downloadResponsesSemicolon" },
  ];
}
