import type { InvitationView } from "@passerelle/shared";

/** An invitation of the census with overrides: `anInvitation({ state: "submitted" })`. */
export function anInvitation(overrides: Partial<InvitationView> = {}): InvitationView {
  return {
    id: "inv-1",
    surveyId: "census-lebanon",
    authorityName: "Municipalité de Zahlé",
    authorityKind: "municipality",
    governorate: "bekaa",
    district: "zahle",
    email: "contact@zahle.example",
    locale: "ar",
    state: "invited",
    responseId: null,
    createdAt: "2026-06-01T08:00:00.000Z",
    updatedAt: "2026-06-01T08:00:00.000Z",
    respondedAt: null,
    ...overrides,
  };
}
