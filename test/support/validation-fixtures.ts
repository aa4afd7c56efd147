import path from "node:path";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import type { Questionnaire } from "../../server/src/questionnaires/questionnaire";

/** Questionnaires written for the validation tests: every survey-core question type, validator and completion rule. */
export const VALIDATION_FIXTURES_DIR = path.join(__dirname, "../fixtures/validation");

let loaded: ReturnType<typeof loadQuestionnaires> | undefined;

/** One of the validation fixtures, loaded and checked as at start. */
export function validationFixture(id: string): Questionnaire {
  loaded ??= loadQuestionnaires(VALIDATION_FIXTURES_DIR);
  return loaded.get(id);
}

export function validationFixtures(): Questionnaire[] {
  loaded ??= loadQuestionnaires(VALIDATION_FIXTURES_DIR);
  return loaded.list();
}
