import type { Answers } from "@passerelle/shared";
import { syntheticCensusAnswers, syntheticResponse } from "../../support/synthetic-census";
import { SHIPPED_SURVEYS_DIR, signedIn, testApp } from "../../support/test-app";
import { fuzzParameters } from "../../support/fuzz";
import { attackFilters, gatherObservations, solveForTargets, type KnownRespondent } from "../../support/disclosure-attack";

const MIN_GROUP = 3;

/**
 * Twenty census submissions, as in the attack that was reported: one union alone in Akkar (the
 * only union), a municipality alone in Koura among the North's, the only respondent of a day,
 * the only one of a month, and two alone in the Bekaa. Each target has a population nobody
 * else has, so a figure that equals it gives it away.
 */
function seededCensus(extra: number) {
  const context = testApp({ surveysDir: SHIPPED_SURVEYS_DIR, minGroupSize: MIN_GROUP });
  const questionnaire = context.questionnaires.get("census-lebanon");
  const random = syntheticCensusAnswers(questionnaire.definition, 14 + extra);
  const ordinary: [string, string, string][] = [
    ["north", "tripoli", "2026-06-01"],
    ["north", "tripoli", "2026-06-01"],
    ["north", "zgharta", "2026-06-01"],
    ["north", "zgharta", "2026-06-02"],
    ["north", "tripoli", "2026-06-02"],
    ["mount_lebanon", "baabda", "2026-06-02"],
    ["mount_lebanon", "metn", "2026-06-03"],
    ["mount_lebanon", "baabda", "2026-06-03"],
    ["mount_lebanon", "metn", "2026-06-03"],
    ["south", "tyre", "2026-06-04"],
    ["south", "tyre", "2026-06-04"],
    ["south", "tyre", "2026-06-04"],
    ["north", "tripoli", "2026-06-01"],
    ["south", "tyre", "2026-06-02"],
  ];
  for (let index = 0; index < extra; index += 1) ordinary.push(ordinary[index % ordinary.length] as [string, string, string]);
  const targets: [string, Answers, string][] = [
    [
      "the only union, alone in Akkar",
      { governorate: "akkar", district: "akkar", authority_kind: "union_of_municipalities", population: 123457 },
      "2026-06-02",
    ],
    ["alone in Koura", { governorate: "north", district: "koura", population: 98765 }, "2026-06-02"],
    ["alone on its day", { governorate: "mount_lebanon", district: "baabda", population: 54321 }, "2026-06-05"],
    ["alone in its month", { governorate: "south", district: "tyre", population: 67891 }, "2026-07-01"],
    ["one of two in the Bekaa", { governorate: "bekaa", district: "zahle", population: 11113 }, "2026-06-03"],
    ["the other of two in the Bekaa", { governorate: "bekaa", district: "west_bekaa", population: 22229 }, "2026-06-03"],
  ];
  const seeded = [
    ...ordinary.map(([governorate, district, day]) => ({ answers: { ...random(), governorate, district, authority_kind: "municipality" }, day })),
    ...targets.map(([, overrides, day]) => ({ answers: { ...random(), authority_kind: "municipality", ...overrides }, day })),
  ];
  const responses = seeded.map(({ answers, day }) =>
    syntheticResponse({ surveyId: questionnaire.id, version: questionnaire.version, answers, at: new Date(`${day}T10:00:00Z`) }),
  );
  const known: KnownRespondent[] = responses.map((response) => ({ breakdown: response.breakdown, day: response.submittedAt!.toISOString().slice(0, 10) }));
  return { ...context, questionnaire, responses, known, targetPopulations: targets.map(([, answers]) => Number(answers.population)) };
}

/**
 * Every group of fewer than the minimum the attacker could aim at: each set of respondents
 * that share all their breakdown values and their day, and each breakdown value, day or month
 * that fewer than the minimum share.
 */
function smallGroups(known: readonly KnownRespondent[]): Record<string, (respondent: KnownRespondent) => boolean> {
  const groups: Record<string, (respondent: KnownRespondent) => boolean> = {};
  const add = (name: string, isIn: (respondent: KnownRespondent) => boolean) => {
    const size = known.filter(isIn).length;
    if (size > 0 && size < MIN_GROUP) groups[name] = isIn;
  };
  for (const respondent of known) {
    const atom = JSON.stringify([respondent.breakdown, respondent.day]);
    add(`respondents sharing ${atom}`, (other) => JSON.stringify([other.breakdown, other.day]) === atom);
    for (const [field, value] of Object.entries(respondent.breakdown)) add(`${field}=${value}`, (other) => other.breakdown[field] === value);
    add(`day ${respondent.day}`, (other) => other.day === respondent.day);
    add(`month ${respondent.day.slice(0, 7)}`, (other) => other.day.slice(0, 7) === respondent.day.slice(0, 7));
  }
  return groups;
}

// A bounded attack in `npm test` (a few questions of each kind on the per-question endpoint,
// every question through the summary CSV); `FUZZ_RUNS` asks every question, with more data.
async function attack(role: "viewer" | "analyst", options: { extra?: number; questionsPerKind?: number; isQuick?: boolean } = {}) {
  const { extra = 0, questionsPerKind = 3, isQuick = false } = options;
  const census = seededCensus(extra);
  await census.store.responses.insertMany(census.responses);
  const agent = await signedIn(census.app, role);
  const full = attackFilters(census.known, census.questionnaire.breakdownFields);
  // The control needs only show that the attack works: the filters without their combinations.
  const battery = isQuick ? { filters: full.questionFilters, questionFilters: full.questionFilters } : full;
  const gathered = await gatherObservations(agent, {
    surveyId: census.questionnaire.id,
    definition: census.questionnaire.definition,
    battery,
    questionsPerKind,
  });
  const recovered = solveForTargets(census.known, gathered.observations, smallGroups(census.known));
  const exactPopulations = gathered.numbers.filter((number) => census.targetPopulations.includes(number));
  return { ...gathered, recovered, exactPopulations };
}

describe("a viewer's differencing attack on the published figures", () => {
  it("recovers no answer of any group smaller than the minimum, from every viewer endpoint, filter and period", async () => {
    const { recovered, exactPopulations, answered, observations } = await attack("viewer");
    // The attack reached the figures: an empty result is not a refusal of everything.
    expect(answered).toBeGreaterThan(100);
    expect(observations.length).toBeGreaterThan(1000);
    expect({ exactPopulations: [...new Set(exactPopulations)], recoveries: recovered.length, firstRecovered: recovered.slice(0, 5) }).toEqual({
      exactPopulations: [],
      recoveries: 0,
      firstRecovered: [],
    });
  }, 300_000);

  it("is the attack that works on exact figures: an analyst's figures give the targets away", async () => {
    const { recovered } = await attack("analyst", { questionsPerKind: 1, isQuick: true });
    expect(recovered.some((recovery) => recovery.target === "governorate=akkar" && recovery.quantity.endsWith("population/sum"))).toBe(true);
    expect(recovered.find((recovery) => recovery.target === "governorate=akkar" && recovery.quantity === "q:population/sum")?.value).toBeCloseTo(123457);
  }, 300_000);

  const runs = process.env.FUZZ_RUNS ? (fuzzParameters(1).numRuns ?? 1) : 0;
  (runs > 0 ? it : it.skip)(
    `holds with more respondents around the targets and every question asked (FUZZ_RUNS=${runs})`,
    async () => {
      for (let run = 1; run <= runs; run += 1) {
        const { recovered, exactPopulations } = await attack("viewer", { extra: run * 3, questionsPerKind: Infinity });
        expect(exactPopulations).toEqual([]);
        expect(recovered.slice(0, 20)).toEqual([]);
      }
    },
    600_000 * Math.max(1, runs),
  );
});
