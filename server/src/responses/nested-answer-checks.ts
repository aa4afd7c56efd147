import {
  QuestionSelectBase,
  settings,
  type MatrixDropdownColumn,
  type Question,
  type QuestionMatrixDropdownModelBase,
  type QuestionMatrixDynamicModel,
  type QuestionPanelDynamicModel,
} from "survey-core";
import { isJsonObject } from "@passerelle/shared";
import { checkText, type AnswerCheck } from "./answer-checks";
import type { AnswerProblem } from "./answer-messages";

type CheckFor = (question: Question) => AnswerCheck;

/** The checks of an object of answers (a page's, a panel's, a matrix row's), by key. */
export type AnswerChecks = Map<string, AnswerCheck>;

/**
 * The keys survey-core writes for these questions and the check of each: the question's value
 * (under its `valueName`), and the comment beside it (`-Comment`) for the "other" item or the
 * comment area.
 */
export function checksOfQuestions(questions: readonly Question[], checkFor: CheckFor, commentSuffix: string): AnswerChecks {
  const checks: AnswerChecks = new Map();
  for (const question of questions) {
    const name = question.getValueName();
    checks.set(name, checkFor(question));
    if (question.hasComment || (question instanceof QuestionSelectBase && question.hasOther)) {
      checks.set(name + commentSuffix, checkText);
    }
  }
  return checks;
}

/** Checks an object against the checks of its keys: the first problem, located by key. */
export function checkObject(checks: AnswerChecks, value: unknown): AnswerProblem | undefined {
  if (!isJsonObject(value)) return { key: "expectedObject" };
  for (const [key, item] of Object.entries(value)) {
    const check = checks.get(key);
    if (!check) return { key: "unknownQuestion", at: `.${key}` };
    const problem = check(item);
    if (problem) return { ...problem, at: `.${key}${problem.at ?? ""}` };
  }
  return undefined;
}

// A matrix row: its cells by column name, the "other" comments of cells, the detail panel's questions.
function rowChecks(matrix: QuestionMatrixDropdownModelBase, checkFor: CheckFor): AnswerChecks {
  const cells = matrix.columns.map((column) => cellQuestion(matrix, column));
  const commentSuffix = settings.commentSuffix;
  const checks = checksOfQuestions(cells, checkFor, commentSuffix);
  const detail = matrix.detailPanelMode !== "none" ? matrix.detailPanel.questions : [];
  for (const [key, check] of checksOfQuestions(detail, checkFor, commentSuffix)) checks.set(key, check);
  return checks;
}

// A column's cell is a question of the column's cell type; its choices, when the column lists
// none, are the matrix's own (as survey-core gives them to each cell). The template question
// belongs to a model built for these checks only, so giving it the choices changes no form.
function cellQuestion(matrix: QuestionMatrixDropdownModelBase, column: MatrixDropdownColumn): Question {
  const question = column.templateQuestion;
  if (question instanceof QuestionSelectBase && question.choices.length === 0 && !question.choicesByUrl?.url) {
    question.choices = matrix.choices;
  }
  return question;
}

/** matrixdropdown: an object of rows (by row value), each an object of cells. */
export function checkMatrixDropdown(matrix: QuestionMatrixDropdownModelBase, checkFor: CheckFor): AnswerCheck {
  const rows = new Set(matrix.rows.map((row) => String(row.value)));
  const checks = rowChecks(matrix, checkFor);
  return (value) => {
    if (!isJsonObject(value)) return { key: "expectedObject" };
    for (const [row, cells] of Object.entries(value)) {
      if (!rows.has(row)) return { key: "unknownRow", params: { row } };
      const problem = checkObject(checks, cells);
      if (problem) return { ...problem, at: `.${row}${problem.at ?? ""}` };
    }
    return undefined;
  };
}

/** matrixdynamic: a list of rows, as many as the matrix allows (`minRowCount`–`maxRowCount`). */
export function checkMatrixDynamic(matrix: QuestionMatrixDynamicModel, checkFor: CheckFor): AnswerCheck {
  const checks = rowChecks(matrix, checkFor);
  return (value) => {
    if (!Array.isArray(value)) return { key: "expectedRows" };
    if (value.length > matrix.maxRowCount) return { key: "tooManyRows", params: { max: matrix.maxRowCount } };
    if (value.length < matrix.minRowCount) return { key: "tooFewRows", params: { min: matrix.minRowCount } };
    return checkEach(checks, value);
  };
}

/** paneldynamic: a list of panels (`minPanelCount`–`maxPanelCount`), each the template's answers. */
export function checkPanelDynamic(question: QuestionPanelDynamicModel, checkFor: CheckFor): AnswerCheck {
  const checks = checksOfQuestions(question.template.questions, checkFor, settings.commentSuffix);
  return (value) => {
    if (!Array.isArray(value)) return { key: "expectedPanels" };
    if (value.length > question.maxPanelCount) return { key: "tooManyPanels", params: { max: question.maxPanelCount } };
    if (value.length < question.minPanelCount) return { key: "tooFewPanels", params: { min: question.minPanelCount } };
    return checkEach(checks, value);
  };
}

function checkEach(checks: AnswerChecks, items: unknown[]): AnswerProblem | undefined {
  for (const [index, item] of items.entries()) {
    const problem = checkObject(checks, item);
    if (problem) return { ...problem, at: `[${index}]${problem.at ?? ""}` };
  }
  return undefined;
}
