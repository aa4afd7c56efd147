import { z } from "zod";
import type { Locale } from "../locales";
import type { MaybeSuppressed } from "../statistics/present";
import type { Explanation } from "./explain-match";
import type { IntroductionState } from "./introductions";
import type { MatchWeightsVersion, ScorePart } from "./match-weights";
import type { MissingPiece, PooledProposal } from "./pooled-projects";
import type { PairKey } from "./global-proposal";

export type MatchingSide = "lebanese" | "french";

/** An authority in the workspace's lists. */
export interface AuthoritySummary {
  id: string;
  side: MatchingSide;
  name: string;
  /** Lebanese side: its governorate; French side: null. */
  governorate: string | null;
  /** French side: its region; Lebanese side: null. */
  region: string | null;
  /** Ranked needs (Lebanese, best first) or themes of expertise (French). */
  themes: string[];
  /** How many partners it may get in the proposal. */
  capacity: number;
  /** Lebanese side: develop_new, relaunch_previous or both. */
  intent: string | null;
}

/** Labels of the codes the workspace shows, in each language, in catalogue or questionnaire order. */
export interface MatchingLabels {
  themes: { code: string; label: Record<Locale, string> }[];
  governorates: { code: string; label: Record<Locale, string> }[];
}

/** `GET /api/matching/authorities`. */
export interface AuthorityLists {
  lebanese: AuthoritySummary[];
  french: AuthoritySummary[];
  labels: MatchingLabels;
}

export const PAIR_DECISIONS = ["shortlisted", "dismissed", "fixed", "excluded"] as const;
export type PairDecision = (typeof PAIR_DECISIONS)[number];

export interface PairDecisionView extends PairKey {
  decision: PairDecision;
  reason: string | null;
  by: string;
  at: string;
}

/** `PUT /api/matching/decisions`: set a pair's decision, or clear it with `decision: null`. */
export const SetPairDecisionSchema = z
  .strictObject({
    lebaneseId: z.string().pipe(z.string().min(1).max(100)),
    frenchId: z.string().pipe(z.string().min(1).max(100)),
    decision: z.enum(PAIR_DECISIONS).nullable(),
    reason: z.string().pipe(z.string().trim().min(1).max(500)).optional(),
  })
  .refine((body) => body.decision !== "dismissed" || body.reason !== undefined, { message: "a dismissal needs a reason", path: ["reason"] });
export type SetPairDecision = z.infer<typeof SetPairDecisionSchema>;

/** `PUT /api/matching/lebanese/:id/capacity`: how many partners staff allow; null returns to one. */
export const SetCapacitySchema = z.strictObject({ capacity: z.number().int().min(0).max(20).nullable() });

export interface CandidateView extends PairKey {
  /** The other side of the pair. */
  counterpart: AuthoritySummary;
  /** 0 to 100. */
  score: number;
  parts: Record<ScorePart, { value: number; weight: number }>;
  explanation: Explanation;
  isRelaunch: boolean;
  isEligible: boolean;
  needsInterpretation: boolean;
  decision: PairDecisionView | null;
  introductionId: string | null;
}

/** `GET /api/matching/{lebanese|french}/:id/candidates`. */
export interface CandidateList {
  authority: AuthoritySummary;
  candidates: CandidateView[];
  weightsVersion: number;
}

export interface ProposalPairView extends PairKey {
  lebaneseName: string;
  frenchName: string;
  score: number;
  isRelaunch: boolean;
  isFixed: boolean;
  explanation: string;
  /** The pair's introduction when one was started (from the proposal or elsewhere), else null. */
  introductionId: string | null;
}

/** `GET /api/matching/proposal`. */
export interface ProposalView {
  pairs: ProposalPairView[];
  /** Mean score of the proposed pairs, 0 to 100. */
  meanScore: number;
  lebaneseCount: number;
  placedLebanese: number;
  blockingPairs: (PairKey & { lebaneseName: string; frenchName: string; score: number })[];
  overCapacity: { side: MatchingSide; id: string; name: string }[];
  weightsVersion: number;
}

/** `GET /api/matching/pooled`. */
export interface PooledProposalsView {
  proposals: (PooledProposal & { missingText: string[] })[];
}
export type { MissingPiece };

/** `GET /api/matching/weights` and the answer to `PUT`. */
export type WeightsView = MatchWeightsVersion;

/**
 * `GET /api/matching/funnel`: introductions per state, overall and by theme and governorate. A
 * cell with fewer introductions than the small-group threshold is suppressed, as on dashboards.
 */
export interface FunnelView {
  minGroupSize: number;
  labels: MatchingLabels;
  total: MaybeSuppressed<{ count: number }>;
  states: Record<IntroductionState, MaybeSuppressed<{ count: number }>>;
  byTheme: { theme: string; states: Record<IntroductionState, MaybeSuppressed<{ count: number }>> }[];
  byGovernorate: { governorate: string; states: Record<IntroductionState, MaybeSuppressed<{ count: number }>> }[];
}
