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

/** What a validation finds: the problems, and the answers a valid request keeps. */
export interface CheckedAnswers {
  /** Every problem found, each on the question it concerns; empty when the answers are valid. */
  details: ErrorDetail[];
  /** The answers to store: for a submission, those of visible questions only. */
  answers: Answers;
}

/**
 * Validates answers against one questionnaire version with survey-core, the engine that renders
 * the form, so the server applies the same rules the respondent saw. Built once per version and
 * reused: building a survey-core model costs far more than validating with one. Validation is
 * synchronous, so reuse across requests is safe on Node's single thread.
 *
 * One model per language, built when first asked for: switching a model's locale re-localises
 * every string, which made a validation about 1.5 times slower when languages alternate.
 */
export class AnswerValidator {
  private readonly models = new Map<Locale, Model>();
  private readonly checks = new Map<string, AnswerCheck>();
  private lastModel: Model | undefined;

  constructor(private readonly definition: JsonObject) {
    registerCustomProperties();
    const model = this.modelFor("en");
    for (const question of model.getAllQuestions()) {
      const name = question.getValueName();
      this.checks.set(name, checkFor(question));
      if (question.hasComment || (question instanceof QuestionSelectBase && question.hasOther)) {
        this.checks.set(name + model.commentSuffix, checkText);
      }
    }
  }

  /** Returns every problem found, each on the question it concerns; empty when the answers are valid. */
  validate(request: ValidationRequest): ErrorDetail[] {
    const shapeProblems = this.checkShapes(request);
    if (shapeProblems.length > 0 || request.status === "draft") return shapeProblems;
    return this.checkRules(request);
  }

  /** Validates, and gives the answers to store when they are valid (see `visibleAnswers`). */
  check(request: ValidationRequest): CheckedAnswers {
    const details = this.validate(request);
    if (details.length > 0 || request.status === "draft") return { details, answers: request.answers };
    return { details, answers: this.visibleAnswers(request.answers) };
  }

  /**
   * The answers a submission keeps: those of questions visible given the other answers, as
   * SurveyJS keeps on completing the form (a need typed for a theme later unranked is not
   * submitted). Call right after `validate` of a submission, which set the model's data.
   */
  visibleAnswers(answers: Answers): Answers {
    const model = this.lastModel ?? this.modelFor("en");
    const hidden = new Set<string>();
    for (const question of model.getAllQuestions()) {
      if (question.isVisible && question.isParentVisible) continue;
      hidden.add(question.getValueName());
      hidden.add(question.getValueName() + model.commentSuffix);
    }
    return Object.fromEntries(Object.entries(answers).filter(([key]) => !hidden.has(key)));
  }

  private modelFor(locale: Locale): Model {
    let model = this.models.get(locale);
    if (!model) {
      model = new Model(this.definition);
      model.locale = surveyJsLocale(locale);
      this.models.set(locale, model);
    }
    return model;
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
    const model = this.modelFor(locale);
    this.lastModel = model;
    // Setting `data` replaces every value and re-runs the conditions, so the previous request
    // leaves nothing behind; clearing first would only double the cost.
    model.data = answers;
    model.validate(true);
    const details: ErrorDetail[] = [];
    for (const question of visibleQuestions(model)) {
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

/**
 * The visible questions, those nested in dynamic panels and matrices included: what
 * `getAllQuestions(true, false, true)` returns, without its side effect of marking every page
 * as rendered, after which each change of value also recomputes CSS classes and panel layout
 * rows (about half the cost of a validation).
 */
function visibleQuestions(model: Model): Question[] {
  return model.getAllQuestions(true).flatMap((question) => question.getNestedQuestions(true, true, true));
}

// Questions nested in dynamic panels are reported under their panel's name.
function questionPath(question: Question): string {
  const parent = (question as Question & { parentQuestion?: Question | null }).parentQuestion;
  return parent ? `${parent.getValueName()}.${question.name}` : question.name;
}
