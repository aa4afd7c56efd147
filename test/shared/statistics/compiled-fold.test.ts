import fc from "fast-check";
import { CompiledFold, emptySummary, foldResponse, layoutOf, readQuestionnaireShape, type QuestionnaireShape } from "@passerelle/shared";
import { comparableSummary, comparableSummaryBeside } from "../../support/comparable-summary";
import { FOLD_CASES, hostileAnswers } from "../../support/fold-cases";

type Answers = Record<string, unknown>;

function interpreted(responses: { answers: Answers; shape: QuestionnaireShape }[]) {
  return responses.reduce((summary, response) => foldResponse(summary, response), emptySummary());
}

function compiledOf(responses: { answers: Answers; shape: QuestionnaireShape }[], fold = new CompiledFold()) {
  for (const response of responses) fold.add(response);
  return fold.summary();
}

describe("the compiled fold gives the figures of the interpreted one", () => {
  it.each(FOLD_CASES)("%s: answers as the form gives them, and anything else under the questions' names", (_name, definition, answers) => {
    const shape = readQuestionnaireShape(definition);
    // An older version with other breakdowns, its responses folded into the same summary.
    const older: QuestionnaireShape = { ...readQuestionnaireShape(definition), breakdownFields: shape.questions.slice(0, 2).map((question) => question.name) };
    const response = fc.record({ answers: fc.oneof({ arbitrary: answers, weight: 3 }, { arbitrary: hostileAnswers(shape), weight: 1 }), isOld: fc.boolean() });
    fc.assert(
      fc.property(fc.array(response, { maxLength: 12 }), (drawn) => {
        const responses = drawn.map(({ answers: given, isOld }) => ({ answers: given, shape: isOld ? older : shape }));
        const expected = comparableSummary(interpreted(responses));
        expect(comparableSummaryBeside(compiledOf(responses), expected)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it.each(FOLD_CASES)("%s: the same figures when the combinations of groups run out, and when read between responses", (_name, definition, answers) => {
    const shape = readQuestionnaireShape(definition);
    const response = fc.oneof({ arbitrary: answers, weight: 3 }, { arbitrary: hostileAnswers(shape), weight: 1 });
    fc.assert(
      fc.property(fc.array(response, { maxLength: 12 }), fc.nat(12), fc.nat(3), (drawn, readAfter, combinations) => {
        const responses = drawn.map((given) => ({ answers: given, shape }));
        // Room for a few combinations only: the responses of the others go to each group in turn.
        const fold = new CompiledFold(combinations * Math.max(1, layoutOf(shape).size));
        compiledOf(responses.slice(0, readAfter), fold);
        const expected = comparableSummary(interpreted(responses));
        expect(comparableSummaryBeside(compiledOf(responses.slice(readAfter), fold), expected)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
