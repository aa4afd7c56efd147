import type { Model, PageModel, Question } from "survey-core";

/** What the form would do with a set of answers, page by page, up to its completion. */
export interface FormCompletion {
  /** The pages the respondent went through, in order: the start page, then up to the page completing the form. */
  passedPages: PageModel[];
  /** The errors that stop the form (warnings and information do not), on those pages, in page order. */
  errors: QuestionErrors[];
}

/** A question's errors as survey-core gave them when its page was checked. */
export interface QuestionErrors {
  question: Question;
  messages: string[];
}

// Members survey-core keeps to itself that the walk below needs, with their meaning in 3.x:
// `doNextPage` runs the page's triggers (a complete trigger ends the form there, a skip trigger
// jumps ahead) then moves on; `canBeCompletedByTrigger` and `completedTrigger` say that a
// complete trigger turned this page's Next button into Complete.
interface ModelNavigation {
  doNextPage(): void;
  readonly canBeCompletedByTrigger: boolean;
  readonly completedTrigger: unknown;
  doComplete(isCompleteOnTrigger?: boolean, completeTrigger?: unknown): void;
}

/**
 * Takes the model, its answers just set, through the form as the respondent does: the start page
 * (when `firstPageIsStartPage`), then Next page after page until the last visible page or a
 * complete trigger, then Complete; each page checked when survey-core checks it (`checkErrorsMode`,
 * `validationEnabled`, `validationAllowSwitchPages`, `validationAllowComplete`), pages a trigger
 * skips or that come after completion never checked. Unlike the form, it goes on past a page with
 * errors, so that every error is reported at once. `beforeComplete` sees the pages passed while
 * the answers are still those sent. Ends with the model completed, so its `data`
 * holds what survey-core's completed form sends (invisible questions cleared, expressions and
 * calculated values written).
 */
export function completeLikeTheForm(model: Model, beforeComplete?: (passedPages: PageModel[]) => void): FormCompletion {
  // Read when the page is checked: completing the form clears values (an "other" comment without
  // "other"), and survey-core then re-checks, and may clear, the errors of the questions changed.
  const errors = new Map<Question, string[]>();
  const rules = checkingRules(model);
  const check = (pages: PageModel[]) => {
    for (const page of pages) {
      model.validatePage(page);
      for (const [question, messages] of blockingErrorsOn(page)) errors.set(question, messages);
    }
  };
  const startPage = model.firstPageIsStartPage && model.pages.length > 1 ? model.pages[0] : undefined;
  const passedPages: PageModel[] = startPage ? [startPage] : [];
  // `start()` checks the start page whatever the other settings, unless validation is off.
  if (startPage && model.validationEnabled) check([startPage]);
  const walk = hasNavigatingTriggers(model) ? walkPageByPage : walkWithoutMoving;
  walk(model, rules, { passedPages, check, beforeComplete });
  return { passedPages, errors: [...errors].map(([question, messages]) => ({ question, messages })) };
}

/** When survey-core checks a page (`validateOnNavigate`), from the survey's settings. */
interface CheckingRules {
  /** Next checks the page being left. */
  onNext: boolean;
  /** Complete on the last page checks that page, or every visible page (`checkErrorsMode: "onComplete"`). */
  onComplete: "page" | "all-pages" | "nothing";
}

function checkingRules(model: Model): CheckingRules {
  if (!model.validationEnabled) return { onNext: false, onComplete: "nothing" };
  const validatesOnComplete = model.checkErrorsMode === "onComplete" || (model.validationAllowSwitchPages && !model.validationAllowComplete);
  return {
    onNext: !model.validationAllowSwitchPages && !validatesOnComplete,
    onComplete: model.validationAllowComplete ? "nothing" : validatesOnComplete ? "all-pages" : "page",
  };
}

interface Walk {
  passedPages: PageModel[];
  check(pages: PageModel[]): void;
  beforeComplete: ((passedPages: PageModel[]) => void) | undefined;
}

// Without triggers that move through the form (complete, skip, visibility), the respondent
// passes every visible page in order, whatever the answers: no page needs to be made current,
// which would lay out its questions (a third of a validation's cost).
function walkWithoutMoving(model: Model, rules: CheckingRules, walk: Walk): void {
  const pages = model.visiblePages.filter((page) => !walk.passedPages.includes(page));
  walk.passedPages.push(...pages);
  const last = pages[pages.length - 1];
  if (rules.onNext) walk.check(pages.slice(0, -1));
  if (rules.onComplete === "all-pages") walk.check(pages);
  else if (rules.onComplete === "page" && last) walk.check([last]);
  walk.beforeComplete?.(walk.passedPages);
  (model as unknown as ModelNavigation).doComplete();
}

// Next page after page as the form does, its triggers run by survey-core on each Next.
function walkPageByPage(model: Model, rules: CheckingRules, walk: Walk): void {
  const navigation = model as unknown as ModelNavigation;
  if (walk.passedPages.length > 0) {
    // Past the start page without checking it again (`start()` refuses a start page with errors).
    (model as unknown as { isStartedState: boolean }).isStartedState = false;
  }
  model.currentPageNo = 0;
  // A skip or complete trigger may move on; a page is never visited twice, so this ends.
  for (let steps = 0; !isCompleted(model) && model.currentPage && steps <= model.pages.length; steps += 1) {
    const page = model.currentPage;
    walk.passedPages.push(page);
    if (model.isLastPage || navigation.canBeCompletedByTrigger) {
      // "onComplete" checks every visible page when Complete is pressed on the last page only.
      if (rules.onComplete === "all-pages" && model.isLastPage) walk.check(model.visiblePages);
      else if (rules.onComplete === "page") walk.check([page]);
      walk.beforeComplete?.(walk.passedPages);
      navigation.doComplete(navigation.canBeCompletedByTrigger, navigation.completedTrigger);
      return;
    }
    if (rules.onNext) walk.check([page]);
    navigation.doNextPage();
    if (model.currentPage === page && !isCompleted(model)) break;
  }
  if (!isCompleted(model)) {
    // A trigger completed the form on Next, or no page was left to show.
    walk.beforeComplete?.(walk.passedPages);
    navigation.doComplete();
  }
}

const NAVIGATING_TRIGGERS = new Set(["completetrigger", "skiptrigger", "visibletrigger"]);

function hasNavigatingTriggers(model: Model): boolean {
  return model.triggers.some((trigger) => NAVIGATING_TRIGGERS.has(trigger.getType()));
}

// A page's questions with an error that stops the form, nested ones (dynamic panels, matrix
// cells) included; survey-core's `notificationType: "warning"` or `"info"` only inform.
function blockingErrorsOn(page: PageModel): [Question, string[]][] {
  return page
    .getQuestions(true)
    .filter((question) => question.isVisible && question.isParentVisible)
    .flatMap((question) => question.getNestedQuestions(true, true, true))
    .map((question): [Question, string[]] => [question, question.errors.filter((error) => error.notificationType === "error").map((error) => error.getText())])
    .filter(([, messages]) => messages.length > 0);
}

function isCompleted(model: Model): boolean {
  return model.state === "completed";
}
