import type { ExcerptList, ManagedExcerpt, PublishExcerpt, ReviseExcerpt, TextsPage, ThematicBrief } from "@passerelle/shared";
import { request } from "../../api/http";

/**
 * The written answers and their published excerpts. `query` is the dashboard's filters as a
 * query string without `?`, as everywhere on the dashboard.
 */

export interface TextsRequest {
  question?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function browseTexts(surveyId: string, query: string, options: TextsRequest, signal?: AbortSignal): Promise<TextsPage> {
  const params = new URLSearchParams(query);
  if (options.question) params.set("question", options.question);
  if (options.q) params.set("q", options.q);
  params.set("page", String(options.page));
  params.set("pageSize", String(options.pageSize));
  return request<TextsPage>("GET", `${surveyPath(surveyId)}/texts?${params}`, { signal });
}

export function listExcerpts(surveyId: string, query: string, signal?: AbortSignal): Promise<ExcerptList> {
  return request<ExcerptList>("GET", withQuery(`${surveyPath(surveyId)}/excerpts`, query), { signal });
}

export function publishExcerpt(surveyId: string, body: PublishExcerpt): Promise<ManagedExcerpt> {
  return request<ManagedExcerpt>("POST", `${surveyPath(surveyId)}/excerpts`, { body });
}

export function reviseExcerpt(surveyId: string, id: string, body: ReviseExcerpt): Promise<ManagedExcerpt> {
  return request<ManagedExcerpt>("PUT", `${surveyPath(surveyId)}/excerpts/${encodeURIComponent(id)}`, { body });
}

export function withdrawExcerpt(surveyId: string, id: string): Promise<void> {
  return request<void>("DELETE", `${surveyPath(surveyId)}/excerpts/${encodeURIComponent(id)}`);
}

/** The brief's figures for the same filters (the Word download is a plain link: `briefDocxUrl`). */
export function getBrief(surveyId: string, query: string, signal?: AbortSignal): Promise<ThematicBrief> {
  return request<ThematicBrief>("GET", withQuery(`${surveyPath(surveyId)}/brief`, query), { signal });
}

export function briefDocxUrl(surveyId: string, query: string, locale: string): string {
  const params = new URLSearchParams(query);
  params.set("locale", locale);
  return `${surveyPath(surveyId)}/brief.docx?${params}`;
}

function surveyPath(surveyId: string): string {
  return `/api/surveys/${encodeURIComponent(surveyId)}`;
}

function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}
