import { SCORE_PARTS, type MatchWeights, type ScorePart } from "./match-weights";
import type { FrenchProfile, LebaneseProfile } from "./matching-profiles";
import { scoreBudget, scoreGeography, scoreLanguage, scoreMissions, scoreModes, scoreRelaunch, scoreThemes, type PartFacts } from "./score-parts";

/** The fit of one Lebanese authority with one French authority, with everything that explains it. */
export interface PairScore {
  lebaneseId: string;
  frenchId: string;
  /** From 0 to 1: the weighted mean of the parts. */
  score: number;
  /** Each part's value (0–1) and the weight it counted with (0 when it did not count). */
  parts: Record<ScorePart, { value: number; weight: number }>;
  facts: PartFacts;
  /** A former partnership the Lebanese authority wants to relaunch: ranked before any other pair. */
  isRelaunch: boolean;
  /**
   * Worth proposing: at least one theme in common, or a relaunch. Other pairs are scored (staff
   * may look) but never proposed.
   */
  isEligible: boolean;
  /** No common working language: an interpreter is needed. */
  needsInterpretation: boolean;
}

/**
 * Scores one pair. The relaunch part is a bonus: it enters the weighted mean only for a pair that
 * relaunches a partnership, so that pairs without any former link are not all held down by it.
 */
export function scorePair(lebanese: LebaneseProfile, french: FrenchProfile, weights: MatchWeights): PairScore {
  const themes = scoreThemes(lebanese, french, weights);
  const values = {
    relaunch: scoreRelaunch(lebanese, french),
    themes,
    modes: scoreModes(lebanese, french),
    budget: scoreBudget(lebanese, french, weights, themes.facts.matched),
    missions: scoreMissions(lebanese, french),
    language: scoreLanguage(lebanese, french, weights),
    geography: scoreGeography(lebanese, french, weights),
  };
  const isRelaunch = values.relaunch.facts.verdict === "relaunch";
  let weighted = 0;
  let totalWeight = 0;
  const parts = {} as PairScore["parts"];
  for (const part of SCORE_PARTS) {
    const weight = part === "relaunch" && !isRelaunch ? 0 : weights.parts[part];
    parts[part] = { value: values[part].value, weight };
    weighted += weight * values[part].value;
    totalWeight += weight;
  }
  return {
    lebaneseId: lebanese.id,
    frenchId: french.id,
    score: totalWeight === 0 ? 0 : weighted / totalWeight,
    parts,
    facts: {
      relaunch: values.relaunch.facts,
      themes: values.themes.facts,
      modes: values.modes.facts,
      budget: values.budget.facts,
      missions: values.missions.facts,
      language: values.language.facts,
      geography: values.geography.facts,
    },
    isRelaunch,
    isEligible: isRelaunch || themes.facts.matched.length > 0,
    needsInterpretation: values.language.facts.verdict === "interpretation",
  };
}

/**
 * The order candidates are listed and preferred in: a relaunch first, then the higher score, then
 * the pair's ids (so that equal scores always come out in the same order).
 */
export function compareCandidates(a: PairScore, b: PairScore): number {
  if (a.isRelaunch !== b.isRelaunch) return a.isRelaunch ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  return a.lebaneseId.localeCompare(b.lebaneseId) || a.frenchId.localeCompare(b.frenchId);
}

/**
 * Whether a pair is worth proposing (the `isEligible` of its score) without scoring it: a theme in
 * common, or a partnership to relaunch. The proposal skips the other pairs, about half of them.
 */
export function isProposable(lebanese: LebaneseProfile, french: FrenchProfile): boolean {
  return lebanese.needs.some((need) => french.themes.includes(need.theme)) || scoreRelaunch(lebanese, french).facts.verdict === "relaunch";
}
