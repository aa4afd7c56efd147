import {
  scoreBudget,
  scoreGeography,
  scoreLanguage,
  scoreMissions,
  scoreModes,
  scorePair,
  scoreRelaunch,
  scoreThemes,
  compareCandidates,
  isProposable,
  type LebaneseNeed,
} from "@passerelle/shared";
import { aFrench, aLebanese, weightsWith } from "../../support/matching-builders";

const weights = weightsWith();
const need = (theme: string, rank: number, extra: Partial<LebaneseNeed> = {}): LebaneseNeed => ({ theme, rank, ...extra });

describe("the themes part", () => {
  it.each([
    {
      name: "covers the whole first-ranked immediate need alone",
      needs: [need("water_sanitation", 1, { urgency: "immediate" })],
      offered: ["water_sanitation"],
      value: 1,
    },
    { name: "is 0 when nothing ranked is offered", needs: [need("health", 1)], offered: ["water_sanitation"], value: 0 },
    { name: "is 0 without any ranked need", needs: [], offered: ["water_sanitation"], value: 0 },
    // rank 1 weighs 5/5, rank 2 4/5: covering rank 1 (immediate) of the two gives 1 / 1.8.
    {
      name: "weighs rank 1 above rank 2",
      needs: [need("water_sanitation", 1, { urgency: "immediate" }), need("health", 2, { urgency: "immediate" })],
      offered: ["water_sanitation"],
      value: 1 / 1.8,
    },
    {
      name: "and rank 2 below rank 1",
      needs: [need("health", 1, { urgency: "immediate" }), need("water_sanitation", 2, { urgency: "immediate" })],
      offered: ["water_sanitation"],
      value: 0.8 / 1.8,
    },
    { name: "discounts a medium-term need", needs: [need("water_sanitation", 1, { urgency: "medium_term" })], offered: ["water_sanitation"], value: 0.6 },
    { name: "counts an unstated urgency in between", needs: [need("water_sanitation", 1)], offered: ["water_sanitation"], value: 0.7 },
  ])("$name", ({ needs, offered, value }) => {
    const result = scoreThemes(aLebanese({ needs }), aFrench({ themes: offered }), weights);
    expect(result.value).toBeCloseTo(value, 10);
    expect(result.facts.matched.map((matched) => matched.theme)).toEqual(needs.filter((n) => offered.includes(n.theme)).map((n) => n.theme));
  });
});

describe("the modes part", () => {
  it.each([
    {
      name: "shares of the modes wanted that are offered",
      wanted: ["technical_expertise", "training"],
      offered: ["technical_expertise"],
      value: 0.5,
      shared: ["technical_expertise"],
    },
    { name: "all offered", wanted: ["training"], offered: ["training", "equipment"], value: 1, shared: ["training"] },
    { name: "none offered", wanted: ["training"], offered: ["equipment"], value: 0, shared: [] },
    { name: "not stated by the Lebanese side", wanted: [], offered: ["equipment"], value: 0.5, shared: null },
    { name: "not asked of the French side (an older offer)", wanted: ["training"], offered: undefined, value: 0.5, shared: null },
  ])("$name", ({ wanted, offered, value, shared }) => {
    const result = scoreModes(aLebanese({ modes: wanted }), aFrench({ modes: offered }));
    expect(result.value).toBe(value);
    expect(result.facts.shared).toEqual(shared);
  });
});

describe("the budget part", () => {
  it.each([
    { name: "partial: 10–50k € reaches past 50k $ only at its top", budget: "50k_200k", cofunding: "no", envelope: "10k_50k", verdict: "partial", value: 0.5 },
    { name: "full: 50–150k € from the start of 50–200k $", budget: "50k_200k", cofunding: "no", envelope: "50k_150k", verdict: "full", value: 1 },
    { name: "short: under 10k € for 200k–1M $", budget: "200k_1m", cofunding: "no", envelope: "under_10k", verdict: "short", value: 0 },
    { name: "local co-funding narrows the gap", budget: "200k_1m", cofunding: "yes", envelope: "under_10k", verdict: "short", value: 0.25 },
    { name: "partial co-funding a little", budget: "50k_200k", cofunding: "partial", envelope: "10k_50k", verdict: "partial", value: 0.6 },
    { name: "capped at 1", budget: "under_50k", cofunding: "yes", envelope: "over_150k", verdict: "full", value: 1 },
    { name: "unknown need", budget: "unknown", cofunding: "no", envelope: "10k_50k", verdict: "unstated", value: 0.5 },
    { name: "undecided envelope", budget: "under_50k", cofunding: "no", envelope: "undecided", verdict: "unstated", value: 0.5 },
  ])("$name", ({ budget, cofunding, envelope, verdict, value }) => {
    const lebanese = aLebanese({ needs: [need("water_sanitation", 1, { budget, cofunding })] });
    const result = scoreBudget(lebanese, aFrench({ envelope }), weights, lebanese.needs);
    expect(result.facts.verdict).toBe(verdict);
    expect(result.value).toBeCloseTo(value, 10);
  });

  it("reads the budget of the best-ranked need the French authority offers", () => {
    const lebanese = aLebanese({ needs: [need("health", 1, { budget: "over_1m" }), need("water_sanitation", 2, { budget: "under_50k" })] });
    const matched = scoreThemes(lebanese, aFrench(), weights).facts.matched;
    expect(scoreBudget(lebanese, aFrench({ envelope: "50k_150k" }), weights, matched).facts).toMatchObject({ theme: "water_sanitation", verdict: "full" });
  });

  it("converts euros with the rate in the weights", () => {
    const lebanese = aLebanese({ needs: [need("water_sanitation", 1, { budget: "50k_200k" })] });
    // 50,000 € at 1.1 € per dollar is 45,454 $: no longer the need's low end.
    expect(scoreBudget(lebanese, aFrench({ envelope: "50k_150k" }), weightsWith({ eurPerUsd: 1.1 }), lebanese.needs).facts.verdict).toBe("partial");
  });
});

describe("the missions part", () => {
  it.each([
    { name: "both ways", host: true, travel: true, interest: "both", delegation: true, inLebanon: "possible", inFrance: "possible", value: 1 },
    {
      name: "the Lebanese side cannot host",
      host: false,
      travel: true,
      interest: "lebanon",
      delegation: true,
      inLebanon: "not_possible",
      inFrance: "possible",
      value: 0.5,
    },
    {
      name: "the French side does not travel",
      host: true,
      travel: true,
      interest: "france",
      delegation: undefined,
      inLebanon: "not_possible",
      inFrance: "possible",
      value: 0.5,
    },
    {
      name: "the Lebanese side would not travel",
      host: true,
      travel: false,
      interest: "both",
      delegation: true,
      inLebanon: "possible",
      inFrance: "not_possible",
      value: 0.5,
    },
    { name: "neither", host: true, travel: true, interest: "none", delegation: false, inLebanon: "not_possible", inFrance: "not_possible", value: 0 },
    {
      name: "unknown hosting in Lebanon",
      host: undefined,
      travel: true,
      interest: "lebanon",
      delegation: false,
      inLebanon: "unstated",
      inFrance: "not_possible",
      value: 0.25,
    },
    {
      name: "an older census without the delegation question",
      host: true,
      travel: undefined,
      interest: "both",
      delegation: true,
      inLebanon: "possible",
      inFrance: "unstated",
      value: 0.75,
    },
    {
      name: "an older offer without the delegation question",
      host: true,
      travel: true,
      interest: undefined,
      delegation: undefined,
      inLebanon: "unstated",
      inFrance: "unstated",
      value: 0.5,
    },
  ] as const)("$name", ({ host, travel, interest, delegation, inLebanon, inFrance, value }) => {
    const lebanese = aLebanese({ canHostMissions: host, wishesToTravel: travel });
    const result = scoreMissions(lebanese, aFrench({ missionInterest: interest, canHostDelegation: delegation }));
    expect(result.facts).toEqual({ inLebanon, inFrance });
    expect(result.value).toBe(value);
  });
});

describe("the language part", () => {
  it.each([
    { name: "shared French", preferred: "fr", languages: ["fr"], verdict: "shared", value: 1 },
    {
      name: "Arabic only against French and English: interpretation, not exclusion",
      preferred: "ar",
      languages: ["fr", "en"],
      verdict: "interpretation",
      value: 0.3,
    },
    { name: "Arabic offered", preferred: "ar", languages: ["fr", "ar"], verdict: "shared", value: 1 },
    { name: "no preferred language", preferred: undefined, languages: ["fr"], verdict: "unstated", value: 0.5 },
    { name: "an older offer without working languages", preferred: "ar", languages: undefined, verdict: "unstated", value: 0.5 },
  ] as const)("$name", ({ preferred, languages, verdict, value }) => {
    const result = scoreLanguage(aLebanese({ preferredLanguage: preferred }), aFrench({ languages: languages ? [...languages] : undefined }), weights);
    expect(result.facts.verdict).toBe(verdict);
    expect(result.value).toBe(value);
  });
});

describe("the geography part", () => {
  it.each([
    { name: "a preferred governorate", governorate: "bekaa", preferred: ["bekaa", "north"], verdict: "preferred", value: 1 },
    { name: "elsewhere", governorate: "akkar", preferred: ["bekaa"], verdict: "elsewhere", value: 0 },
    { name: "no preference", governorate: "akkar", preferred: [], verdict: "no_preference", value: 0.75 },
    { name: "not asked", governorate: "akkar", preferred: undefined, verdict: "unstated", value: 0.5 },
  ])("$name", ({ governorate, preferred, verdict, value }) => {
    const result = scoreGeography(aLebanese({ governorate }), aFrench({ governorates: preferred }), weights);
    expect(result.facts.verdict).toBe(verdict);
    expect(result.value).toBe(value);
  });
});

describe("the relaunch part", () => {
  it.each([
    {
      name: "a former partner named by the Lebanese side, to relaunch",
      intent: "relaunch_previous",
      partners: ["Ville de Lyon"],
      french: [],
      verdict: "relaunch",
      value: 1,
    },
    { name: "named by the French side in Arabic", intent: "both", partners: [], french: ["زحلة"], verdict: "relaunch", value: 1 },
    { name: "named, but a new partnership is wanted", intent: "develop_new", partners: ["LYON"], french: [], verdict: "former_partner", value: 0 },
    { name: "another French authority", intent: "relaunch_previous", partners: ["Lens"], french: [], verdict: "none", value: 0 },
  ] as const)("$name", ({ intent, partners, french, verdict, value }) => {
    const result = scoreRelaunch(aLebanese({ intent, partnerNames: [...partners] }), aFrench({ lebanesePartnerNames: [...french] }));
    expect(result.facts.verdict).toBe(verdict);
    expect(result.value).toBe(value);
  });
});

describe("a pair's score", () => {
  it("is the weighted mean of the parts, relaunch left out unless it applies", () => {
    const pair = scorePair(aLebanese(), aFrench(), weights);
    const { parts } = pair;
    expect(parts.relaunch.weight).toBe(0);
    const expected =
      (4 * parts.themes.value + parts.modes.value + parts.budget.value + 0.5 * parts.missions.value + parts.language.value + parts.geography.value) / 8.5;
    expect(pair.score).toBeCloseTo(expected, 12);
    expect(pair.isEligible).toBe(true);
  });

  it("follows the weights an administrator sets", () => {
    const onlyLanguage = weightsWith({ parts: { relaunch: 0, themes: 0, modes: 0, budget: 0, missions: 0, language: 1, geography: 0 } });
    expect(scorePair(aLebanese({ preferredLanguage: "ar" }), aFrench(), onlyLanguage).score).toBe(0.3);
  });

  it("lifts a relaunch and ranks it before a better-scored stranger", () => {
    const relaunch = scorePair(aLebanese({ intent: "relaunch_previous", partnerNames: ["Lyon"] }), aFrench({ themes: ["health"] }), weights);
    const stranger = scorePair(aLebanese({ intent: "relaunch_previous", partnerNames: ["Lyon"] }), aFrench({ id: "grenoble", name: "Grenoble" }), weights);
    expect(relaunch.isRelaunch).toBe(true);
    expect(relaunch.isEligible).toBe(true);
    expect(stranger.score).toBeGreaterThan(relaunch.score);
    expect([stranger, relaunch].sort(compareCandidates)[0]).toBe(relaunch);
  });

  it("keeps a pair with no theme in common out of proposals, and flags interpretation", () => {
    const pair = scorePair(aLebanese({ preferredLanguage: "ar" }), aFrench({ themes: ["sport"] }), weights);
    expect(pair.isEligible).toBe(false);
    expect(pair.needsInterpretation).toBe(true);
  });
});

describe("telling a proposable pair without scoring it", () => {
  it.each([
    ["a theme in common", aLebanese(), aFrench()],
    ["no theme in common", aLebanese(), aFrench({ themes: ["sport"] })],
    ["a relaunch without a theme in common", aLebanese({ intent: "both", partnerNames: ["Lyon"] }), aFrench({ themes: ["sport"] })],
    ["a former partner for a new partnership", aLebanese({ partnerNames: ["Lyon"] }), aFrench({ themes: ["sport"] })],
    ["no ranked need", aLebanese({ needs: [] }), aFrench()],
  ])("agrees with the score's eligibility: %s", (_name, lebanese, french) => {
    expect(isProposable(lebanese, french)).toBe(scorePair(lebanese, french, weights).isEligible);
  });
});
