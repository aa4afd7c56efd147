import { randomUUID } from "node:crypto";
import { isJsonObject, type Answers, type JsonObject } from "@passerelle/shared";
import type { StoredResponse } from "../../server/src/store/store.port";

/** A small, seeded pseudo-random generator (mulberry32): the same seed gives the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface CensusChoices {
  governorates: string[];
  districtsByGovernorate: Map<string, string[]>;
  themes: string[];
}

function findQuestion(definition: JsonObject, name: string): JsonObject {
  for (const page of definition.pages as JsonObject[]) {
    const stack = [...(page.elements as JsonObject[])];
    while (stack.length > 0) {
      const element = stack.shift() as JsonObject;
      if (element.name === name) return element;
      if (Array.isArray(element.elements)) stack.push(...(element.elements as JsonObject[]));
    }
  }
  throw new Error(`no question ${name}`);
}

function readCensusChoices(definition: JsonObject): CensusChoices {
  const values = (name: string) => (findQuestion(definition, name).choices as unknown[]).map((c) => (isJsonObject(c) ? c : { value: c }));
  const districtsByGovernorate = new Map<string, string[]>();
  for (const district of values("district")) {
    const governorate = /'([^']+)'/.exec(String(district.visibleIf ?? ""))?.[1] ?? "";
    districtsByGovernorate.set(governorate, [...(districtsByGovernorate.get(governorate) ?? []), String(district.value)]);
  }
  return {
    governorates: values("governorate").map((c) => String(c.value)),
    districtsByGovernorate,
    themes: values("priority_themes").map((c) => String(c.value)),
  };
}

/**
 * Valid census submissions, spread over governorates, districts and themes (1 to 5 ranked),
 * with each ranked theme's details: synthetic data for benchmarks.
 */
export function syntheticCensusAnswers(definition: JsonObject, seed: number): () => Answers {
  const random = seededRandom(seed);
  const { governorates, districtsByGovernorate, themes } = readCensusChoices(definition);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const some = <T>(items: readonly T[], max: number): T[] => {
    const pool = [...items];
    const count = 1 + Math.floor(random() * max);
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
    return chosen;
  };
  let serial = 0;
  return () => {
    serial += 1;
    const governorate = pick(governorates);
    const ranked = some(themes, 5);
    const answers: Answers = {
      authority_name: `Municipalité ${serial}`,
      authority_kind: random() < 0.9 ? "municipality" : "union_of_municipalities",
      governorate,
      district: pick(districtsByGovernorate.get(governorate) ?? []),
      population: Math.floor(1000 + random() * 200000),
      staff_count: Math.floor(random() * 300),
      partnership_status: pick(["current", "past", "none"]),
      cooperation_intent: pick(["develop_new", "relaunch_previous", "both", "not_now"]),
      priority_themes: ranked,
      can_host_missions: random() < 0.6,
      has_international_officer: random() < 0.3,
      cooperation_modes: some(["technical_expertise", "training", "staff_exchange", "joint_project", "equipment"], 3),
      constraints: some(["security", "economic_crisis", "electricity_fuel", "staff_capacity", "travel_visas"], 3),
      contact_name: `Contact ${serial}`,
      contact_email: `contact${serial}@example.org`,
      preferred_language: pick(["ar", "fr", "en"]),
      consent_data_use: true,
    };
    for (const theme of ranked) {
      answers[`need_${theme}`] = `Besoin ${serial} (${theme})`;
      answers[`urgency_${theme}`] = pick(["immediate", "short_term", "medium_term"]);
      answers[`studies_${theme}`] = pick(["yes", "in_progress", "no"]);
      answers[`budget_${theme}`] = pick(["under_50k", "50k_200k", "200k_1m", "over_1m", "unknown"]);
      answers[`cofunding_${theme}`] = pick(["yes", "partial", "no"]);
    }
    return answers;
  };
}

/** A submitted response holding `answers`, its breakdown read from them, submitted `at`. */
export function syntheticResponse(options: { surveyId: string; version: string; answers: Answers; at?: Date }): StoredResponse {
  const at = options.at ?? new Date();
  const { answers } = options;
  return {
    id: randomUUID(),
    surveyId: options.surveyId,
    version: options.version,
    status: "submitted",
    locale: "ar",
    answers,
    breakdown: {
      governorate: String(answers.governorate),
      district: String(answers.district),
      authority_kind: String(answers.authority_kind),
      cooperation_intent: String(answers.cooperation_intent),
    },
    tokenHash: "0".repeat(64),
    revision: 1,
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
  };
}
