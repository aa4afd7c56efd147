import fc from "fast-check";
import {
  CompiledFold,
  Delta,
  DeltaDecoder,
  breakdownGroupKeys,
  deltaStampOf,
  encodeDelta,
  isEncodingOf,
  readQuestionnaireShape,
  type QuestionnaireShape,
} from "@passerelle/shared";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { answerSetArbitrary } from "../../support/answer-arbitraries";
import { FOLD_CASES, hostileAnswers } from "../../support/fold-cases";
import { SHIPPED_SURVEYS_DIR } from "../../support/test-app";

type Answers = Record<string, unknown>;
interface Drawn {
  answers: Answers;
  shape: QuestionnaireShape;
  version: string;
}

// The fold over the answers as the store keeps them (its JSON), as a fold without encodings reads them.
function foldOfAnswers(responses: Drawn[]) {
  const fold = new CompiledFold();
  for (const { answers, shape } of responses) fold.add({ answers: JSON.parse(JSON.stringify(answers)) as Answers, shape });
  return fold.summary();
}

// Each response encoded once, the bytes handed back at an offset a driver might give (not
// 8-aligned for some), decoded and added.
function foldOfEncodings(responses: Drawn[]) {
  const fold = new CompiledFold();
  const decoder = new DeltaDecoder();
  const delta = new Delta();
  responses.forEach(({ answers, shape, version }, index) => {
    const { bytes } = encodeDelta(version, shape, answers);
    const offset = index % 3;
    const held = new Uint8Array(bytes.length + offset);
    held.set(bytes, offset);
    fold.addDelta(delta, shape, decoder.decode(held.subarray(offset), shape, delta));
  });
  return fold.summary();
}

const census = loadQuestionnaires(SHIPPED_SURVEYS_DIR).get("census-lebanon").definition;

describe("a fold over encoded deltas gives exactly the summary of the fold over the answers", () => {
  it.each(FOLD_CASES)("%s: answers as the form gives them, and anything else under the questions' names", (_name, definition, answers) => {
    const shape = readQuestionnaireShape(definition);
    // An older version with other breakdowns, its responses folded into the same summary.
    const older: QuestionnaireShape = { ...readQuestionnaireShape(definition), breakdownFields: shape.questions.slice(0, 2).map((question) => question.name) };
    const response = fc.record({ answers: fc.oneof({ arbitrary: answers, weight: 3 }, { arbitrary: hostileAnswers(shape), weight: 1 }), isOld: fc.boolean() });
    fc.assert(
      fc.property(fc.array(response, { maxLength: 12 }), (drawn) => {
        const responses = drawn.map(({ answers: given, isOld }) => ({ answers: given, shape: isOld ? older : shape, version: isOld ? "old" : "current" }));
        expect(foldOfEncodings(responses)).toEqual(foldOfAnswers(responses));
      }),
      { numRuns: 60 },
    );
  });

  it("counts a response in the groups its answers put it in, a cube's cell alike", () => {
    const shape = readQuestionnaireShape(census);
    fc.assert(
      fc.property(answerSetArbitrary(census), (answers) => {
        const decoder = new DeltaDecoder();
        const delta = new Delta();
        const stored = JSON.parse(JSON.stringify(answers)) as Answers;
        expect(decoder.decode(encodeDelta("current", shape, answers).bytes, shape, delta)).toEqual(breakdownGroupKeys(shape, stored));
        const cell = new CompiledFold();
        cell.addDeltaToGroup("cell", delta, shape);
        const expected = new CompiledFold();
        expected.addToGroup("cell", { answers: stored, shape });
        expect(cell.summary()).toEqual(expected.summary());
      }),
      { numRuns: 30 },
    );
  });
});

describe("what an encoding is stamped with", () => {
  const shape = readQuestionnaireShape(census);

  it("is the same for the same version read twice, and another for another version or another shape", () => {
    const again = readQuestionnaireShape(census);
    const fewerChoices: QuestionnaireShape = {
      ...again,
      questions: again.questions.map((question) => (question.kind === "ranking" ? { ...question, choices: question.choices.slice(1) } : question)),
    };
    expect(deltaStampOf("v1", again)).toBe(deltaStampOf("v1", shape));
    expect(deltaStampOf("v2", shape)).not.toBe(deltaStampOf("v1", shape));
    expect(deltaStampOf("v1", fewerChoices)).not.toBe(deltaStampOf("v1", shape));
    expect(encodeDelta("v1", shape, {}).stamp).toBe(deltaStampOf("v1", shape));
  });

  it("binds the encoding to the version and the answers it was made for, as the store writes them", () => {
    const answers = { governorate: "north", population: 12 };
    const encoded = encodeDelta("v1", shape, answers);
    expect(isEncodingOf(encoded, { version: "v1", answers: JSON.stringify(answers) })).toBe(true);
    expect(isEncodingOf(encoded, { version: "v1", answers: JSON.stringify({ ...answers, population: 13 }) })).toBe(false);
    expect(isEncodingOf({ stamp: encoded.stamp, bytes: encoded.bytes }, { version: "v1", answers: JSON.stringify(answers) })).toBe(false);
    expect(isEncodingOf(encoded, { version: "v2", answers: JSON.stringify(answers) })).toBe(false);
  });
});
