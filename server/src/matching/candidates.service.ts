import {
  compareCandidates,
  explainPair,
  scorePair,
  type AuthorityLists,
  type AuthoritySummary,
  type CandidateList,
  type CandidateView,
  type FrenchProfile,
  type LebaneseProfile,
  type Locale,
  type MatchingSide,
  type PairDecisionView,
} from "@passerelle/shared";
import { AppError } from "../http/app-error";
import type { StoredPairDecision } from "../store/matching-store.port";
import { loadMatchingData, matchingLabels, type MatchingData } from "./matching-data";
import type { MatchingDeps } from "./matching-deps";
import { currentWeights } from "./matching-weights.service";

export function summariseLebanese(profile: LebaneseProfile, capacities: ReadonlyMap<string, number>): AuthoritySummary {
  return {
    id: profile.id,
    side: "lebanese",
    name: profile.name,
    governorate: profile.governorate ?? null,
    region: null,
    themes: profile.needs.map((need) => need.theme),
    capacity: capacities.get(profile.id) ?? 1,
    intent: profile.intent,
  };
}

export function summariseFrench(profile: FrenchProfile): AuthoritySummary {
  return {
    id: profile.id,
    side: "french",
    name: profile.name,
    governorate: null,
    region: profile.region ?? null,
    themes: profile.themes,
    capacity: profile.capacity,
    intent: null,
  };
}

export async function capacitiesOf(deps: Pick<MatchingDeps, "store">): Promise<Map<string, number>> {
  return new Map((await deps.store.matching.listCapacities()).map((entry) => [entry.lebaneseId, entry.capacity]));
}

/** Both lists of the workspace: every Lebanese authority that wants a partnership, every French offer. */
export async function listAuthorities(deps: MatchingDeps): Promise<AuthorityLists> {
  const [data, capacities] = await Promise.all([loadMatchingData(deps), capacitiesOf(deps)]);
  const byName = (a: AuthoritySummary, b: AuthoritySummary) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  return {
    lebanese: data.lebanese.map((profile) => summariseLebanese(profile, capacities)).sort(byName),
    french: data.french.map(summariseFrench).sort(byName),
    labels: matchingLabels(deps.questionnaires),
  };
}

export interface CandidatesRequest {
  side: MatchingSide;
  id: string;
  locale: Locale;
  /** Only counterparts with this theme (a Lebanese need or a French expertise). */
  theme?: string;
  /** Lebanese counterparts in this governorate; French ones that prefer it or have no preference. */
  governorate?: string;
  limit: number;
}

/**
 * For one authority, the authorities of the other side it could work with, best first (a
 * relaunch before anything else), each with its score, parts, explanation and staff's decision.
 * Only pairs worth proposing are listed: a theme in common, or a former partnership to relaunch.
 * Dismissed and excluded pairs come last.
 */
export async function listCandidates(deps: MatchingDeps, request: CandidatesRequest): Promise<CandidateList> {
  const [data, weights, decisions, introductions, capacities] = await Promise.all([
    loadMatchingData(deps),
    currentWeights(deps),
    deps.store.matching.listDecisions(),
    deps.store.matching.listIntroductions(),
    capacitiesOf(deps),
  ]);
  const { authority, pairs } = pairsOf(data, request);
  const decisionOf = new Map(decisions.map((decision) => [`${decision.lebaneseId}|${decision.frenchId}`, decision]));
  const introductionOf = new Map(introductions.map((introduction) => [`${introduction.lebaneseId}|${introduction.frenchId}`, introduction.id]));
  const scored = pairs
    .map(({ lebanese, french }) => ({ lebanese, french, pair: scorePair(lebanese, french, weights.weights) }))
    .filter(({ pair }) => pair.isEligible)
    .sort((a, b) => Number(isSetAside(decisionOf.get(keyOf(a.pair)))) - Number(isSetAside(decisionOf.get(keyOf(b.pair)))) || compareCandidates(a.pair, b.pair))
    .slice(0, request.limit);
  const candidates = scored.map(({ lebanese, french, pair }): CandidateView => {
    const decision = decisionOf.get(keyOf(pair));
    return {
      lebaneseId: pair.lebaneseId,
      frenchId: pair.frenchId,
      counterpart: request.side === "lebanese" ? summariseFrench(french) : summariseLebanese(lebanese, capacities),
      score: Math.round(pair.score * 100),
      parts: pair.parts,
      explanation: explainPair(pair, { lebaneseName: lebanese.name, frenchName: french.name, vocabulary: deps.vocabulary }, request.locale),
      isRelaunch: pair.isRelaunch,
      isEligible: pair.isEligible,
      needsInterpretation: pair.needsInterpretation,
      decision: decision ? presentDecision(decision) : null,
      introductionId: introductionOf.get(keyOf(pair)) ?? null,
    };
  });
  return {
    authority: request.side === "lebanese" ? summariseLebanese(authority as LebaneseProfile, capacities) : summariseFrench(authority as FrenchProfile),
    candidates,
    weightsVersion: weights.version,
  };
}

function pairsOf(data: MatchingData, request: CandidatesRequest) {
  if (request.side === "lebanese") {
    const lebanese = data.lebaneseById.get(request.id);
    if (!lebanese) throw notFound(request);
    const french = data.french.filter(
      (profile) =>
        (!request.theme || profile.themes.includes(request.theme)) &&
        (!request.governorate || !profile.governorates || profile.governorates.length === 0 || profile.governorates.includes(request.governorate)),
    );
    return { authority: lebanese, pairs: french.map((profile) => ({ lebanese, french: profile })) };
  }
  const french = data.frenchById.get(request.id);
  if (!french) throw notFound(request);
  const lebanese = data.lebanese.filter(
    (profile) =>
      (!request.theme || profile.needs.some((need) => need.theme === request.theme)) && (!request.governorate || profile.governorate === request.governorate),
  );
  return { authority: french, pairs: lebanese.map((profile) => ({ lebanese: profile, french })) };
}

function notFound(request: CandidatesRequest): AppError {
  const side = request.side === "lebanese" ? "Lebanese" : "French";
  return new AppError("matching_authority_not_found", `There is no ${side} authority "${request.id}" among the submitted answers.`);
}

function keyOf(pair: { lebaneseId: string; frenchId: string }): string {
  return `${pair.lebaneseId}|${pair.frenchId}`;
}

function isSetAside(decision: StoredPairDecision | undefined): boolean {
  return decision?.decision === "dismissed" || decision?.decision === "excluded";
}

export function presentDecision(decision: StoredPairDecision): PairDecisionView {
  return {
    lebaneseId: decision.lebaneseId,
    frenchId: decision.frenchId,
    decision: decision.decision,
    reason: decision.reason,
    by: decision.by,
    at: decision.at.toISOString(),
  };
}
