import { randomUUID } from "node:crypto";
import type { Answers, Locale, ResponseStatus } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";
import type { Store, StoredResponse } from "../store/store.port";
import type { CheckedAnswers, ValidationRequest } from "./answer-validator";
import { createResumeToken, isResumeTokenValid } from "./resume-token";

export interface ResponsesDeps {
  store: Store;
  questionnaires: QuestionnaireRegistry;
  /** Validates answers against a questionnaire's current version (in a worker thread or in-thread). */
  checkAnswers(questionnaire: Questionnaire, request: ValidationRequest): Promise<CheckedAnswers>;
  now(): Date;
}

export interface SaveResponseInput {
  answers: Answers;
  status: ResponseStatus;
  locale: Locale;
}

/** Starts a response (a draft or a direct submission) and hands out its resume token, once. */
export async function createResponse(
  deps: ResponsesDeps,
  input: SaveResponseInput & { surveyId: string },
): Promise<{ response: StoredResponse; resumeToken: string }> {
  const questionnaire = findOpenQuestionnaire(deps, input.surveyId);
  const answers = await validAnswers(deps, questionnaire, input);
  const now = deps.now();
  const { token, hash } = createResumeToken();
  const response: StoredResponse = {
    id: randomUUID(),
    surveyId: questionnaire.id,
    version: questionnaire.version,
    status: input.status,
    locale: input.locale,
    answers,
    breakdown: breakdownOf(questionnaire, answers),
    tokenHash: hash,
    revision: 1,
    createdAt: now,
    updatedAt: now,
    submittedAt: input.status === "submitted" ? now : null,
  };
  await deps.store.responses.insert(response);
  return { response, resumeToken: token };
}

/** Reads a response for the holder of its resume token. */
export async function getResponse(deps: ResponsesDeps, input: { id: string; token: string }): Promise<StoredResponse> {
  return findAuthorisedResponse(deps, input);
}

/**
 * Saves new answers for the holder of the resume token. A submitted response stays editable
 * while its questionnaire is open, but cannot go back to being a draft.
 */
export async function updateResponse(
  deps: ResponsesDeps,
  input: SaveResponseInput & { id: string; token: string },
): Promise<StoredResponse> {
  const existing = await findAuthorisedResponse(deps, input);
  const questionnaire = findOpenQuestionnaire(deps, existing.surveyId);
  if (existing.status === "submitted" && input.status === "draft") {
    throw new AppError("already_submitted", "This response was submitted; changes must be submitted too.");
  }
  const answers = await validAnswers(deps, questionnaire, input);
  const now = deps.now();
  const updated = await deps.store.responses.update(existing.id, existing.revision, {
    version: questionnaire.version,
    status: input.status,
    locale: input.locale,
    answers,
    breakdown: breakdownOf(questionnaire, answers),
    updatedAt: now,
    submittedAt: existing.submittedAt ?? (input.status === "submitted" ? now : null),
  });
  if (!updated) {
    throw new AppError("edit_conflict", "This response was changed meanwhile, from another window or device. Reload it.");
  }
  return updated;
}

function findOpenQuestionnaire(deps: ResponsesDeps, surveyId: string): Questionnaire {
  const questionnaire = deps.questionnaires.find(surveyId);
  if (!questionnaire) throw new AppError("survey_not_found", `There is no questionnaire "${surveyId}".`);
  if (questionnaire.status !== "open") {
    throw new AppError("survey_closed", "This questionnaire is not open for answers.");
  }
  return questionnaire;
}

async function findAuthorisedResponse(deps: ResponsesDeps, input: { id: string; token: string }): Promise<StoredResponse> {
  const response = await deps.store.responses.findById(input.id);
  if (!response) throw new AppError("response_not_found", "There is no such response.");
  if (!isResumeTokenValid(input.token, response.tokenHash)) {
    throw new AppError("forbidden", "This resume link does not match the response.");
  }
  return response;
}

/** Validates the answers and returns those to store: a submission drops hidden questions' answers. */
async function validAnswers(deps: ResponsesDeps, questionnaire: Questionnaire, input: SaveResponseInput): Promise<Answers> {
  const { details, answers } = await deps.checkAnswers(questionnaire, input);
  if (details.length > 0) {
    throw new AppError("invalid_answers", "Some answers do not satisfy the questionnaire's rules.", details);
  }
  return answers;
}

// Breakdown values are kept beside the answers so that filters reach an index, not the JSON.
function breakdownOf(questionnaire: Questionnaire, answers: Answers): Record<string, string> {
  const breakdown: Record<string, string> = {};
  for (const field of questionnaire.breakdownFields) {
    const value = answers[field];
    if (typeof value === "string" || typeof value === "number") breakdown[field] = String(value);
  }
  return breakdown;
}
