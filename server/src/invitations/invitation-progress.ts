import { LOCALES, type InvitationProgress, type InvitationState, type Locale, type ProgressCounts, type ProgressGroup } from "@passerelle/shared";
import type { StoredInvitation } from "../store/store.port";
import { choiceLabel, type InvitationForm } from "./invitation-form";
import type { Questionnaire } from "../questionnaires/questionnaire";
import { invitationState, invitationsWithResponses, type InvitationsDeps } from "./invitations.service";

/**
 * How far the census has got: invited, started, submitted (each count including the next),
 * overall, per governorate and per district, in the questionnaire's order of choices.
 */
export async function invitationProgress(deps: InvitationsDeps, surveyId: string): Promise<InvitationProgress> {
  const { questionnaire, invitations } = await invitationsWithResponses(deps, surveyId);
  const form = questionnaire.invitationForm;
  const total = emptyCounts();
  const governorates = new Map<string, ProgressGroup>();
  const districts = new Map<string, ProgressGroup>();
  for (const { invitation, response } of invitations) {
    const state = invitationState(invitation, response);
    const governorate = groupOf(governorates, invitation.governorate, () => group(form, "governorate", invitation.governorate));
    const district = groupOf(districts, `${invitation.governorate}|${invitation.district}`, () => ({
      ...group(form, "district", invitation.district),
      governorate: invitation.governorate,
    }));
    for (const counts of [total, governorate, district]) count(counts, state);
  }
  return {
    surveyId: questionnaire.id,
    total,
    byGovernorate: inChoiceOrder(form, "governorate", [...governorates.values()]),
    byDistrict: inChoiceOrder(form, "district", [...districts.values()]),
  };
}

/** The authorities that have not submitted yet (revoked invitations left out), for reminders. */
export async function nonRespondents(
  deps: InvitationsDeps,
  surveyId: string,
): Promise<{ questionnaire: Questionnaire; entries: { invitation: StoredInvitation; state: InvitationState; respondedAt: Date | null }[] }> {
  const { questionnaire, invitations } = await invitationsWithResponses(deps, surveyId);
  const entries = invitations
    .map(({ invitation, response }) => ({ invitation, state: invitationState(invitation, response), respondedAt: response?.updatedAt ?? null }))
    .filter((entry) => entry.state === "invited" || entry.state === "started");
  return { questionnaire, entries };
}

function emptyCounts(): ProgressCounts {
  return { invited: 0, started: 0, submitted: 0, revoked: 0 };
}

function count(counts: ProgressCounts, state: InvitationState): void {
  if (state === "revoked") {
    counts.revoked += 1;
    return;
  }
  counts.invited += 1;
  if (state === "started" || state === "submitted") counts.started += 1;
  if (state === "submitted") counts.submitted += 1;
}

function group(form: InvitationForm, field: "governorate" | "district", value: string): ProgressGroup {
  const label = Object.fromEntries(LOCALES.map((locale) => [locale, choiceLabel(form, field, value, locale)])) as Record<Locale, string>;
  return { value, label, ...emptyCounts() };
}

function groupOf(groups: Map<string, ProgressGroup>, key: string, create: () => ProgressGroup): ProgressGroup {
  let found = groups.get(key);
  if (!found) {
    found = create();
    groups.set(key, found);
  }
  return found;
}

// Governorates as the questionnaire lists them (north to south), unknown values last by name.
function inChoiceOrder(form: InvitationForm, field: "governorate" | "district", groups: ProgressGroup[]): ProgressGroup[] {
  const order = new Map((form.questions[field]?.choices ?? []).map((choice, index) => [choice.value, index]));
  const rank = (group: ProgressGroup) => order.get(group.value) ?? Number.MAX_SAFE_INTEGER;
  return groups.sort((a, b) => rank(a) - rank(b) || a.value.localeCompare(b.value));
}
