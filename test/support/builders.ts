import type { Answers } from "@passerelle/shared";

/** A complete, valid set of answers to the test questionnaire, with overrides. */
export function miniAnswers(overrides: Answers = {}): Answers {
  return {
    authority_name: "Municipalité de Tripoli",
    authority_kind: "municipality",
    governorate: "north",
    district: "tripoli",
    population: 200000,
    contact_email: "contact@tripoli.example",
    priority_themes: ["water_sanitation", "health"],
    need_water_sanitation: "Réhabilitation du réseau d'eau potable",
    urgency_water_sanitation: "immediate",
    constraints: ["security", "other"],
    "constraints-Comment": "Coupures d'électricité",
    readiness: 4,
    capacities: { staff: "low", budget: "high" },
    consent_data_use: true,
    ...overrides,
  };
}

/** Answers without the given questions. */
export function without(answers: Answers, ...names: string[]): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([name]) => !names.includes(name)));
}
