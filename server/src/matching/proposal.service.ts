import {
  describeMissingPiece,
  explainPair,
  isProposable,
  proposePairs,
  proposePooledProjects,
  scorePair,
  type Locale,
  type ScoredPair,
  type PooledProposalsView,
  type Proposal,
  type ProposalView,
} from "@passerelle/shared";
import { capacitiesOf } from "./candidates.service";
import { loadMatchingData, type MatchingData } from "./matching-data";
import type { MatchingDeps } from "./matching-deps";
import { currentWeights } from "./matching-weights.service";

/**
 * The global proposal, worded in `locale`. Computed from every pair's score under the current
 * weights, decisions and capacities; kept until one of them or an answer changes.
 */
export async function getProposal(deps: MatchingDeps, locale: Locale): Promise<ProposalView> {
  const [data, weights, decisions, capacities, introductions] = await Promise.all([
    loadMatchingData(deps),
    currentWeights(deps),
    deps.store.matching.listDecisions(),
    capacitiesOf(deps),
    deps.store.matching.listIntroductions(),
  ]);
  const fixed = decisions.filter((decision) => decision.decision === "fixed");
  const excluded = decisions.filter((decision) => decision.decision === "excluded");
  const stamp = JSON.stringify([data.stamp, weights.version, fixed.map(pairOf), excluded.map(pairOf), [...capacities]]);
  let proposal = deps.proposalCache.get("proposal", stamp);
  if (!proposal) {
    proposal = proposePairs({
      scores: scoreEveryPair(data, weights.weights),
      lebanese: data.lebanese.map((profile) => ({ id: profile.id, capacity: capacities.get(profile.id) ?? 1 })),
      french: data.french.map((profile) => ({ id: profile.id, capacity: profile.capacity })),
      fixed: fixed.map(pairOf),
      excluded: excluded.map(pairOf),
    });
    deps.proposalCache.set("proposal", stamp, proposal);
  }
  // Read at every request, not cached with the proposal: an introduction started a moment ago shows.
  const introductionOf = new Map(introductions.map((introduction) => [pairKeyOf(introduction), introduction.id]));
  return presentProposal(deps, data, proposal, weights, locale, introductionOf);
}

/**
 * Every pair that could be proposed (a theme in common or a relaunch), scored. Only what the
 * proposal needs is kept: holding every pair's facts would cost more memory than the rest.
 */
export function scoreEveryPair(data: MatchingData, weights: Parameters<typeof scorePair>[2]): ScoredPair[] {
  const scores: ScoredPair[] = [];
  for (const lebanese of data.lebanese) {
    for (const french of data.french) {
      if (!isProposable(lebanese, french)) continue;
      const pair = scorePair(lebanese, french, weights);
      scores.push({ lebaneseId: pair.lebaneseId, frenchId: pair.frenchId, score: pair.score, isEligible: true, isRelaunch: pair.isRelaunch });
    }
  }
  return scores;
}

function presentProposal(
  deps: MatchingDeps,
  data: MatchingData,
  proposal: Proposal,
  weights: { version: number; weights: Parameters<typeof scorePair>[2] },
  locale: Locale,
  introductionOf: ReadonlyMap<string, string>,
): ProposalView {
  const lebaneseName = (id: string) => data.lebaneseById.get(id)?.name ?? id;
  const frenchName = (id: string) => data.frenchById.get(id)?.name ?? id;
  const explain = (lebaneseId: string, frenchId: string) => {
    const lebanese = data.lebaneseById.get(lebaneseId);
    const french = data.frenchById.get(frenchId);
    if (!lebanese || !french) return "";
    return explainPair(
      scorePair(lebanese, french, weights.weights),
      { lebaneseName: lebanese.name, frenchName: french.name, vocabulary: deps.vocabulary },
      locale,
    ).text;
  };
  const pairs = proposal.pairs
    .map((pair) => ({
      ...pair,
      lebaneseName: lebaneseName(pair.lebaneseId),
      frenchName: frenchName(pair.frenchId),
      score: Math.round(pair.score * 100),
      explanation: explain(pair.lebaneseId, pair.frenchId),
      introductionId: introductionOf.get(pairKeyOf(pair)) ?? null,
    }))
    .sort((a, b) => a.lebaneseName.localeCompare(b.lebaneseName) || b.score - a.score);
  return {
    pairs,
    meanScore: pairs.length === 0 ? 0 : Math.round((proposal.totalScore / pairs.length) * 100),
    lebaneseCount: data.lebanese.length,
    placedLebanese: new Set(pairs.map((pair) => pair.lebaneseId)).size,
    blockingPairs: proposal.blockingPairs
      .map((pair) => ({ ...pair, lebaneseName: lebaneseName(pair.lebaneseId), frenchName: frenchName(pair.frenchId), score: Math.round(pair.score * 100) }))
      .sort((a, b) => b.score - a.score),
    overCapacity: proposal.overCapacity.map((entry) => ({ ...entry, name: entry.side === "lebanese" ? lebaneseName(entry.id) : frenchName(entry.id) })),
    weightsVersion: weights.version,
  };
}

/** The pooled « Clés en main » proposals, their missing pieces worded in `locale`. */
export async function getPooledProposals(deps: MatchingDeps, locale: Locale): Promise<PooledProposalsView> {
  const [data, weights] = await Promise.all([loadMatchingData(deps), currentWeights(deps)]);
  const stamp = `${data.stamp}|${weights.version}`;
  let proposals = deps.pooledCache.get("pooled", stamp);
  if (!proposals) {
    proposals = proposePooledProjects(data.lebanese, data.french, weights.weights);
    deps.pooledCache.set("pooled", stamp, proposals);
  }
  return { proposals: proposals.map((proposal) => ({ ...proposal, missingText: proposal.missing.map((piece) => describeMissingPiece(piece, locale)) })) };
}

function pairKeyOf(pair: { lebaneseId: string; frenchId: string }): string {
  return `${pair.lebaneseId}|${pair.frenchId}`;
}

function pairOf(decision: { lebaneseId: string; frenchId: string }) {
  return { lebaneseId: decision.lebaneseId, frenchId: decision.frenchId };
}
