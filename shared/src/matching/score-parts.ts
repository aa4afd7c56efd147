import type { MatchWeights } from "./match-weights";
import type { FrenchProfile, LebaneseProfile, LebaneseNeed } from "./matching-profiles";
import { isNamedAmong } from "./authority-names";

/*
 * Each part of a fit score: a value from 0 to 1 and the facts that produced it, which the
 * explanation words. A part with nothing to go on (a question the response predates, an answer
 * left empty) is worth 0.5, "not stated": it neither helps nor sinks a pair.
 */

export const UNSTATED_VALUE = 0.5;

export interface ThemesFacts {
  /** The Lebanese needs the French authority offers expertise in, best-ranked first. */
  matched: LebaneseNeed[];
  /** The ranked needs it does not offer. */
  unmatched: LebaneseNeed[];
}

export interface ModesFacts {
  /** Null when either side did not say. */
  shared: string[] | null;
  wanted: string[];
}

export type BudgetVerdict = "full" | "partial" | "short" | "unstated";
export interface BudgetFacts {
  /** The need the budget is read from: the best-ranked matched one (or the first ranked). */
  theme: string | null;
  need: string | null;
  envelope: string | null;
  cofunding: string | null;
  verdict: BudgetVerdict;
}

export type MissionLeg = "possible" | "not_possible" | "unstated";
export interface MissionsFacts {
  /** French staff travelling to Lebanon, hosted by the Lebanese authority. */
  inLebanon: MissionLeg;
  /** A Lebanese delegation hosted by the French authority. */
  inFrance: MissionLeg;
}

export type LanguageVerdict = "shared" | "interpretation" | "unstated";
export interface LanguageFacts {
  preferred: string | null;
  verdict: LanguageVerdict;
}

export type GeographyVerdict = "preferred" | "no_preference" | "elsewhere" | "unstated";
export interface GeographyFacts {
  governorate: string | null;
  verdict: GeographyVerdict;
}

export type RelaunchVerdict = "relaunch" | "former_partner" | "none";
export interface RelaunchFacts {
  /** `relaunch`: named as a partner and the Lebanese authority wants to relaunch; `former_partner`: named, but it wants a new partnership. */
  verdict: RelaunchVerdict;
}

export interface PartFacts {
  relaunch: RelaunchFacts;
  themes: ThemesFacts;
  modes: ModesFacts;
  budget: BudgetFacts;
  missions: MissionsFacts;
  language: LanguageFacts;
  geography: GeographyFacts;
}

export type PartValue<F> = { value: number; facts: F };

/** Rank 1 of 5 weighs 5/5, rank 5 weighs 1/5: the census ranks up to five themes. */
export const RANKED_THEMES = 5;
function rankWeight(rank: number): number {
  return Math.max(RANKED_THEMES + 1 - rank, 1) / RANKED_THEMES;
}

/**
 * Themes: the share of the Lebanese authority's ranked needs the French authority offers, each
 * need weighted by its rank and discounted by its urgency, so that covering an immediate
 * first-ranked need is worth most.
 */
export function scoreThemes(lebanese: LebaneseProfile, french: FrenchProfile, weights: MatchWeights): PartValue<ThemesFacts> {
  // Plain loops: this runs for every pair (660,000 at the real scale).
  const matched: LebaneseNeed[] = [];
  const unmatched: LebaneseNeed[] = [];
  let total = 0;
  let covered = 0;
  for (const need of lebanese.needs) {
    const weight = rankWeight(need.rank);
    total += weight;
    if (french.themes.includes(need.theme)) {
      matched.push(need);
      covered += weight * weights.urgency[need.urgency ?? "unstated"];
    } else {
      unmatched.push(need);
    }
  }
  return { value: total === 0 ? 0 : covered / total, facts: { matched, unmatched } };
}

/** Modes: the share of the forms of cooperation wanted that the French authority offers. */
export function scoreModes(lebanese: LebaneseProfile, french: FrenchProfile): PartValue<ModesFacts> {
  const offered = french.modes;
  if (lebanese.modes.length === 0 || !offered || offered.length === 0) {
    return { value: UNSTATED_VALUE, facts: { shared: null, wanted: lebanese.modes } };
  }
  const shared = lebanese.modes.filter((mode) => offered.includes(mode));
  return { value: shared.length / lebanese.modes.length, facts: { shared, wanted: lebanese.modes } };
}

/** Budget ranges of the census, in US dollars. */
export const NEED_RANGES_USD: Readonly<Record<string, readonly [number, number]>> = {
  under_50k: [0, 50_000],
  "50k_200k": [50_000, 200_000],
  "200k_1m": [200_000, 1_000_000],
  over_1m: [1_000_000, Infinity],
};
/** Envelope ranges of the French offer, in euros per year. */
export const ENVELOPE_RANGES_EUR: Readonly<Record<string, readonly [number, number]>> = {
  under_10k: [0, 10_000],
  "10k_50k": [10_000, 50_000],
  "50k_150k": [50_000, 150_000],
  over_150k: [150_000, Infinity],
};
const BUDGET_VALUES: Record<BudgetVerdict, number> = { full: 1, partial: 0.5, short: 0, unstated: UNSTATED_VALUE };
const COFUNDING_BONUS: Record<string, number> = { yes: 0.25, partial: 0.1 };

/**
 * Budget: the French envelope against the Lebanese range for the need they would start with.
 * `full` when even the envelope's low end reaches the need's low end, `partial` when only its
 * high end does, `short` otherwise; local co-funding narrows the gap (a bonus, capped at 1).
 */
export function scoreBudget(lebanese: LebaneseProfile, french: FrenchProfile, weights: MatchWeights, matched: readonly LebaneseNeed[]): PartValue<BudgetFacts> {
  const need = matched[0] ?? lebanese.needs[0];
  const needRange = need?.budget ? NEED_RANGES_USD[need.budget] : undefined;
  const envelopeRange = french.envelope ? ENVELOPE_RANGES_EUR[french.envelope] : undefined;
  let verdict: BudgetVerdict = "unstated";
  let value = UNSTATED_VALUE;
  if (needRange && envelopeRange) {
    const envelopeLow = envelopeRange[0] / weights.eurPerUsd;
    const envelopeHigh = envelopeRange[1] / weights.eurPerUsd;
    verdict = envelopeLow >= needRange[0] ? "full" : envelopeHigh > needRange[0] ? "partial" : "short";
    value = Math.min(1, BUDGET_VALUES[verdict] + (COFUNDING_BONUS[need?.cofunding ?? ""] ?? 0));
  }
  return {
    value,
    facts: { theme: need?.theme ?? null, need: need?.budget ?? null, envelope: french.envelope ?? null, cofunding: need?.cofunding ?? null, verdict },
  };
}

const LEG_VALUES: Record<MissionLeg, number> = { possible: 1, not_possible: 0, unstated: UNSTATED_VALUE };

/**
 * Missions: the two field missions of a matchmaking, each needing one side to travel and the
 * other to host. In Lebanon when the French authority would travel there and the Lebanese one
 * can host; in France when the Lebanese one would send a delegation and the French one can host
 * it. A "no" on either side closes the leg; an answer missing on either (a response older than
 * the question) leaves it unstated.
 */
export function scoreMissions(lebanese: LebaneseProfile, french: FrenchProfile): PartValue<MissionsFacts> {
  const frenchTravels = french.missionInterest === undefined ? undefined : french.missionInterest === "lebanon" || french.missionInterest === "both";
  const frenchHosts =
    french.canHostDelegation ?? (french.missionInterest === undefined ? undefined : french.missionInterest === "france" || french.missionInterest === "both");
  const inLebanon = missionLeg(frenchTravels, lebanese.canHostMissions);
  const inFrance = missionLeg(lebanese.wishesToTravel, frenchHosts);
  return { value: (LEG_VALUES[inLebanon] + LEG_VALUES[inFrance]) / 2, facts: { inLebanon, inFrance } };
}

function missionLeg(travels: boolean | undefined, hosts: boolean | undefined): MissionLeg {
  if (travels === false || hosts === false) return "not_possible";
  return travels && hosts ? "possible" : "unstated";
}

/**
 * Language: the Lebanese preferred language among the French working languages. Without one in
 * common the pair is kept and flagged "needs interpretation", at a reduced value.
 */
export function scoreLanguage(lebanese: LebaneseProfile, french: FrenchProfile, weights: MatchWeights): PartValue<LanguageFacts> {
  const preferred = lebanese.preferredLanguage ?? null;
  if (!preferred || !french.languages || french.languages.length === 0) return { value: UNSTATED_VALUE, facts: { preferred, verdict: "unstated" } };
  return french.languages.includes(preferred)
    ? { value: 1, facts: { preferred, verdict: "shared" } }
    : { value: weights.interpretation, facts: { preferred, verdict: "interpretation" } };
}

/** Geography: the Lebanese governorate against the French authority's preferred governorates. */
export function scoreGeography(lebanese: LebaneseProfile, french: FrenchProfile, weights: MatchWeights): PartValue<GeographyFacts> {
  const governorate = lebanese.governorate ?? null;
  if (!french.governorates || !governorate) return { value: UNSTATED_VALUE, facts: { governorate, verdict: "unstated" } };
  if (french.governorates.length === 0) return { value: weights.noGovernoratePreference, facts: { governorate, verdict: "no_preference" } };
  return french.governorates.includes(governorate)
    ? { value: 1, facts: { governorate, verdict: "preferred" } }
    : { value: 0, facts: { governorate, verdict: "elsewhere" } };
}

/**
 * Relaunch: either side names the other as a current or former partner. It counts (1) when the
 * Lebanese authority wants to relaunch a partnership; for one that wants a new partnership the
 * former link is only mentioned.
 */
export function scoreRelaunch(lebanese: LebaneseProfile, french: FrenchProfile): PartValue<RelaunchFacts> {
  const isPartner = isNamedAmong(french.name, lebanese.partnerNames) || isNamedAmong(lebanese.name, french.lebanesePartnerNames);
  if (!isPartner) return { value: 0, facts: { verdict: "none" } };
  return lebanese.intent === "develop_new" ? { value: 0, facts: { verdict: "former_partner" } } : { value: 1, facts: { verdict: "relaunch" } };
}
