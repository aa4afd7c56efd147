import fc from "fast-check";
import {
  Model,
  QuestionBooleanModel,
  QuestionFileModel,
  QuestionMatrixDropdownModelBase,
  QuestionMatrixDynamicModel,
  QuestionMatrixModel,
  QuestionMultipleTextModel,
  QuestionPanelDynamicModel,
  QuestionRatingModel,
  QuestionSelectBase,
  QuestionSignaturePadModel,
  QuestionTextModel,
  settings,
  type Question,
} from "survey-core";
import { registerCustomProperties, type Answers, type JsonObject } from "@passerelle/shared";

const PNG = "data:image/png;base64,iVBORw0KGgo=";
const TEXTS = ["", "ABC", "abcd", "x", "a@b.example", "not an email", "2026-05-01"];
const NOT_A_CHOICE = "__not_a_choice__";

/**
 * Sets of answers to a questionnaire, of every kind the form and its abusers send: for each
 * question, nothing, one of the values its form offers (whatever the other answers), a value
 * its conditions hide, or now and then a wrong one (a choice outside the list, text for a
 * number, a number out of range, "other" without its text); nested answers (matrices, dynamic
 * panels, multiple text, files) built cell by cell. Required questions are answered more often,
 * so that complete, valid submissions come up too.
 */
export function answerSetArbitrary(definition: JsonObject): fc.Arbitrary<Answers> {
  registerCustomProperties();
  const model = new Model(definition);
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  for (const question of model.getAllQuestions()) {
    const name = question.getValueName();
    entries[name] = optional(valueOf(question), question.isRequired ? 0.85 : 0.5);
    if (question.hasComment || (question instanceof QuestionSelectBase && question.hasOther)) {
      entries[name + settings.commentSuffix] = optional(fc.constantFrom("", "some text"), 0.4);
    }
  }
  // As the wire gives them: plain objects, nothing undefined.
  return fc.record(entries).map((record) => JSON.parse(JSON.stringify(record)) as Answers);
}

function optional(value: fc.Arbitrary<unknown>, presence: number): fc.Arbitrary<unknown> {
  const weight = Math.round(presence * 20);
  return fc.oneof({ arbitrary: value, weight }, { arbitrary: fc.constant(undefined), weight: 20 - weight });
}

function sometimesWrong(valid: fc.Arbitrary<unknown>, wrong: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: wrong, weight: 1 });
}

function valueOf(question: Question): fc.Arbitrary<unknown> {
  const type = question.getType();
  if (type === "expression") return fc.integer({ min: 0, max: 9 });
  if (type === "html" || type === "image") return fc.constant("x");
  if (question instanceof QuestionSelectBase) return choiceValueOf(question);
  if (question instanceof QuestionRatingModel) {
    return sometimesWrong(fc.constantFrom(...question.visibleRateValues.map((item) => item.value)), fc.constantFrom("x", 99));
  }
  if (question instanceof QuestionBooleanModel) return sometimesWrong(fc.boolean(), fc.constant("yes"));
  if (question instanceof QuestionMatrixModel) {
    const columns = question.columns.map((column) => column.value);
    const rows = question.rows.map((row) => String(row.value));
    return sometimesWrong(
      objectOf(rows, () => fc.constantFrom(...columns)),
      fc.constant({ nowhere: columns[0] }),
    );
  }
  if (question instanceof QuestionMultipleTextModel) {
    return objectOf(
      question.items.map((item) => item.name),
      (name) => (question.items.find((item) => item.name === name)?.inputType === "number" ? fc.integer({ min: -5, max: 50 }) : fc.constantFrom(...TEXTS)),
    );
  }
  if (question instanceof QuestionMatrixDynamicModel) {
    return sometimesWrong(fc.array(rowOf(question), { minLength: question.minRowCount, maxLength: Math.min(question.maxRowCount, 5) }), fc.constant({}));
  }
  if (question instanceof QuestionMatrixDropdownModelBase) {
    return objectOf(
      question.rows.map((row) => String(row.value)),
      () => rowOf(question),
    );
  }
  if (question instanceof QuestionPanelDynamicModel) {
    const template = question.template.questions;
    const panel = objectOf(
      template.map((inner) => inner.getValueName()),
      (name) => valueOf(template.find((inner) => inner.getValueName() === name)!),
    );
    return fc.array(panel, { minLength: question.minPanelCount, maxLength: Math.min(question.maxPanelCount, 4) });
  }
  if (question instanceof QuestionSignaturePadModel) return sometimesWrong(fc.constant(PNG), fc.constant("data:text/plain,hi"));
  if (question instanceof QuestionFileModel) {
    return sometimesWrong(
      fc.constant([{ name: "a.png", type: "image/png", content: PNG }]),
      fc.constant([{ name: "a.exe", type: "application/x-msdownload", content: PNG }]),
    );
  }
  if (question instanceof QuestionTextModel && question.inputType === "number") {
    return sometimesWrong(fc.integer({ min: -3, max: 130 }), fc.constant("12"));
  }
  return sometimesWrong(fc.constantFrom(...TEXTS), fc.constant(12));
}

function choiceValueOf(question: QuestionSelectBase): fc.Arbitrary<unknown> {
  const source = question.choicesFromQuestion ? (question.survey as unknown as Model).getQuestionByName(question.choicesFromQuestion) : undefined;
  const items = source instanceof QuestionSelectBase ? source.choices : question.choices;
  const values: unknown[] = items.map((item) => item.value);
  if (question.hasOther) values.push(question.otherItem.value);
  if (question.hasNone) values.push(question.noneItem.value);
  if (values.length === 0) return fc.constant(NOT_A_CHOICE);
  const type = question.getType();
  const isMulti =
    type === "checkbox" ||
    type === "tagbox" ||
    type === "ranking" ||
    (type === "imagepicker" && Boolean((question as QuestionSelectBase & { multiSelect?: boolean }).multiSelect));
  if (isMulti) return sometimesWrong(fc.subarray(values, { minLength: 1 }), fc.constant([NOT_A_CHOICE]));
  return sometimesWrong(fc.constantFrom(...values), fc.constantFrom(NOT_A_CHOICE, [values[0]]));
}

function rowOf(matrix: QuestionMatrixDropdownModelBase): fc.Arbitrary<Record<string, unknown>> {
  const cells = new Map(
    matrix.columns.map((column) => {
      const cell = column.templateQuestion;
      if (cell instanceof QuestionSelectBase && cell.choices.length === 0) cell.choices = matrix.choices;
      return [column.name, cell] as const;
    }),
  );
  return objectOf([...cells.keys()], (name) => valueOf(cells.get(name)!));
}

// An object with some of the keys, each with a value of its own arbitrary.
function objectOf(keys: string[], valueFor: (key: string) => fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(keys.map((key) => [key, valueFor(key)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
}
