import { readQuestionnaireShape, type QuestionShape } from "@passerelle/shared";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { StoredResponse } from "../store/store.port";

/**
 * The questions whose answers are the authorities' own words: every free-text question
 * (`text` without a numeric input type, `comment`) of the questionnaire, except personal ones
 * (contact details) and those an invitation fills in (the authority's name, which the text
 * browser shows beside each answer anyway).
 */
export function textQuestionsOf(questionnaire: Questionnaire): QuestionShape[] {
  const filledByInvitation = new Set(Object.values(questionnaire.invitationForm.questions).map((question) => question?.name));
  return readQuestionnaireShape(questionnaire.definition).questions.filter(
    (question) =>
      question.kind === "text" && !question.personal && !filledByInvitation.has(question.name) && !questionnaire.breakdownFields.includes(question.name),
  );
}

/** The written answer of a response to a question, or undefined when it holds no text. */
export function writtenAnswer(response: StoredResponse, questionName: string): string | undefined {
  const value = response.answers[questionName];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** The authority's name as the response gives it (the question an invitation fills in), or null. */
export function authorityNameOf(questionnaire: Questionnaire, response: StoredResponse): string | null {
  const question = questionnaire.invitationForm.questions.name?.name;
  const value = question ? response.answers[question] : undefined;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** Folds case and diacritics (French accents, Arabic short vowels), so a search finds "école" by "ecole". */
export function searchKey(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("und");
}
