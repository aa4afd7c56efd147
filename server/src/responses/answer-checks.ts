import {
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
  type ItemValue,
  type Question,
} from "survey-core";
import { isJsonObject } from "@passerelle/shared";
import type { AnswerProblem } from "./answer-messages";
import { checkFileAnswer, checkSignatureAnswer } from "./file-answer-checks";
import { checkMatrixDropdown, checkMatrixDynamic, checkPanelDynamic } from "./nested-answer-checks";

/** Checks the shape of one answer: undefined when it is well-formed, else what is wrong. */
export type AnswerCheck = (value: unknown) => AnswerProblem | undefined;

// Far above any real answer, far below what would hurt storage or exports.
export const MAX_TEXT_LENGTH = 20_000;

const NUMERIC_INPUT_TYPES = new Set(["number", "range"]);
const NON_VALUE_TYPES = new Set(["html", "image", "empty"]);

/**
 * The shape check for a question's answer, read off the survey-core model so that SurveyJS's
 * own defaults (a rating's 1–5 scale, the "other" item, a matrix's cell type) are the ones
 * enforced. Nested answers (matrices, dynamic panels, multiple text) are checked cell by cell
 * with the checks of their cells' own questions.
 */
export function checkFor(question: Question): AnswerCheck {
  const type = question.getType();
  if (NON_VALUE_TYPES.has(type)) return () => ({ key: "notAnswerable" });
  // survey-core computes an expression's value itself, from the other answers, and keeps its own.
  if (type === "expression") return checkAnyJson;
  if (question instanceof QuestionSelectBase) {
    return isMultiSelect(question) ? checkMultiSelect(question) : checkSingleSelect(question);
  }
  if (question instanceof QuestionRatingModel) {
    return checkSingleValue(new Set(question.visibleRateValues.map((item) => item.value)));
  }
  if (question instanceof QuestionBooleanModel) return checkBoolean(question);
  if (question instanceof QuestionMatrixModel) return checkMatrix(question);
  if (question instanceof QuestionMultipleTextModel) return checkMultipleText(question);
  if (question instanceof QuestionMatrixDynamicModel) return checkMatrixDynamic(question, checkFor);
  if (question instanceof QuestionMatrixDropdownModelBase) return checkMatrixDropdown(question, checkFor);
  if (question instanceof QuestionPanelDynamicModel) return checkPanelDynamic(question, checkFor);
  if (question instanceof QuestionSignaturePadModel) return checkSignatureAnswer(question);
  if (question instanceof QuestionFileModel) return checkFileAnswer(question);
  if (question instanceof QuestionTextModel && NUMERIC_INPUT_TYPES.has(question.inputType)) return checkNumber;
  if (type === "slider") return checkSlider(question);
  return checkText;
}

export const checkText: AnswerCheck = (value) => {
  if (typeof value !== "string") return { key: "expectedText" };
  if (value.length > MAX_TEXT_LENGTH) return { key: "tooLong", params: { max: MAX_TEXT_LENGTH } };
  return undefined;
};

const checkNumber: AnswerCheck = (value) => (typeof value === "number" && Number.isFinite(value) ? undefined : { key: "expectedNumber" });

/** Values survey-core computes itself (expressions, totals, calculated values): any JSON, replaced by its own. */
export const checkAnyJson: AnswerCheck = () => undefined;

function checkBoolean(question: QuestionBooleanModel): AnswerCheck {
  const allowed = new Set<unknown>([true, false, question.valueTrue, question.valueFalse]);
  return (value) => (allowed.has(value) ? undefined : { key: "expectedBoolean" });
}

// A slider holds one number, or two (`sliderType: "range"`), within its scale.
function checkSlider(question: Question): AnswerCheck {
  const { min, max, sliderType } = question as Question & { min: number; max: number; sliderType: string };
  const inScale = (value: unknown) => typeof value === "number" && Number.isFinite(value) && value >= min && value <= max;
  return (value) => {
    const values = sliderType === "range" ? value : [value];
    if (!Array.isArray(values) || (sliderType === "range" && values.length !== 2)) return { key: "expectedNumber" };
    return values.every(inScale) ? undefined : { key: "outOfScale", params: { min, max } };
  };
}

function isMultiSelect(question: QuestionSelectBase): boolean {
  const type = question.getType();
  if (type === "imagepicker") return Boolean((question as QuestionSelectBase & { multiSelect?: boolean }).multiSelect);
  return type === "checkbox" || type === "tagbox" || type === "ranking";
}

/** Every value a choice question could ever accept, whatever the other answers. */
export function possibleChoiceValues(question: QuestionSelectBase): Set<unknown> | undefined {
  // Choices computed from elsewhere are only known once the whole survey runs.
  if (question.choicesFromQuestion || question.choicesByUrl?.url) return undefined;
  const items: ItemValue[] = [...question.choices, ...question.visibleChoices];
  return new Set(items.map((item) => item.value));
}

/**
 * Whether the "other" text is the answer itself (`storeOthersAsComment: false`) rather than a
 * `-Comment` beside the "other" value: then any text is a possible answer.
 */
export function isOtherTextTheValue(question: QuestionSelectBase): boolean {
  return question.hasOther && !question.getStoreOthersAsComment();
}

function checkSingleSelect(question: QuestionSelectBase): AnswerCheck {
  const allowed = possibleChoiceValues(question);
  if (!allowed) return checkScalar;
  if (isOtherTextTheValue(question)) return (value) => (allowed.has(value) || typeof value === "string" ? checkTextIfText(value) : { key: "notAChoice" });
  return checkSingleValue(allowed);
}

const checkTextIfText: AnswerCheck = (value) => (typeof value === "string" ? checkText(value) : undefined);

const checkScalar: AnswerCheck = (value) => (typeof value === "string" || typeof value === "number" ? undefined : { key: "notAChoice" });

function checkSingleValue(allowed: Set<unknown>): AnswerCheck {
  return (value) => (allowed.has(value) ? undefined : { key: "notAChoice" });
}

function checkMultiSelect(question: QuestionSelectBase): AnswerCheck {
  const allowed = possibleChoiceValues(question);
  const isOtherFree = isOtherTextTheValue(question);
  const max = (question as QuestionSelectBase & { maxSelectedChoices?: number }).maxSelectedChoices ?? 0;
  // `valuePropertyName` stores each choice as `{ [name]: value }`.
  const propertyName = (question as QuestionSelectBase & { valuePropertyName?: string }).valuePropertyName;
  const isAllowed = (item: unknown) => {
    if (allowed ? allowed.has(item) : checkScalar(item) === undefined) return true;
    return isOtherFree && typeof item === "string" && item.length <= MAX_TEXT_LENGTH;
  };
  return (value) => {
    if (!Array.isArray(value)) return { key: "expectedList" };
    const items = propertyName ? value.map((item) => (isJsonObject(item) ? item[propertyName] : undefined)) : value;
    if (!items.every(isAllowed)) return { key: "notAChoice" };
    if (new Set(items).size !== items.length) return { key: "duplicateChoice" };
    if (max > 0 && items.length > max) return { key: "tooManyChoices", params: { max } };
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
