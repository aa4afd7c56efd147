import { Model, QuestionSelectBase, type Question } from "survey-core";
// survey-core's own messages (required answer, validators) in our non-English locales.
import "survey-core/i18n/french";
import "survey-core/i18n/arabic";
import {
  registerCustomProperties,
  surveyJsLocale,
  type Answers,
  type ErrorDetail,
  type JsonObject,
  type Locale,
  type ResponseStatus,
} from "@passerelle/shared";
import { checkFor, checkText, possibleChoiceValues, type AnswerCheck } from "./answer-checks";
import { formatAnswerMessage, type AnswerProblem } from "./answer-messages";

export interface ValidationRequest {
  answers: Answers;
  /** A draft is checked for shape only; a submission must also satisfy every rule of the form. */
  status: ResponseStatus;
  /** Language of the messages returned. */
  locale: Locale;
}

/**
 * Validates answers against one questionnaire version with survey-core, the engine that renders
 * the form, so the server applies the same rules the respondent saw. Built once per version and
 * reused: building a survey-core model costs far more than validating with one. Validation is
 * synchronous, so reuse across requests is safe on Node's single thread.
 */
export class AnswerValidator {
  private readonly model: Model;
  private readonly checks = new Map<string, AnswerCheck>();

  constructor(definition: JsonObject) {
    registerCustomProperties();
    this.model = new Model(definition);
    for (const question of this.model.getAllQuestions()) {
      const name = question.getValueName();
      this.checks.set(name, checkFor(question));
      if (question.hasComment || (question instanceof QuestionSelectBase && question.hasOther)) {
        this.checks.set(name + this.model.commentSuffix, checkText);
      }
    }
  }

  /** Returns every problem found, each on the question it concerns; empty when the answers are valid. */
  validate(request: ValidationRequest): ErrorDetail[] {
    const shapeProblems = this.checkShapes(request);
    if (shapeProblems.length > 0 || request.status === "draft") return shapeProblems;
    return this.checkRules(request);
  }

  /**
   * The answers a submission keeps: those of questions visible given the other answers, as
   * SurveyJS keeps on completing the form (a need typed for a theme later unranked is not
   * submitted). Call right after `validate` of a submission, which set the model's data.
   */
  visibleAnswers(answers: Answers): Answers {
    const hidden = new Set<string>();
    for (const question of this.model.getAllQuestions()) {
      if (question.isVisible && question.isParentVisible) continue;
      hidden.add(question.getValueName());
      hidden.add(question.getValueName() + this.model.commentSuffix);
    }
    return Object.fromEntries(Object.entries(answers).filter(([key]) => !hidden.has(key)));
  }

  private checkShapes({ answers, locale }: ValidationRequest): ErrorDetail[] {
    const details: ErrorDetail[] = [];
    // Own keys only, as data: a key such as "__proto__" or "$gt" is just an unknown question.
    for (const [key, value] of Object.entries(answers)) {
      const check = this.checks.get(key);
      const problem: AnswerProblem | undefined = check ? check(value) : { key: "unknownQuestion" };
      if (problem) details.push({ question: key, message: formatAnswerMessage(problem, locale) });
    }
    return details;
  }

  private checkRules({ answers, locale }: ValidationRequest): ErrorDetail[] {
    const model = this.model;
    // Setting `data` replaces every value and re-runs the conditions, so the previous request
    // leaves nothing behind; clearing first would only double the cost. Switching locale
    // re-localises every string, so it is done only when the language changes.
    const surveyLocale = surveyJsLocale(locale);
    if (model.locale !== surveyLocale) model.locale = surveyLocale;
    model.data = answers;
    model.validate(true);
    const details: ErrorDetail[] = [];
    for (const question of model.getAllQuestions(true, false, true)) {
      for (const error of question.errors) {
        details.push({ question: questionPath(question), message: error.getText() });
      }
      const choiceProblem = checkVisibleChoices(question);
      if (choiceProblem) details.push({ question: question.name, message: formatAnswerMessage(choiceProblem, locale) });
    }
    return details;
  }
}

// A choice hidden by the other answers (a district outside the chosen governorate) is refused on
// submission, as the form would not have offered it.
function checkVisibleChoices(question: Question): AnswerProblem | undefined {
  if (!(question instanceof QuestionSelectBase) || question.isEmpty() || !possibleChoiceValues(question)) {
    return undefined;
  }
  const visible = new Set(question.visibleChoices.map((item) => item.value));
  const values: unknown[] = Array.isArray(question.value) ? question.value : [question.value];
  return values.every((value) => visible.has(value)) ? undefined : { key: "notAChoice" };
}

// Questions nested in dynamic panels are reported under their panel's name.
function questionPath(question: Question): string {
  const parent = (question as Question & { parentQuestion?: Question | null }).parentQuestion;
  return parent ? `${parent.getValueName()}.${question.name}` : question.name;
}
