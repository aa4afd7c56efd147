import { Model, QuestionSelectBase, type PageModel, type Question } from "survey-core";
import { registerCustomProperties, type Answers, type JsonObject } from "@passerelle/shared";

/** What survey-core's form makes of a set of answers: the questions in error, and the data it completes with. */
export interface OracleVerdict {
  /** Questions with an error that stops the form (nested ones as `parent.name`), sorted. */
  errors: string[];
  /** `survey.data` once completed. */
  kept: Answers;
}

/**
 * The reference for the server's validation: a FRESH survey-core model for each set of answers,
 * driven through its own public navigation as the respondent does — Start, Next page after page,
 * Complete when the Complete button shows (last page, or a complete trigger) — recording the
 * errors of every page it refuses to leave and going on to the next visible page, so that every
 * page the form would show is judged. A choice the page did not offer (hidden by the other
 * answers) counts as an error of its question, as the form could not have sent it.
 */
export function surveyCoreVerdict(definition: JsonObject, answers: Answers): OracleVerdict {
  registerCustomProperties();
  const model = new Model(definition);
  // A copy made in this realm: survey-core tells objects by `instanceof Object`.
  model.data = JSON.parse(JSON.stringify(answers)) as Answers;
  const errors = new Set<string>();
  const collect = (pages: PageModel[]) => {
    for (const page of pages) for (const question of visibleQuestionsOf(page)) if (hasBlockingError(question)) errors.add(pathOf(question));
  };
  const judgeChoices = (page: PageModel) => {
    for (const question of visibleQuestionsOf(page)) if (sentHiddenChoice(question, answers)) errors.add(pathOf(question));
  };
  if (model.state === "starting") {
    const startPage = model.pages[0]!;
    judgeChoices(startPage);
    if (!model.start()) {
      collect([startPage]);
      (model as unknown as { isStartedState: boolean }).isStartedState = false;
      model.currentPageNo = 0;
    }
  }
  for (let steps = 0; model.state === "running" && steps <= model.pages.length; steps += 1) {
    const page = model.currentPage;
    judgeChoices(page);
    if (model.isCompleteButtonVisible) {
      if (!model.tryComplete()) {
        collect(model.checkErrorsMode === "onComplete" ? model.visiblePages : [page]);
        model.doComplete();
      }
      break;
    }
    if (!model.nextPage()) {
      collect([page]);
      const pages = model.visiblePages;
      model.currentPage = pages[pages.indexOf(page) + 1]!;
    }
  }
  if (model.state !== "completed") model.doComplete();
  return { errors: [...errors].sort(), kept: model.data as Answers };
}

function visibleQuestionsOf(page: PageModel): Question[] {
  return page
    .getQuestions(true)
    .filter((question) => question.isVisible && question.isParentVisible)
    .flatMap((question) => question.getNestedQuestions(true, true, true));
}

function hasBlockingError(question: Question): boolean {
  return question.errors.some((error) => !error.isWarning && !error.isInfo);
}

function sentHiddenChoice(question: Question, answers: Answers): boolean {
  if (!(question instanceof QuestionSelectBase) || question.parentQuestion || question.choicesByUrl?.url) return false;
  const sent = answers[question.getValueName()];
  if (sent === undefined || sent === null) return false;
  const offered = question.visibleChoices.map((item) => item.value);
  return (Array.isArray(sent) ? sent : [sent]).some((value) => !offered.includes(value));
}

function pathOf(question: Question): string {
  return question.parentQuestion ? `${question.parentQuestion.getValueName()}.${question.name}` : question.name;
}
