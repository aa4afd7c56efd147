import type {
  AuthorityLists,
  CandidateList,
  FunnelView,
  IntroductionView,
  Locale,
  MatchWeights,
  MatchingSide,
  PairDecision,
  PairDecisionView,
  PooledProposalsView,
  ProposalView,
  StartIntroduction,
  UpdateIntroduction,
  WeightsView,
} from "@passerelle/shared";
import { request } from "../../api/http";

/** The matchmaking workspace's calls. */

export function listAuthorities(signal?: AbortSignal): Promise<AuthorityLists> {
  return request("GET", "/api/matching/authorities", { signal });
}

export interface CandidateFilters {
  theme: string;
  governorate: string;
}

export function listCandidates(side: MatchingSide, id: string, filters: CandidateFilters, locale: Locale, signal?: AbortSignal): Promise<CandidateList> {
  const query = new URLSearchParams({ lang: locale });
  if (filters.theme) query.set("theme", filters.theme);
  if (filters.governorate) query.set("governorate", filters.governorate);
  return request("GET", `/api/matching/${side}/${encodeURIComponent(id)}/candidates?${query}`, { signal });
}

export function setDecision(body: {
  lebaneseId: string;
  frenchId: string;
  decision: PairDecision | null;
  reason?: string;
}): Promise<{ decision: PairDecisionView | null }> {
  return request("PUT", "/api/matching/decisions", { body });
}

export function setCapacity(lebaneseId: string, capacity: number | null): Promise<{ lebaneseId: string; capacity: number }> {
  return request("PUT", `/api/matching/lebanese/${encodeURIComponent(lebaneseId)}/capacity`, { body: { capacity } });
}

export function getProposal(locale: Locale, signal?: AbortSignal): Promise<ProposalView> {
  return request("GET", `/api/matching/proposal?lang=${locale}`, { signal });
}

export function getPooled(locale: Locale, signal?: AbortSignal): Promise<PooledProposalsView> {
  return request("GET", `/api/matching/pooled?lang=${locale}`, { signal });
}

export function getWeights(signal?: AbortSignal): Promise<WeightsView> {
  return request("GET", "/api/matching/weights", { signal });
}

export function saveWeights(basedOn: number, weights: MatchWeights): Promise<WeightsView> {
  return request("PUT", "/api/matching/weights", { body: { basedOn, weights } });
}

export function listIntroductions(signal?: AbortSignal): Promise<{ introductions: IntroductionView[] }> {
  return request("GET", "/api/matching/introductions", { signal });
}

export function startIntroduction(body: StartIntroduction): Promise<IntroductionView> {
  return request("POST", "/api/matching/introductions", { body });
}

export function updateIntroduction(id: string, body: UpdateIntroduction): Promise<IntroductionView> {
  return request("PATCH", `/api/matching/introductions/${encodeURIComponent(id)}`, { body });
}

export function getFunnel(signal?: AbortSignal): Promise<FunnelView> {
  return request("GET", "/api/matching/funnel", { signal });
}

/** The workbook of the introductions, labels in `locale`, right to left in Arabic. */
export function introductionsXlsxPath(locale: Locale): string {
  return `/api/matching/introductions.xlsx?lang=${locale}`;
}

/** The CSV export of the introductions, labels in `locale` (a plain link: the browser downloads it). */
export function introductionsCsvPath(locale: Locale): string {
  return `/api/matching/introductions.csv?lang=${locale}${locale === "fr" ? "&delimiter=%3B" : ""}`;
}
