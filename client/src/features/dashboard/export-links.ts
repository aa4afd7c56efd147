import type { Locale } from "@passerelle/shared";
import type { DashboardKey } from "./dashboard.messages";

export interface ExportLink {
  href: string;
  label: DashboardKey;
  /** Words the label is completed with (a repeated question's title). */
  params?: Record<string, string>;
}

/** A repeated answer's own table: its name in the export, its question's title. */
export interface RepeatDownload {
  name: string;
  title: string;
}

/**
 * The downloads of the dashboard's current view: the same filters, labels in the reader's
 * language, semicolon variants because French Excel splits CSV columns on `;`, and a workbook
 * that needs no such care; and one CSV per repeated answer, joined to the responses by their id.
 */
export function exportLinks(
  surveyId: string,
  filterQuery: string,
  locale: Locale,
  withRawResponses = true,
  repeats: readonly RepeatDownload[] = [],
): ExportLink[] {
  const href = (file: string, extra: Record<string, string> = {}) => {
    const params = new URLSearchParams(filterQuery);
    params.set("lang", locale);
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    return `/api/surveys/${encodeURIComponent(surveyId)}/exports/${file}?${params.toString()}`;
  };
  const labelled = { header: "labels", values: "labels" };
  // Summaries for a person to read: headers in words, shares as percentages.
  const worded = { header: "labels" };
  const summaries: ExportLink[] = [
    { href: href("themes.csv", worded), label: "downloadThemes" },
    { href: href("themes.csv", { ...worded, delimiter: ";" }), label: "downloadThemesSemicolon" },
    { href: href("questions.csv", worded), label: "downloadQuestions" },
    { href: href("questions.csv", { ...worded, delimiter: ";" }), label: "downloadQuestionsSemicolon" },
  ];
  if (!withRawResponses) return summaries;
  return [
    ...summaries,
    { href: href("responses.xlsx", labelled), label: "downloadWorkbook" },
    { href: href("responses.csv", labelled), label: "downloadResponses" },
    { href: href("responses.csv", { ...labelled, delimiter: ";" }), label: "downloadResponsesSemicolon" },
    // Each repeated answer (rows of a dynamic matrix, panels) is a long table of its own, one download each.
    ...repeats.map((repeat) => ({
      href: href("responses.csv", { ...labelled, repeat: repeat.name }),
      label: "downloadRepeat" as const,
      params: { title: repeat.title },
    })),
  ];
}
