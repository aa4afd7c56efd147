import { solveAssignment } from "./assignment-solver";
import type { PairScore } from "./score-pair";

export interface PairKey {
  lebaneseId: string;
  frenchId: string;
}

/** What the proposal needs of a scored pair (a `PairScore` is one). */
export type ScoredPair = Pick<PairScore, "lebaneseId" | "frenchId" | "score" | "isEligible" | "isRelaunch">;

export interface ProposalInput {
  /** Every scored pair; only eligible ones are ever proposed. */
  scores: readonly ScoredPair[];
  /** Each Lebanese authority with how many partners it may get (1 unless staff set another number). */
  lebanese: readonly { id: string; capacity: number }[];
  /** Each French authority with the number of partners it stated. */
  french: readonly { id: string; capacity: number }[];
  /** Pairs staff fixed: always in the proposal, counted against both capacities. */
  fixed: readonly PairKey[];
  /** Pairs staff excluded: never in the proposal, never blocking. */
  excluded: readonly PairKey[];
}

export interface ProposedPair extends PairKey {
  score: number;
  isRelaunch: boolean;
  isFixed: boolean;
}

export interface Proposal {
  pairs: ProposedPair[];
  /** The sum of the proposed pairs' scores. */
  totalScore: number;
  /**
   * Pairs not proposed whose two authorities both prefer each other to what the proposal gives
   * them (a free place, or a partner they rank lower): where a stable alternative exists.
   */
  blockingPairs: (PairKey & { score: number })[];
  /** Authorities whose fixed pairs exceed their capacity. */
  overCapacity: { side: "lebanese" | "french"; id: string }[];
}

/** Scores are kept to six decimals in the solver, which works in integers to stay exact. */
const SCORE_SCALE = 1_000_000;

/**
 * The global proposal: the set of pairs with the largest total fit, each authority within its
 * capacity, fixed pairs in and excluded pairs out. Relaunching a former partnership comes first:
 * its gain carries a priority larger than any total of ordinary pairs, so the proposal holds as
 * many relaunches as capacities allow and, among those sets, the best total fit.
 */
export function proposePairs(input: ProposalInput): Proposal {
  const key = (pair: PairKey) => `${pair.lebaneseId}\u0000${pair.frenchId}`;
  const excluded = new Set(input.excluded.map(key));
  const fixed = new Set(input.fixed.map(key));
  const lebaneseIndex = new Map(input.lebanese.map((authority, index) => [authority.id, index]));
  const frenchIndex = new Map(input.french.map((authority, index) => [authority.id, index]));
  const leftCapacities = input.lebanese.map((authority) => authority.capacity);
  const rightCapacities = input.french.map((authority) => authority.capacity);
  // Looked up for fixed pairs only: a map of every pair would cost more than the rest.
  const scoreOf = new Map<string, ScoredPair>();
  if (fixed.size > 0) for (const pair of input.scores) if (fixed.has(key(pair))) scoreOf.set(key(pair), pair);

  const chosen: ProposedPair[] = [];
  for (const pair of input.fixed) {
    const left = lebaneseIndex.get(pair.lebaneseId);
    const right = frenchIndex.get(pair.frenchId);
    if (left === undefined || right === undefined) continue;
    const scored = scoreOf.get(key(pair));
    chosen.push({ ...pair, score: scored?.score ?? 0, isRelaunch: scored?.isRelaunch ?? false, isFixed: true });
    leftCapacities[left]! -= 1;
    rightCapacities[right]! -= 1;
  }
  const overCapacity: Proposal["overCapacity"] = [
    ...input.lebanese.filter((_, index) => leftCapacities[index]! < 0).map(({ id }) => ({ side: "lebanese" as const, id })),
    ...input.french.filter((_, index) => rightCapacities[index]! < 0).map(({ id }) => ({ side: "french" as const, id })),
  ];

  const hasDecisions = excluded.size > 0 || fixed.size > 0;
  const priority = relaunchPriority(input);
  // One pass over the pairs into flat arrays: at the real scale there are some 300,000.
  const candidates: ScoredPair[] = [];
  const pairs: { left: number; right: number; gain: number }[] = [];
  for (const pair of input.scores) {
    if (!pair.isEligible) continue;
    const left = lebaneseIndex.get(pair.lebaneseId);
    const right = frenchIndex.get(pair.frenchId);
    if (left === undefined || right === undefined || (hasDecisions && (excluded.has(key(pair)) || fixed.has(key(pair))))) continue;
    candidates.push(pair);
    pairs.push({ left, right, gain: gainOf(pair, priority) });
  }
  const solved = solveAssignment({
    leftCapacities: leftCapacities.map((capacity) => Math.max(0, capacity)),
    rightCapacities: rightCapacities.map((capacity) => Math.max(0, capacity)),
    pairs,
  });
  const isSolved = new Uint8Array(candidates.length);
  for (const index of solved) {
    const pair = candidates[index]!;
    isSolved[index] = 1;
    chosen.push({ lebaneseId: pair.lebaneseId, frenchId: pair.frenchId, score: pair.score, isRelaunch: pair.isRelaunch, isFixed: false });
  }
  const chosenGains = chosen.map((pair) => {
    if (!pair.isFixed) return { ...pair, gain: gainOf(pair, priority) };
    const scored = scoreOf.get(key(pair));
    return { ...pair, gain: scored ? gainOf(scored, priority) : 0 };
  });
  const leftThreshold = thresholds(input.lebanese, chosenGains, "lebaneseId");
  const rightThreshold = thresholds(input.french, chosenGains, "frenchId");
  const blockingPairs: Proposal["blockingPairs"] = [];
  pairs.forEach(({ left, right, gain }, index) => {
    if (isSolved[index] || gain <= 0 || gain <= leftThreshold[left]! || gain <= rightThreshold[right]!) return;
    const pair = candidates[index]!;
    blockingPairs.push({ lebaneseId: pair.lebaneseId, frenchId: pair.frenchId, score: pair.score });
  });
  return { pairs: chosen, totalScore: chosen.reduce((sum, pair) => sum + pair.score, 0), blockingPairs, overCapacity };
}

function relaunchPriority(input: ProposalInput): number {
  const places = Math.min(
    input.lebanese.reduce((sum, authority) => sum + authority.capacity, 0),
    input.french.reduce((sum, authority) => sum + authority.capacity, 0),
  );
  return SCORE_SCALE * (places + 1);
}

function gainOf(pair: Pick<ScoredPair, "score" | "isRelaunch">, priority: number): number {
  return Math.round(pair.score * SCORE_SCALE) + (pair.isRelaunch ? priority : 0);
}

interface Weighted extends PairKey {
  gain: number;
  score: number;
}

/**
 * Pairs (among `pairs`, none of them chosen) where both sides would gain: each has a free place
 * or holds a partner of lower gain. Both sides rank partners by the same pair gain, so a
 * pair blocks exactly when its gain beats the worst partner held on each full side.
 */
export function findBlockingPairs(options: {
  pairs: readonly Weighted[];
  chosen: readonly Weighted[];
  lebanese: readonly { id: string; capacity: number }[];
  french: readonly { id: string; capacity: number }[];
}): (PairKey & { score: number })[] {
  const leftThreshold = thresholds(options.lebanese, options.chosen, "lebaneseId");
  const rightThreshold = thresholds(options.french, options.chosen, "frenchId");
  const leftIndex = new Map(options.lebanese.map((authority, index) => [authority.id, index]));
  const rightIndex = new Map(options.french.map((authority, index) => [authority.id, index]));
  const beats = (gain: number, index: number | undefined, threshold: Float64Array) => index !== undefined && gain > threshold[index]!;
  return options.pairs
    .filter(
      (pair) =>
        pair.gain > 0 && beats(pair.gain, leftIndex.get(pair.lebaneseId), leftThreshold) && beats(pair.gain, rightIndex.get(pair.frenchId), rightThreshold),
    )
    .map(({ lebaneseId, frenchId, score }) => ({ lebaneseId, frenchId, score }));
}

/**
 * For each authority, the gain a newcomer must beat: −1 with a free place (any pair beats it), the
 * lowest gain it holds when full, +∞ without any place.
 */
function thresholds(
  authorities: readonly { id: string; capacity: number }[],
  chosen: readonly { lebaneseId: string; frenchId: string; gain: number }[],
  side: "lebaneseId" | "frenchId",
): Float64Array {
  const held = new Map<string, number[]>();
  for (const pair of chosen) {
    const gains = held.get(pair[side]);
    if (gains) gains.push(pair.gain);
    else held.set(pair[side], [pair.gain]);
  }
  return Float64Array.from(authorities, ({ id, capacity }) => {
    const gains = held.get(id) ?? [];
    return capacity <= 0 ? Infinity : gains.length < capacity ? -1 : Math.min(...gains);
  });
}
