import type { AnalyticsCrossTab, Locale } from "@passerelle/shared";
import { request } from "../../api/http";

/** Two questions crossed, with the dashboard's filters (`query`, without `?`). */
export function getCrossTab(surveyId: string, axes: { rows: string; columns: string }, query: string, signal?: AbortSignal): Promise<AnalyticsCrossTab> {
  return request<AnalyticsCrossTab>("GET", crossTabPath(surveyId, "crosstab", axes, query), { signal });
}

/** The same table as a CSV in the reader's language; `;` for French Excel. */
export function crossTabCsvHref(
  surveyId: string,
  axes: { rows: string; columns: string },
  query: string,
  options: { locale: Locale; delimiter: "," | ";" },
): string {
  return crossTabPath(surveyId, "crosstab.csv", axes, query, { lang: options.locale, ...(options.delimiter === ";" ? { delimiter: ";" } : {}) });
}

function crossTabPath(surveyId: string, endpoint: string, axes: { rows: string; columns: string }, query: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(query);
  params.set("rows", axes.rows);
  params.set("columns", axes.columns);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return `/api/surveys/${encodeURIComponent(surveyId)}/analytics/${endpoint}?${params.toString()}`;
}
