import { randomUUID } from "node:crypto";
import { statusAt, type Answers, type CreatedResponse, type IfMatch, type Locale, type ResponseStatus } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";
import { invitationInvalid, lockedAnswers, openInvitation } from "../invitations/invitation-session";
import { StoreConflictError, type Store, type StoredIdempotencyRecord, type StoredInvitation, type StoredResponse } from "../store/store.port";
import type { CheckedAnswers, ValidationRequest } from "./answer-validator";
import { withAsciiDigitNumbers } from "./eastern-digits";
import { IDEMPOTENCY_KEY_LIFETIME_MS, type IdempotencyKey } from "./idempotency-key";
import { presentCreatedResponse } from "./responses.presenter";
import { matchesSecretHash, newSecretToken } from "../access/secret-token";
import { auditEntry } from "../access/audit";
import { foldDeltaOf } from "../analytics/fold-deltas";

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

/** What creating a response answers: the reply, and whether it repeats an earlier one. */
export interface CreateOutcome {
  reply: CreatedResponse;
  /** True when an `Idempotency-Key` already used gave back its first reply. */
  isReplay: boolean;
}

/**
 * Starts a response (a draft or a direct submission) and hands out its resume token, once.
 * With an idempotency key, a retry of a request that succeeded gets that first reply back and
 * nothing new is stored; the same key with another body is refused.
 */
export async function createResponse(
  deps: ResponsesDeps,
  input: SaveResponseInput & { surveyId: string; idempotencyKey?: IdempotencyKey; invitationToken?: string },
): Promise<CreateOutcome> {
  const { idempotencyKey } = input;
  if (idempotencyKey) {
    const earlier = await deps.store.responses.findIdempotencyRecord(input.surveyId, idempotencyKey.hash, deps.now());
    if (earlier) return replay(earlier, idempotencyKey, input);
  }
  const questionnaire = findOpenQuestionnaire(deps, input.surveyId);
  const invitation = await invitationAnswering(deps, questionnaire, input.invitationToken);
  const answers = await validAnswers(deps, questionnaire, withIdentity(questionnaire, invitation, input));
  const now = deps.now();
  // A response to an invitation opens with the invitation's token, so its own is never handed out.
  const { token, hash } = newSecretToken();
  const response: StoredResponse = {
    id: randomUUID(),
    surveyId: questionnaire.id,
    version: questionnaire.version,
    status: input.status,
    locale: input.locale,
    answers,
    breakdown: breakdownOf(questionnaire, answers),
    tokenHash: hash,
    ...(invitation ? { invitationId: invitation.id } : {}),
    revision: 1,
    createdAt: now,
    updatedAt: now,
    submittedAt: input.status === "submitted" ? now : null,
    foldDelta: foldDeltaOf(questionnaire, answers),
  };
  const reply = presentCreatedResponse(response, invitation && input.invitationToken ? input.invitationToken : token);
  // Written with the response, in its transaction.
  const audited = input.status === "submitted" ? { audit: submissionAudit(response, { surveyId: response.surveyId }) } : {};
  if (!idempotencyKey) {
    await deps.store.responses.insert(response, audited).catch(rethrowAsResponseExists);
    return { reply, isReplay: false };
  }
  const record: StoredIdempotencyRecord = {
    surveyId: questionnaire.id,
    keyHash: idempotencyKey.hash,
    responseId: response.id,
    requestFingerprint: idempotencyKey.fingerprint(input),
    sealedReply: idempotencyKey.seal(reply, questionnaire.id),
    createdAt: now,
    expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_LIFETIME_MS),
  };
  const outcome = await deps.store.responses.insertIdempotent(response, record, audited).catch(rethrowAsResponseExists);
  // A concurrent request with the same key got there first: answer as its retry would be.
  if (outcome.kind === "existing") return replay(outcome.record, idempotencyKey, input);
  return { reply, isReplay: false };
}

// Without an invitation, only a public questionnaire can be answered; with one, only its own.
async function invitationAnswering(deps: ResponsesDeps, questionnaire: Questionnaire, token: string | undefined): Promise<StoredInvitation | undefined> {
  if (token === undefined) {
    if (questionnaire.access === "invitation") {
      throw new AppError("invitation_required", "This questionnaire is answered by invitation only: open the link you received.");
    }
    return undefined;
  }
  const { invitation } = await openInvitation(deps, token);
  if (invitation.surveyId !== questionnaire.id) throw invitationInvalid();
  return invitation;
}

function withIdentity<T extends SaveResponseInput>(questionnaire: Questionnaire, invitation: StoredInvitation | undefined, input: T): T {
  if (!invitation) return input;
  return { ...input, answers: { ...input.answers, ...lockedAnswers(questionnaire.invitationForm, invitation) } };
}

// The unique response of an invitation: a second device started it in the meantime.
function rethrowAsResponseExists(error: unknown): never {
  if (error instanceof StoreConflictError) {
    throw new AppError("response_exists", "This authority's response was already started, from another device. Open the invitation link again to continue it.");
  }
  throw error;
}

function replay(record: StoredIdempotencyRecord, key: IdempotencyKey, input: SaveResponseInput & { surveyId: string }): CreateOutcome {
  if (record.requestFingerprint !== key.fingerprint(input)) {
    throw new AppError("idempotency_key_reused", "This Idempotency-Key was already used with a different request; use a new key for new answers.");
  }
  return { reply: key.open(record.sealedReply, record.surveyId), isReplay: true };
}

/** Reads a response for the holder of its resume token. */
export async function getResponse(deps: ResponsesDeps, input: { id: string; token: string }): Promise<StoredResponse> {
  return (await findAuthorisedResponse(deps, input)).response;
}

/**
 * Saves new answers for the holder of the resume token. A submitted response stays editable
 * while its questionnaire is open, but cannot go back to being a draft. With an `If-Match`
 * naming revisions, the write happens only if the response is still at one of them; without
 * one, the last write wins (the revision is still checked between this read and the write).
 */
export async function updateResponse(
  deps: ResponsesDeps,
  input: SaveResponseInput & { id: string; token: string; ifMatch: Exclude<IfMatch, { kind: "malformed" }> },
): Promise<StoredResponse> {
  const { response: existing, invitation } = await findAuthorisedResponse(deps, input);
  const isConditional = input.ifMatch.kind === "revisions";
  if (input.ifMatch.kind === "revisions" && !input.ifMatch.revisions.includes(existing.revision)) {
    throw responseChanged();
  }
  const questionnaire = findOpenQuestionnaire(deps, existing.surveyId);
  if (existing.status === "submitted" && input.status === "draft") {
    throw new AppError("already_submitted", "This response was submitted; changes must be submitted too.");
  }
  const answers = await validAnswers(deps, questionnaire, withIdentity(questionnaire, invitation, input));
  const now = deps.now();
  const changes = {
    version: questionnaire.version,
    status: input.status,
    locale: input.locale,
    answers,
    breakdown: breakdownOf(questionnaire, answers),
    updatedAt: now,
    submittedAt: existing.submittedAt ?? (input.status === "submitted" ? now : null),
    foldDelta: foldDeltaOf(questionnaire, answers),
  };
  // A submission, or the correction of one already submitted, audited in the write's transaction.
  const audited =
    input.status === "submitted"
      ? { audit: submissionAudit({ ...existing, updatedAt: now }, { surveyId: existing.surveyId, revision: existing.revision + 1 }) }
      : {};
  const updated = await deps.store.responses.update(existing.id, existing.revision, changes, audited);
  if (!updated) {
    if (isConditional) throw responseChanged();
    throw new AppError("edit_conflict", "This response was changed meanwhile, from another window or device. Reload it.");
  }
  return updated;
}

function submissionAudit(response: Pick<StoredResponse, "id" | "updatedAt">, details: Record<string, unknown>) {
  return auditEntry(response.updatedAt, { actor: "respondent", action: "response_submitted", target: response.id, details });
}

function responseChanged(): AppError {
  return new AppError("response_changed", "This response was changed since you read it, from another window or device. Read it again before saving.");
}

function findOpenQuestionnaire(deps: ResponsesDeps, surveyId: string): Questionnaire {
  const questionnaire = deps.questionnaires.get(surveyId);
  const status = statusAt(questionnaire, deps.now());
  if (status === "closed") {
    const since = questionnaire.closesAt && questionnaire.status === "open" ? ` since ${questionnaire.closesAt.toISOString()}` : "";
    throw new AppError("survey_closed", `This questionnaire is closed${since}: answers can no longer be sent or changed.`);
  }
  if (status === "draft") {
    const from = questionnaire.opensAt && questionnaire.status === "open" ? ` It opens on ${questionnaire.opensAt.toISOString()}.` : "";
    throw new AppError("survey_closed", `This questionnaire is not open for answers yet.${from}`);
  }
  return questionnaire;
}

/**
 * The response, if the token opens it: its own resume token, or for a response to an invitation
 * the invitation's current token (re-issuing the invitation moves the response to the new link,
 * revoking it locks the response).
 */
async function findAuthorisedResponse(
  deps: ResponsesDeps,
  input: { id: string; token: string },
): Promise<{ response: StoredResponse; invitation: StoredInvitation | undefined }> {
  const response = await deps.store.responses.findById(input.id);
  if (!response) throw new AppError("response_not_found", "There is no such response.");
  const invitation = response.invitationId ? await deps.store.invitations.findById(response.invitationId) : undefined;
  const expectedHash = response.invitationId ? (invitation && !invitation.revokedAt ? invitation.tokenHash : undefined) : response.tokenHash;
  if (expectedHash === undefined || !matchesSecretHash(input.token, expectedHash)) {
    throw new AppError("forbidden", "This resume link does not match the response.");
  }
  return { response, invitation: invitation ?? undefined };
}

/** Validates the answers and returns those to store: a submission drops hidden questions' answers. */
async function validAnswers(deps: ResponsesDeps, questionnaire: Questionnaire, input: SaveResponseInput): Promise<Answers> {
  const { details, answers } = await deps.checkAnswers(questionnaire, { ...input, answers: withAsciiDigitNumbers(questionnaire.definition, input.answers) });
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
