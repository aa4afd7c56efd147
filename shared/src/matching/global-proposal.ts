import { solveAssignment } from "./assignment-solver";
import type { PairScore } from "./score-pair";

export interface PairKey {
  lebaneseId: string;
  frenchId: string;
}

export interface ProposalInput {
  /** Every scored pair; only eligible ones are ever proposed. */
  scores: readonly PairScore[];
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
  const scoreOf = new Map(input.scores.map((pair) => [key(pair), pair]));

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

  const candidates = input.scores.filter(
    (pair) => pair.isEligible && !excluded.has(key(pair)) && !fixed.has(key(pair)) && lebaneseIndex.has(pair.lebaneseId) && frenchIndex.has(pair.frenchId),
  );
  const priority = relaunchPriority(input);
  const gains = candidates.map((pair) => gainOf(pair, priority));
  const solved = solveAssignment({
    leftCapacities: leftCapacities.map((capacity) => Math.max(0, capacity)),
    rightCapacities: rightCapacities.map((capacity) => Math.max(0, capacity)),
    pairs: candidates.map((pair, index) => ({ left: lebaneseIndex.get(pair.lebaneseId)!, right: frenchIndex.get(pair.frenchId)!, gain: gains[index]! })),
  });
  const isSolved = new Set(solved);
  for (const index of solved) {
    const pair = candidates[index]!;
    chosen.push({ lebaneseId: pair.lebaneseId, frenchId: pair.frenchId, score: pair.score, isRelaunch: pair.isRelaunch, isFixed: false });
  }
  const fixedGain = (pair: PairKey) => {
    const scored = scoreOf.get(key(pair));
    return scored ? gainOf(scored, priority) : 0;
  };
  return {
    pairs: chosen,
    totalScore: chosen.reduce((sum, pair) => sum + pair.score, 0),
    blockingPairs: findBlockingPairs({
      pairs: candidates.flatMap((pair, index) => (isSolved.has(index) ? [] : [{ ...pair, gain: gains[index]! }])),
      chosen: chosen.map((pair) => ({ ...pair, gain: pair.isFixed ? fixedGain(pair) : gainOf(scoreOf.get(key(pair))!, priority) })),
      lebanese: input.lebanese,
      french: input.french,
    }),
    overCapacity,
  };
}

function relaunchPriority(input: ProposalInput): number {
  const places = Math.min(
    input.lebanese.reduce((sum, authority) => sum + authority.capacity, 0),
    input.french.reduce((sum, authority) => sum + authority.capacity, 0),
  );
  return SCORE_SCALE * (places + 1);
}

function gainOf(pair: PairScore, priority: number): number {
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
  const threshold = (authorities: readonly { id: string; capacity: number }[], side: "lebaneseId" | "frenchId") => {
    const held = new Map<string, number[]>();
    for (const pair of options.chosen) held.set(pair[side], [...(held.get(pair[side]) ?? []), pair.gain]);
    // The gain a newcomer must beat: −1 with a free place (any eligible pair beats it), the worst held otherwise.
    return new Map(
      authorities.map(({ id, capacity }) => {
        const gains = held.get(id) ?? [];
        return [id, capacity <= 0 ? Infinity : gains.length < capacity ? -1 : Math.min(...gains)];
      }),
    );
  };
  const lebaneseThreshold = threshold(options.lebanese, "lebaneseId");
  const frenchThreshold = threshold(options.french, "frenchId");
  return options.pairs
    .filter((pair) => pair.gain > 0 && pair.gain > (lebaneseThreshold.get(pair.lebaneseId) ?? Infinity) && pair.gain > (frenchThreshold.get(pair.frenchId) ?? Infinity))
    .map(({ lebaneseId, frenchId, score }) => ({ lebaneseId, frenchId, score }));
}
