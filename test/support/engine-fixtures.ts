import fs from "node:fs";
import path from "node:path";
import type { JsonObject } from "@passerelle/shared";

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
