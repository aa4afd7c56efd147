import {
  QuestionBooleanModel,
  QuestionMatrixModel,
  QuestionMultipleTextModel,
  QuestionRatingModel,
  QuestionSelectBase,
  QuestionTextModel,
  type ItemValue,
  type Question,
} from "survey-core";
import { isJsonObject } from "@passerelle/shared";
import type { AnswerProblem } from "./answer-messages";

/** Checks the shape of one answer: undefined when it is well-formed, else what is wrong. */
export type AnswerCheck = (value: unknown) => AnswerProblem | undefined;

// Far above any real answer, far below what would hurt storage or exports.
export const MAX_TEXT_LENGTH = 20_000;

const MULTI_SELECT_TYPES = new Set(["checkbox", "tagbox", "ranking"]);
const NUMERIC_INPUT_TYPES = new Set(["number", "range"]);
// Types whose value we leave to survey-core (nested or uncommon structures); still plain JSON.
const LOOSE_TYPES = new Set(["paneldynamic", "matrixdynamic", "matrixdropdown", "file", "signaturepad", "slider"]);
const NON_VALUE_TYPES = new Set(["html", "image", "expression", "empty"]);

/**
 * The shape check for a question's answer, read off the survey-core model so that SurveyJS's
 * own defaults (a rating's 1–5 scale, the "other" item) are the ones enforced.
 */
export function checkFor(question: Question): AnswerCheck {
  const type = question.getType();
  if (NON_VALUE_TYPES.has(type)) return () => ({ key: "notAnswerable" });
  if (question instanceof QuestionSelectBase) {
    return MULTI_SELECT_TYPES.has(type) ? checkMultiSelect(question) : checkSingleSelect(question);
  }
  if (question instanceof QuestionRatingModel) {
    return checkSingleValue(new Set(question.visibleRateValues.map((item) => item.value)));
  }
  if (question instanceof QuestionBooleanModel) return checkBoolean(question);
  if (question instanceof QuestionMatrixModel) return checkMatrix(question);
  if (question instanceof QuestionMultipleTextModel) return checkMultipleText(question);
  if (question instanceof QuestionTextModel && NUMERIC_INPUT_TYPES.has(question.inputType)) return checkNumber;
  if (LOOSE_TYPES.has(type)) return checkAnyJson;
  return checkText;
}

export const checkText: AnswerCheck = (value) => {
  if (typeof value !== "string") return { key: "expectedText" };
  if (value.length > MAX_TEXT_LENGTH) return { key: "tooLong", params: { max: MAX_TEXT_LENGTH } };
  return undefined;
};

const checkNumber: AnswerCheck = (value) =>
  typeof value === "number" && Number.isFinite(value) ? undefined : { key: "expectedNumber" };

const checkAnyJson: AnswerCheck = () => undefined;

function checkBoolean(question: QuestionBooleanModel): AnswerCheck {
  const allowed = new Set<unknown>([true, false, question.valueTrue, question.valueFalse]);
  return (value) => (allowed.has(value) ? undefined : { key: "expectedBoolean" });
}

/** Every value a choice question could ever accept, whatever the other answers. */
export function possibleChoiceValues(question: QuestionSelectBase): Set<unknown> | undefined {
  // Choices computed from elsewhere are only known once the whole survey runs.
  if (question.choicesFromQuestion || question.choicesByUrl?.url) return undefined;
  const items: ItemValue[] = [...question.choices, ...question.visibleChoices];
  return new Set(items.map((item) => item.value));
}

function checkSingleSelect(question: QuestionSelectBase): AnswerCheck {
  const allowed = possibleChoiceValues(question);
  return allowed ? checkSingleValue(allowed) : checkScalar;
}

const checkScalar: AnswerCheck = (value) =>
  typeof value === "string" || typeof value === "number" ? undefined : { key: "notAChoice" };

function checkSingleValue(allowed: Set<unknown>): AnswerCheck {
  return (value) => (allowed.has(value) ? undefined : { key: "notAChoice" });
}

function checkMultiSelect(question: QuestionSelectBase): AnswerCheck {
  const allowed = possibleChoiceValues(question);
  const max = (question as QuestionSelectBase & { maxSelectedChoices?: number }).maxSelectedChoices ?? 0;
  return (value) => {
    if (!Array.isArray(value)) return { key: "expectedList" };
    if (value.some((item) => (allowed ? !allowed.has(item) : checkScalar(item)))) return { key: "notAChoice" };
    if (new Set(value).size !== value.length) return { key: "duplicateChoice" };
    if (max > 0 && value.length > max) return { key: "tooManyChoices", params: { max } };
    return undefined;
  };
}

function checkMatrix(question: QuestionMatrixModel): AnswerCheck {
  const rows = new Set(question.rows.map((row: ItemValue) => String(row.value)));
  const columns = new Set(question.columns.map((column: ItemValue) => column.value));
  return (value) => {
    if (!isJsonObject(value)) return { key: "expectedObject" };
    for (const [row, cell] of Object.entries(value)) {
      if (!rows.has(row)) return { key: "unknownRow", params: { row } };
      const cells = question.isMultiSelect && Array.isArray(cell) ? cell : [cell];
      if (cells.some((item) => !columns.has(item))) return { key: "notAChoice" };
    }
    return undefined;
  };
}

function checkMultipleText(question: QuestionMultipleTextModel): AnswerCheck {
  const items = new Map(question.items.map((item) => [item.name, item.inputType]));
  return (value) => {
    if (!isJsonObject(value)) return { key: "expectedObject" };
    for (const [name, text] of Object.entries(value)) {
      const inputType = items.get(name);
      if (inputType === undefined) return { key: "unknownRow", params: { row: name } };
      const problem = NUMERIC_INPUT_TYPES.has(inputType) ? checkNumber(text) : checkText(text);
      if (problem) return problem;
    }
    return undefined;
  };
}
