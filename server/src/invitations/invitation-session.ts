import { LOCKED_INVITATION_FIELDS, type Answers, type InvitationField, type InvitationSession } from "@passerelle/shared";
import { hashSecretToken } from "../access/secret-token";
import { AppError } from "../http/app-error";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";
import type { Store, StoredInvitation, StoredResponse } from "../store/store.port";
import type { InvitationForm } from "./invitation-form";

/**
 * The invitation a token opens, with its questionnaire. An unknown token and a revoked one are
 * refused alike, so that trying tokens tells nothing.
 */
export async function openInvitation(
  deps: { store: Store; questionnaires: QuestionnaireRegistry },
  token: string,
): Promise<{ invitation: StoredInvitation; questionnaire: Questionnaire }> {
  const invitation = await deps.store.invitations.findByTokenHash(hashSecretToken(token));
  const questionnaire = invitation ? deps.questionnaires.find(invitation.surveyId) : undefined;
  if (!invitation || invitation.revokedAt || !questionnaire) throw invitationInvalid();
  return { invitation, questionnaire };
}

export function invitationInvalid(): AppError {
  return new AppError("invitation_invalid", "This invitation link is not valid, or no longer: ask for a new one.");
}

/** The invitation's value for each field, as the questionnaire's question expects it. */
function fieldValues(invitation: StoredInvitation): Record<InvitationField, string> {
  return {
    name: invitation.authorityName,
    kind: invitation.authorityKind,
    governorate: invitation.governorate,
    district: invitation.district,
    email: invitation.email,
  };
}

/**
 * The answers that identify the authority, taken from the invitation whatever the form sent:
 * the authority answers in its own name and district only.
 */
export function lockedAnswers(form: InvitationForm, invitation: StoredInvitation): Answers {
  const values = fieldValues(invitation);
  const answers: Answers = {};
  for (const field of LOCKED_INVITATION_FIELDS) {
    const question = form.questions[field];
    if (question) answers[question.name] = values[field];
  }
  return answers;
}

/** What the form needs to open an invitation: answers to fill in, questions to lock, the response. */
export function presentInvitationSession(questionnaire: Questionnaire, invitation: StoredInvitation, response: StoredResponse | null): InvitationSession {
  const form = questionnaire.invitationForm;
  const prefill = lockedAnswers(form, invitation);
  const email = form.questions.email;
  if (email && invitation.email !== "") prefill[email.name] = invitation.email;
  return {
    surveyId: questionnaire.id,
    authorityName: invitation.authorityName,
    locale: invitation.locale,
    prefill,
    lockedQuestions: LOCKED_INVITATION_FIELDS.flatMap((field) => form.questions[field]?.name ?? []),
    responseId: response?.id ?? null,
  };
}
