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
import { checkAnyJson, checkFor, isOtherTextTheValue } from "./answer-checks";
import { formatAnswerMessage, type AnswerProblem } from "./answer-messages";
import { compileRules, type CompiledRules } from "./compiled-rules";
import { completeLikeTheForm, type FormCompletion } from "./form-completion";
import { checksOfQuestions, type AnswerChecks } from "./nested-answer-checks";
import { surveyWrittenKeys } from "./survey-written-keys";
import { withoutConsoleOutput } from "./survey-core-console";

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
  /** The answers to store: for a submission, what survey-core's completed form keeps. */
  answers: Answers;
}

/**
 * Problems reported at most. A person reads a handful; a body of junk keys (a hundred
 * thousand unknown questions) is refused after this many, without looking at the rest.
 */
export const MAX_DETAILS = 50;

// Questions whose survey-core state outlives `data =` and `clear()`: a dynamic panel emptied by
// the next request keeps its panels (and their required questions), choices copied from another
// question keep the earlier request's. Questionnaires holding one are validated on a model of
// their own per request, built fresh. The differential test is what keeps this list honest.
const STATEFUL_TYPES = new Set(["paneldynamic", "matrixdynamic", "matrixdropdown"]);

function hasStateOutlivingReset(question: Question): boolean {
  if (STATEFUL_TYPES.has(question.getType())) return true;
  return question instanceof QuestionSelectBase && Boolean(question.choicesFromQuestion || question.choicesByUrl?.url);
}

/**
 * Validates answers against one questionnaire version with survey-core, the engine that renders
 * the form, so the server applies the rules the respondent saw, as the form applies them.
 *
 * Two stages. The shape of every answer (types, choices, rows, files) is checked against checks
 * read once off a model that never holds answers. A submission is then taken through the form
 * (`completeLikeTheForm`) on a model reset to its state before any answer, so that no request
 * sees what an earlier one left (values, variables, triggers fired, pages passed, errors).
 * Building a census model costs several validations, hence one model per language, reused
 * (switching a model's locale re-localises every string) — except for questionnaires with
 * questions whose state a reset does not clear, which get a fresh model per request.
 */
export class AnswerValidator {
  private readonly models = new Map<Locale, Model>();
  private readonly checks: AnswerChecks;
  private readonly initialVariables: ReadonlySet<string>;
  private readonly isModelReusable: boolean;
  private readonly compiled: CompiledRules | undefined;

  /**
   * @param options.isCompiled whether submissions are first judged by compiled rules (default
   *   true, where the questionnaire allows); off only to measure or compare survey-core's path.
   */
  constructor(
    private readonly definition: JsonObject,
    options: { isCompiled?: boolean } = {},
  ) {
    registerCustomProperties();
    const catalogue = withoutConsoleOutput(() => new Model(definition));
    this.checks = checksOfQuestions(catalogue.getAllQuestions(), checkFor, catalogue.commentSuffix);
    for (const key of surveyWrittenKeys(catalogue)) if (!this.checks.has(key)) this.checks.set(key, checkAnyJson);
    this.initialVariables = new Set(catalogue.getVariableNames());
    this.isModelReusable = !catalogue.getAllQuestions(false, false, true).some(hasStateOutlivingReset);
    this.compiled = options.isCompiled === false ? undefined : compileRules(catalogue, definition);
  }

  /** Returns every problem found, each on the question it concerns; empty when the answers are valid. */
  validate(request: ValidationRequest): ErrorDetail[] {
    return this.check(request).details;
  }

  /** Validates, and gives the answers to store when they are valid. */
  check(request: ValidationRequest): CheckedAnswers {
    const shapeProblems = this.checkShapes(request);
    if (shapeProblems.length > 0 || request.status === "draft") return { details: shapeProblems, answers: request.answers };
    return withoutConsoleOutput(() => this.checkRules(request));
  }

  /** Whether submissions are judged by compiled rules before survey-core (see `compileRules`). */
  get isCompiled(): boolean {
    return this.compiled !== undefined;
  }

  private checkShapes({ answers, locale }: ValidationRequest): ErrorDetail[] {
    const details: ErrorDetail[] = [];
    // Own keys only, as data: a key such as "__proto__" or "$gt" is just an unknown question.
    // `for…in` stops where the cap is reached, without listing a hundred thousand keys first.
    for (const key in answers) {
      if (!Object.hasOwn(answers, key)) continue;
      if (details.length === MAX_DETAILS) {
        details.push({ question: "answers", message: formatAnswerMessage({ key: "tooManyAnswers", params: { max: MAX_DETAILS } }, locale) });
        break;
      }
      const check = this.checks.get(key);
      const problem: AnswerProblem | undefined = check ? check(answers[key]) : { key: "unknownQuestion" };
      if (problem) details.push({ question: key + (problem.at ?? ""), message: formatAnswerMessage(problem, locale) });
    }
    return details;
  }

  private checkRules({ answers, locale }: ValidationRequest): CheckedAnswers {
    // The compiled rules answer for what they find valid; survey-core judges, and words, the rest.
    const accepted = this.compiled?.acceptedAnswers(answers);
    if (accepted) return { details: [], answers: accepted };
    const model = this.pristineModel(locale);
    model.data = answers;
    let choiceProblems = new Map<Question, AnswerProblem>();
    const completion = completeLikeTheForm(model, (passed) => {
      choiceProblems = hiddenChoiceProblems(passed, answers);
    });
    return { details: detailsOf(completion, choiceProblems, locale), answers: model.data as Answers };
  }

  // The model of the language, as it was built: no answers, variables, fired triggers or passed pages.
  private pristineModel(locale: Locale): Model {
    let model = this.isModelReusable ? this.models.get(locale) : undefined;
    if (!model) {
      model = new Model(this.definition);
      model.locale = surveyJsLocale(locale);
      if (this.isModelReusable) this.models.set(locale, model);
      return model;
    }
    // The data itself is replaced next (`data =` empties every value first); `clear` with it
    // would set every value twice.
    model.clear(false, true);
    for (const name of model.getVariableNames()) {
      if (!this.initialVariables.has(name)) model.setVariable(name, undefined);
    }
    return model;
  }
}

// survey-core's errors first, page by page; a question whose choice was hidden gets that problem
// instead of the "response required" survey-core reports once it has dropped the hidden choice.
function detailsOf(completion: FormCompletion, choiceProblems: Map<Question, AnswerProblem>, locale: Locale): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const { question, messages } of completion.errors) {
    if (choiceProblems.has(question)) continue;
    for (const message of messages) details.push({ question: questionPath(question), message });
  }
  for (const [question, problem] of choiceProblems) details.push({ question: questionPath(question), message: formatAnswerMessage(problem, locale) });
  return details;
}

/**
 * The questions of the pages shown whose answer, as sent, holds a choice the form did not
 * offer given the other answers (a district outside the chosen governorate). survey-core drops
 * such a value as the data is set, so the request's own value is compared with the visible
 * choices, whether or not the question is required.
 */
function hiddenChoiceProblems(pages: FormCompletion["passedPages"], answers: Answers): Map<Question, AnswerProblem> {
  const problems = new Map<Question, AnswerProblem>();
  for (const page of pages) {
    for (const question of page.getQuestions(true)) {
      if (!(question instanceof QuestionSelectBase) || !question.isVisible || !question.isParentVisible) continue;
      // Choices loaded from a web service are only known to the respondent's browser.
      if (question.choicesByUrl?.url) continue;
      const sent = answers[question.getValueName()];
      if (sent === undefined || sent === null) continue;
      const visible = new Set(question.visibleChoices.map((item) => item.value));
      const isOtherFree = isOtherTextTheValue(question);
      const values: unknown[] = Array.isArray(sent) ? sent : [sent];
      if (!values.every((value) => visible.has(value) || (isOtherFree && typeof value === "string"))) {
        problems.set(question, { key: "hiddenChoice" });
      }
    }
  }
  return problems;
}

// Questions nested in dynamic panels and matrices are reported under their parent's name.
function questionPath(question: Question): string {
  const parent = (question as Question & { parentQuestion?: Question | null }).parentQuestion;
  return parent ? `${parent.getValueName()}.${question.name}` : question.name;
}
