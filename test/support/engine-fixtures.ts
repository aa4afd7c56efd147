import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { Answers, JsonObject } from "@passerelle/shared";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import type { QuestionnaireRegistry } from "../../server/src/questionnaires/questionnaire.registry";
import type { Store } from "../../server/src/store/store.port";

/** The folder of questionnaires written to cover every SurveyJS question type and definition format. */
export const ENGINE_SURVEYS_DIR = path.join(__dirname, "../fixtures/engine");

/** The engine fixtures by questionnaire id. */
export const ENGINE_FIXTURES = {
  allTypes: "all-types.json",
  legacy: "legacy-questions.json",
  rootElements: "root-elements.json",
  spanish: "spanish.json",
  runtimeChoices: "runtime-choices.json",
} as const;

let loaded: QuestionnaireRegistry | undefined;

/** The engine fixtures loaded and checked once per test file (each check builds survey-core models). */
export function engineQuestionnaires(): QuestionnaireRegistry {
  loaded ??= loadQuestionnaires(ENGINE_SURVEYS_DIR);
  return loaded;
}

export function engineFixture(file: string): JsonObject {
  return JSON.parse(fs.readFileSync(path.join(ENGINE_SURVEYS_DIR, file), "utf8")) as JsonObject;
}

/** A complete answer set to the every-type questionnaire, as survey-core's form stores it. */
export function allTypesAnswers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    region: "north",
    town: "Byblos",
    budget: 120,
    remarks: "Fine",
    size: "other",
    "size-Comment": "Medium",
    services: ["water", "roads"],
    partners: ["un"],
    has_plan: true,
    satisfaction: 4,
    priorities: ["roads", "water", "schools"],
    emblem: "cedar",
    budget_per_head: 12,
    quality: { water: "good", roads: "poor" },
    staff: { paid: 3, volunteers: 2, head: "Rana" },
    equipment: { trucks: { state: "some", count: 2, working: true, uses: ["daily"] }, pumps: { state: "none" } },
    projects: [
      { project_name: "Well", sector: "water", cost: 1000 },
      { project_name: "Solar", sector: "energy", cost: 5000 },
    ],
    sites: [{ site_name: "School A", site_kind: "school", site_needs: ["power"] }],
    plan_file: [{ name: "plan.pdf", type: "application/pdf", content: "data:application/pdf;base64,JVBERi0xLjQ=" }],
    signature: "data:image/png;base64,iVBORw0KGgo=",
    staff_total: 5,
    ...overrides,
  };
}

/** Submitted responses written straight into the store, as any version of the validator may have let them in. */
export async function storeSubmitted(
  store: Store,
  questionnaire: { id: string; version: string },
  answersList: readonly Record<string, unknown>[],
  breakdownFields: readonly string[] = [],
): Promise<string[]> {
  const at = new Date("2026-06-10T09:00:00Z");
  const responses = answersList.map((answers, index) => ({
    id: `r${String(index + 1).padStart(4, "0")}`,
    surveyId: questionnaire.id,
    version: questionnaire.version,
    status: "submitted" as const,
    locale: "fr" as const,
    answers: answers as Answers,
    breakdown: Object.fromEntries(breakdownFields.flatMap((field) => (typeof answers[field] === "string" ? [[field, answers[field] as string]] : []))),
    tokenHash: "0".repeat(64),
    revision: 1,
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
  }));
  await store.responses.insertMany(responses);
  return responses.map((response) => response.id);
}

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const text = fc.string({ minLength: 1, maxLength: 12 }).filter((value) => value.trim() !== "");
const dataUrl = (type: string) => fc.base64String({ minLength: 4, maxLength: 40 }).map((data) => `data:${type};base64,${data}`);

/** Answer sets to the every-type questionnaire, any question left out, as survey-core stores them. */
export const allTypesAnswerSets: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    region: fc.constantFrom("north", "south"),
    town: maybe(text),
    budget: maybe(fc.integer({ min: 0, max: 1e6 })),
    remarks: maybe(text),
    size: maybe(fc.constantFrom("small", "large", "other")),
    services: maybe(fc.subarray(["water", "waste", "roads"], { minLength: 1 })),
    partners: maybe(fc.subarray(["un", "ngo", "state"], { minLength: 1 })),
    has_plan: maybe(fc.boolean()),
    satisfaction: maybe(fc.integer({ min: 1, max: 5 })),
    priorities: maybe(fc.shuffledSubarray(["water", "roads", "schools"], { minLength: 3 })),
    emblem: maybe(fc.constantFrom("cedar", "sea")),
    budget_per_head: maybe(fc.double({ min: 0, max: 1e5, noNaN: true })),
    quality: maybe(fc.record({ water: fc.constantFrom("poor", "good"), roads: fc.constantFrom("poor", "good") }, { requiredKeys: [] })),
    staff: maybe(fc.record({ paid: fc.integer({ min: 0, max: 99 }), volunteers: fc.integer({ min: 0, max: 99 }), head: text }, { requiredKeys: [] })),
    equipment: maybe(
      fc.record(
        {
          trucks: fc.record(
            {
              state: fc.constantFrom("none", "some", "enough"),
              count: fc.integer({ min: 0, max: 9 }),
              working: fc.boolean(),
              uses: fc.subarray(["daily", "weekly"], { minLength: 1 }),
            },
            { requiredKeys: [] },
          ),
          pumps: fc.record({ state: fc.constantFrom("none", "some", "enough"), working: fc.boolean() }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
    ),
    projects: maybe(
      fc.array(fc.record({ project_name: text, sector: fc.constantFrom("water", "energy"), cost: fc.integer({ min: 0, max: 1e6 }) }, { requiredKeys: [] }), {
        maxLength: 4,
      }),
    ),
    sites: maybe(
      fc.array(
        fc.record(
          { site_name: text, site_kind: fc.constantFrom("school", "clinic"), site_needs: fc.subarray(["power", "water"], { minLength: 1 }) },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
    plan_file: maybe(
      fc.array(fc.record({ name: text, type: fc.constantFrom("application/pdf", "image/png"), content: dataUrl("application/pdf") }), {
        minLength: 1,
        maxLength: 2,
      }),
    ),
    signature: maybe(dataUrl("image/png")),
    staff_total: maybe(fc.integer({ min: 0, max: 200 })),
  })
  .map((answers) => {
    const kept: Record<string, unknown> = Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined));
    if (kept.size === "other") kept["size-Comment"] = "Medium";
    return kept;
  });
