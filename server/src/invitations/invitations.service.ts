import { randomUUID } from "node:crypto";
import type { ImportLineResult, ImportOutcome, InvitationImportReport, InvitationState, InvitationView, ReissuedInvitation } from "@passerelle/shared";
import { auditEntry } from "../access/audit";
import { newSecretToken } from "../access/secret-token";
import { AppError } from "../http/app-error";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";
import { StoreConflictError, type InvitationChanges, type InvitedResponseState, type Store, type StoredInvitation } from "../store/store.port";
import { invitationLink, mailMergeCsv } from "./invitation-links";
import { readInvitationList, type ListedAuthority } from "./invitation-list-file";

export interface InvitationsDeps {
  store: Store;
  questionnaires: QuestionnaireRegistry;
  now(): Date;
}

/**
 * Imports the administrator's list: a new authority gets an invitation (and a link, shown this
 * once), one already invited has its details brought up to date (its link stays valid), a bad
 * line is reported and skipped. The valid lines are written together.
 */
export async function importInvitations(
  deps: InvitationsDeps,
  input: { surveyId: string; file: Buffer; origin: string; actor: string },
): Promise<InvitationImportReport> {
  const questionnaire = deps.questionnaires.get(input.surveyId);
  const lines = readInvitationList(input.file, questionnaire.invitationForm);
  const existing = new Map((await deps.store.invitations.listForSurvey(questionnaire.id)).map((invitation) => [invitation.authorityKey, invitation]));
  const now = deps.now();
  const created: { invitation: StoredInvitation; token: string }[] = [];
  const updated: { id: string; changes: InvitationChanges }[] = [];
  const results: ImportLineResult[] = lines.map(({ line, authorityName, authority, problems }) => {
    if (!authority) return { line, authorityName, outcome: "rejected", invitationId: null, problems };
    const known = existing.get(authority.key);
    if (!known) {
      const { token, hash } = newSecretToken();
      const invitation = newInvitation(questionnaire.id, authority, hash, now);
      created.push({ invitation, token });
      return { line, authorityName, outcome: "created", invitationId: invitation.id, problems };
    }
    const changes = changesTo(known, authority);
    if (!changes) return { line, authorityName, outcome: "unchanged", invitationId: known.id, problems };
    updated.push({ id: known.id, changes: { ...changes, updatedAt: now } });
    return { line, authorityName, outcome: "updated", invitationId: known.id, problems };
  });
  const counts: Record<ImportOutcome, number> = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const result of results) counts[result.outcome] += 1;
  const audit = auditEntry(now, {
    actor: input.actor,
    action: "invitations_imported",
    target: questionnaire.id,
    details: { ...counts, rejectedLines: results.filter((result) => result.outcome === "rejected").map((result) => result.line) },
  });
  try {
    await deps.store.invitations.saveImport(
      created.map((entry) => entry.invitation),
      updated,
      { audit },
    );
  } catch (error) {
    if (error instanceof StoreConflictError) {
      throw new AppError("import_conflict", "Another import of this questionnaire's list ran at the same time. Import the file again.");
    }
    throw error;
  }
  const links = created.map(({ invitation, token }) => ({ invitation, link: invitationLink(input.origin, invitation.surveyId, token) }));
  return {
    surveyId: questionnaire.id,
    counts,
    lines: results,
    mailMergeCsv: links.length > 0 ? mailMergeCsv(questionnaire, links) : null,
  };
}

/** Every invitation of a questionnaire with where it stands, oldest first. */
export async function listInvitations(deps: InvitationsDeps, surveyId: string): Promise<InvitationView[]> {
  const { invitations } = await invitationsWithResponses(deps, surveyId);
  return invitations.map(({ invitation, response }) => presentInvitation(invitation, response));
}

/** A questionnaire's invitations, oldest first, each with the state of its response if started. */
export async function invitationsWithResponses(
  deps: InvitationsDeps,
  surveyId: string,
): Promise<{ questionnaire: Questionnaire; invitations: { invitation: StoredInvitation; response: InvitedResponseState | undefined }[] }> {
  const questionnaire = deps.questionnaires.get(surveyId);
  const [invitations, states] = await Promise.all([
    deps.store.invitations.listForSurvey(questionnaire.id),
    deps.store.responses.invitedResponseStates(questionnaire.id),
  ]);
  const stateOf = new Map(states.map((state) => [state.invitationId, state]));
  return { questionnaire, invitations: invitations.map((invitation) => ({ invitation, response: stateOf.get(invitation.id) })) };
}

/** Withdraws an invitation: its link no longer opens the form nor the response started with it. */
export async function revokeInvitation(deps: InvitationsDeps, input: { surveyId: string; id: string; actor: string }): Promise<InvitationView> {
  const invitation = await findInvitation(deps, input);
  const now = deps.now();
  const audit = invitationAudit(now, input.actor, "invitation_revoked", invitation);
  const revoked = invitation.revokedAt ? invitation : await deps.store.invitations.update(invitation.id, { revokedAt: now, updatedAt: now }, { audit });
  if (!revoked) throw invitationNotFound();
  return presentInvitation(revoked, await responseStateOf(deps, revoked));
}

/**
 * A new link for an invitation (lost e-mail, link forwarded to the wrong person): the old link
 * stops working at once; a revoked invitation becomes valid again. The response already
 * started stays, and opens with the new link.
 */
export async function reissueInvitation(
  deps: InvitationsDeps,
  input: { surveyId: string; id: string; origin: string; actor: string },
): Promise<ReissuedInvitation> {
  const questionnaire = deps.questionnaires.get(input.surveyId);
  const invitation = await findInvitation(deps, input);
  const { token, hash } = newSecretToken();
  const now = deps.now();
  const audit = invitationAudit(now, input.actor, "invitation_reissued", invitation);
  const reissued = await deps.store.invitations.update(invitation.id, { tokenHash: hash, revokedAt: null, updatedAt: now }, { audit });
  if (!reissued) throw invitationNotFound();
  const link = invitationLink(input.origin, reissued.surveyId, token);
  return {
    invitation: presentInvitation(reissued, await responseStateOf(deps, reissued)),
    link,
    mailMergeCsv: mailMergeCsv(questionnaire, [{ invitation: reissued, link }]),
  };
}

export function invitationState(invitation: StoredInvitation, response: Pick<InvitedResponseState, "status"> | undefined): InvitationState {
  if (invitation.revokedAt) return "revoked";
  if (!response) return "invited";
  return response.status === "submitted" ? "submitted" : "started";
}

export function presentInvitation(invitation: StoredInvitation, response: InvitedResponseState | undefined): InvitationView {
  return {
    id: invitation.id,
    surveyId: invitation.surveyId,
    authorityName: invitation.authorityName,
    authorityKind: invitation.authorityKind,
    governorate: invitation.governorate,
    district: invitation.district,
    email: invitation.email,
    locale: invitation.locale,
    state: invitationState(invitation, response),
    responseId: response?.responseId ?? null,
    createdAt: invitation.createdAt.toISOString(),
    updatedAt: invitation.updatedAt.toISOString(),
    respondedAt: response ? response.updatedAt.toISOString() : null,
  };
}

async function responseStateOf(deps: InvitationsDeps, invitation: StoredInvitation): Promise<InvitedResponseState | undefined> {
  const response = await deps.store.responses.findByInvitation(invitation.id);
  return response ? { invitationId: invitation.id, responseId: response.id, status: response.status, updatedAt: response.updatedAt } : undefined;
}

async function findInvitation(deps: InvitationsDeps, input: { surveyId: string; id: string }): Promise<StoredInvitation> {
  const invitation = await deps.store.invitations.findById(input.id);
  if (!invitation || invitation.surveyId !== input.surveyId) throw invitationNotFound();
  return invitation;
}

function invitationNotFound(): AppError {
  return new AppError("route_not_found", "There is no such invitation for this questionnaire.");
}

function newInvitation(surveyId: string, authority: ListedAuthority, tokenHash: string, now: Date): StoredInvitation {
  return {
    id: randomUUID(),
    surveyId,
    authorityKey: authority.key,
    authorityName: authority.name,
    authorityKind: authority.kind,
    governorate: authority.governorate,
    district: authority.district,
    email: authority.email,
    locale: authority.locale,
    tokenHash,
    revokedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

// What a re-import changes: the spelling of the name, the governorate, the contact, the language.
function changesTo(known: StoredInvitation, authority: ListedAuthority): Omit<InvitationChanges, "updatedAt"> | null {
  const changes: Omit<InvitationChanges, "updatedAt"> = {};
  if (known.authorityName !== authority.name) changes.authorityName = authority.name;
  if (known.governorate !== authority.governorate) changes.governorate = authority.governorate;
  if (known.email !== authority.email) changes.email = authority.email;
  if (known.locale !== authority.locale) changes.locale = authority.locale;
  return Object.keys(changes).length > 0 ? changes : null;
}

// Written in the transaction of the change it records.
function invitationAudit(at: Date, actor: string, action: string, invitation: StoredInvitation) {
  return auditEntry(at, { actor, action, target: invitation.id, details: { surveyId: invitation.surveyId, authority: invitation.authorityName } });
}
