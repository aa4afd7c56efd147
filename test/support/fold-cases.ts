import fc from "fast-check";
import type { JsonObject, QuestionnaireShape } from "@passerelle/shared";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import { answerSetArbitrary } from "./answer-arbitraries";
import { allTypesAnswerSets, ENGINE_FIXTURES, engineFixture } from "./engine-fixtures";
import { SHIPPED_SURVEYS_DIR } from "./test-app";

type Answers = Record<string, unknown>;

/** Whatever a client may send under a question's name: every JSON value, the wrong shape included. */
export function hostileAnswers(shape: QuestionnaireShape): fc.Arbitrary<Answers> {
  const names = shape.questions.map((question) => question.name);
  return fc.dictionary(fc.constantFrom(...names), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 });
}

const census = loadQuestionnaires(SHIPPED_SURVEYS_DIR).get("census-lebanon").definition;

/** Questionnaires two ways of folding must agree on, each with the answers its form gives. */
export const FOLD_CASES: [name: string, definition: JsonObject, answers: fc.Arbitrary<Answers>][] = [
  ["the census", census, answerSetArbitrary(census)],
  ["every question type (groups and computed values among them)", engineFixture(ENGINE_FIXTURES.allTypes), allTypesAnswerSets],
  [
    "every question type, answered by the form's own arbitrary",
    engineFixture(ENGINE_FIXTURES.allTypes),
    answerSetArbitrary(engineFixture(ENGINE_FIXTURES.allTypes)),
  ],
  ["choices loaded at run time", engineFixture(ENGINE_FIXTURES.runtimeChoices), answerSetArbitrary(engineFixture(ENGINE_FIXTURES.runtimeChoices))],
];
