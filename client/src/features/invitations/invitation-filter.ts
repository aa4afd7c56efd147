import type { InvitationState, InvitationView } from "@passerelle/shared";

/** The invitations table's filters: part of the authority's name, and one state or all. */
export interface InvitationFilter {
  text: string;
  state: InvitationState | "all";
}

export const INVITATION_STATES: readonly InvitationState[] = ["invited", "started", "submitted", "revoked"];

/**
 * Text folded for a forgiving search: lower case, white space collapsed, and without combining
 * marks, so that "zahle" finds "Zahlé", and "احمد" finds "أحمد" (decomposed, a hamza over alef is
 * alef and a mark) as well as a name written with short vowels.
 */
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** An invitation with its name folded once, so that typing in the filter does not fold 1,100 names a keystroke. */
export interface SearchableInvitation {
  invitation: InvitationView;
  foldedName: string;
}

export function toSearchable(invitations: readonly InvitationView[]): SearchableInvitation[] {
  return invitations.map((invitation) => ({ invitation, foldedName: foldForSearch(invitation.authorityName) }));
}

/** The invitations that match both filters, in their original order. */
export function filterInvitations(invitations: readonly SearchableInvitation[], filter: InvitationFilter): InvitationView[] {
  const text = foldForSearch(filter.text);
  return invitations
    .filter((entry) => (filter.state === "all" || entry.invitation.state === filter.state) && entry.foldedName.includes(text))
    .map((entry) => entry.invitation);
}

/** How many invitations are in each state, for the state filter's options. */
export function countByState(invitations: readonly InvitationView[]): Record<InvitationState, number> {
  const counts: Record<InvitationState, number> = { invited: 0, started: 0, submitted: 0, revoked: 0 };
  for (const invitation of invitations) counts[invitation.state] += 1;
  return counts;
}

/** The list with `updated` in place of the invitation of the same id (after a revoke or a re-issue). */
export function replaceInvitation(invitations: readonly InvitationView[], updated: InvitationView): InvitationView[] {
  return invitations.map((invitation) => (invitation.id === updated.id ? updated : invitation));
}
