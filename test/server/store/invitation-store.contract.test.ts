import { randomUUID } from "node:crypto";
import { StoreConflictError, type Store, type StoredIdempotencyRecord, type StoredInvitation, type StoredResponse } from "../../../server/src/store/store.port";
import { MONGODB_URI, embedded, mongodb, type Adapter } from "../../support/store-adapters";

const IMPORTED_AT = new Date("2026-06-01T08:00:00Z");
const LATER = new Date("2026-06-02T09:30:00.123Z");

const aHash = () => randomUUID().replace(/-/g, "").padEnd(64, "0");

function anInvitation(overrides: Partial<StoredInvitation> = {}): StoredInvitation {
  const name = `Municipalité ${randomUUID().slice(0, 8)}`;
  return {
    id: randomUUID(),
    surveyId: "census-lebanon",
    authorityKey: `municipality|tripoli|${name.toLowerCase()}`,
    authorityName: name,
    authorityKind: "municipality",
    governorate: "north",
    district: "tripoli",
    email: "mairie@example.org",
    locale: "ar",
    tokenHash: aHash(),
    revokedAt: null,
    createdAt: IMPORTED_AT,
    updatedAt: IMPORTED_AT,
    ...overrides,
  };
}

function aResponse(overrides: Partial<StoredResponse> = {}): StoredResponse {
  return {
    id: randomUUID(),
    surveyId: "census-lebanon",
    version: "0123456789abcdef",
    status: "draft",
    locale: "ar",
    answers: { authority_name: "بلدية طرابلس" },
    breakdown: { governorate: "north", district: "tripoli" },
    tokenHash: aHash(),
    revision: 1,
    createdAt: IMPORTED_AT,
    updatedAt: IMPORTED_AT,
    submittedAt: null,
    ...overrides,
  };
}

function aRecord(response: StoredResponse): StoredIdempotencyRecord {
  return {
    surveyId: response.surveyId,
    keyHash: aHash(),
    responseId: response.id,
    requestFingerprint: "c".repeat(64),
    sealedReply: `sealed-reply-of-${response.id}`,
    createdAt: response.createdAt,
    expiresAt: new Date(response.createdAt.getTime() + 24 * 60 * 60 * 1000),
  };
}

const idsOf = (list: readonly { id: string }[]) => list.map((item) => item.id);

function contract(makeAdapter: () => Adapter): void {
  let adapter: Adapter;
  let store: Store;
  beforeEach(async () => {
    adapter = makeAdapter();
    store = await adapter.open();
  });
  afterEach(async () => {
    await store.close();
    await adapter.cleanUp();
  });

  describe("invitations", () => {
    it("gives back exactly what was written, a null locale included, by id and by token hash", async () => {
      const invitation = anInvitation({ authorityName: "بلدية الميناء", locale: null });
      await store.invitations.saveImport([invitation], []);
      expect(await store.invitations.findById(invitation.id)).toEqual(invitation);
      expect(await store.invitations.findByTokenHash(invitation.tokenHash)).toEqual(invitation);
      expect(await store.invitations.findById(randomUUID())).toBeNull();
      expect(await store.invitations.findByTokenHash(aHash())).toBeNull();
    });

    it("creates and updates together in one import", async () => {
      const existing = anInvitation();
      await store.invitations.saveImport([existing], []);
      const created = anInvitation({ createdAt: LATER, updatedAt: LATER });

      await store.invitations.saveImport([created], [{ id: existing.id, changes: { email: "nouveau@example.org", locale: "fr", updatedAt: LATER } }]);

      expect(await store.invitations.findById(created.id)).toEqual(created);
      expect(await store.invitations.findById(existing.id)).toEqual({ ...existing, email: "nouveau@example.org", locale: "fr", updatedAt: LATER });
    });

    it("writes nothing of an import when one created invitation's authority is already invited to the questionnaire", async () => {
      const existing = anInvitation();
      await store.invitations.saveImport([existing], []);
      const fresh = anInvitation();
      const clash = anInvitation({ authorityKey: existing.authorityKey });

      await expect(
        store.invitations.saveImport([fresh, clash], [{ id: existing.id, changes: { email: "changed@example.org", updatedAt: LATER } }]),
      ).rejects.toBeInstanceOf(StoreConflictError);

      expect(await store.invitations.findById(fresh.id)).toBeNull();
      expect(await store.invitations.findById(clash.id)).toBeNull();
      expect(await store.invitations.findById(existing.id)).toEqual(existing);
      expect(idsOf(await store.invitations.listForSurvey("census-lebanon"))).toEqual([existing.id]);
    });

    it("refuses the same authority twice within one import", async () => {
      const first = anInvitation();
      await expect(store.invitations.saveImport([first, anInvitation({ authorityKey: first.authorityKey })], [])).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.invitations.listForSurvey("census-lebanon")).toEqual([]);
    });

    it("writes an import's or a revocation's audit entry with it, and none for a write refused", async () => {
      const entry = (action: string, target: string) => ({ at: LATER, actor: "admin@example.org", action, target, details: {} });
      const trail = async () => (await store.audit.list({ limit: 10 })).map((event) => [event.action, event.target]).reverse();
      const existing = anInvitation();
      await store.invitations.saveImport([existing], [], { audit: entry("invitations_imported", "census-lebanon") });
      await expect(
        store.invitations.saveImport([anInvitation({ id: existing.id })], [], { audit: entry("invitations_imported", "refused") }),
      ).rejects.toBeInstanceOf(StoreConflictError);
      await store.invitations.update(existing.id, { revokedAt: LATER, updatedAt: LATER }, { audit: entry("invitation_revoked", existing.id) });
      expect(
        await store.invitations.update(randomUUID(), { revokedAt: LATER, updatedAt: LATER }, { audit: entry("invitation_revoked", "unknown") }),
      ).toBeNull();
      expect(await trail()).toEqual([
        ["invitations_imported", "census-lebanon"],
        ["invitation_revoked", existing.id],
      ]);
    });

    it("invites the same authority to another questionnaire", async () => {
      const census = anInvitation();
      const offer = anInvitation({ surveyId: "french-offer", authorityKey: census.authorityKey });
      await store.invitations.saveImport([census], []);
      await store.invitations.saveImport([offer], []);
      expect(await store.invitations.findById(offer.id)).toEqual(offer);
    });

    it("refuses a token hash or an id already taken, even in another questionnaire", async () => {
      const existing = anInvitation();
      await store.invitations.saveImport([existing], []);
      const sameToken = anInvitation({ surveyId: "french-offer", tokenHash: existing.tokenHash });
      const sameId = anInvitation({ surveyId: "french-offer", id: existing.id });
      await expect(store.invitations.saveImport([sameToken], [])).rejects.toBeInstanceOf(StoreConflictError);
      await expect(store.invitations.saveImport([sameId], [])).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.invitations.listForSurvey("french-offer")).toEqual([]);
      expect(await store.invitations.findByTokenHash(existing.tokenHash)).toEqual(existing);
    });

    it("writes nothing of an import when an update would take another invitation's token hash", async () => {
      const [first, second] = [anInvitation(), anInvitation()];
      await store.invitations.saveImport([first, second], []);
      const fresh = anInvitation();
      await expect(
        store.invitations.saveImport([fresh], [{ id: second.id, changes: { tokenHash: first.tokenHash, updatedAt: LATER } }]),
      ).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.invitations.findById(fresh.id)).toBeNull();
      expect(await store.invitations.findById(second.id)).toEqual(second);
    });

    it("lists a questionnaire's invitations oldest first, an import's in the order given, and no other questionnaire's", async () => {
      const imported = [anInvitation(), anInvitation(), anInvitation(), anInvitation()];
      // Ids against their order, so an order by id would show.
      imported.forEach((invitation, index) => (invitation.id = `${9 - index}${invitation.id.slice(1)}`));
      const earlier = anInvitation({ createdAt: new Date("2026-05-01T08:00:00Z") });
      const later = anInvitation({ createdAt: LATER });
      const elsewhere = anInvitation({ surveyId: "french-offer", createdAt: new Date("2026-04-01T08:00:00Z") });

      await store.invitations.saveImport(imported, []);
      await store.invitations.saveImport([later, elsewhere], []);
      await store.invitations.saveImport([earlier], []);

      const listed = await store.invitations.listForSurvey("census-lebanon");
      expect(idsOf(listed)).toEqual(idsOf([earlier, ...imported, later]));
      expect(idsOf(await store.invitations.listForSurvey("census-lebanon"))).toEqual(idsOf(listed));
      expect(await store.invitations.listForSurvey("french-offer")).toEqual([elsewhere]);
      expect(await store.invitations.listForSurvey("unknown")).toEqual([]);
    });

    it("revokes, then re-issues with a new token hash that alone opens the invitation", async () => {
      const invitation = anInvitation();
      await store.invitations.saveImport([invitation], []);

      const revoked = await store.invitations.update(invitation.id, { revokedAt: LATER, updatedAt: LATER });
      expect(revoked).toEqual({ ...invitation, revokedAt: LATER, updatedAt: LATER });
      expect(await store.invitations.findById(invitation.id)).toEqual(revoked);

      const reissuedAt = new Date("2026-06-03T10:00:00Z");
      const tokenHash = aHash();
      const reissued = await store.invitations.update(invitation.id, { tokenHash, revokedAt: null, updatedAt: reissuedAt });
      expect(reissued).toEqual({ ...invitation, tokenHash, revokedAt: null, updatedAt: reissuedAt });
      expect(await store.invitations.findByTokenHash(tokenHash)).toEqual(reissued);
      expect(await store.invitations.findByTokenHash(invitation.tokenHash)).toBeNull();
    });

    it("changes only the fields given, whatever else the changes carry", async () => {
      const invitation = anInvitation();
      await store.invitations.saveImport([invitation], []);
      const changes = { ...anInvitation({ surveyId: "french-offer" }), locale: undefined, email: "autre@example.org", updatedAt: LATER };
      const written = await store.invitations.update(invitation.id, changes);
      expect(written).toEqual({
        ...invitation,
        authorityName: changes.authorityName,
        email: "autre@example.org",
        tokenHash: changes.tokenHash,
        updatedAt: LATER,
      });
    });

    it("updates nothing and returns null for an unknown id", async () => {
      expect(await store.invitations.update(randomUUID(), { revokedAt: LATER, updatedAt: LATER })).toBeNull();
      expect(await store.invitations.listForSurvey("census-lebanon")).toEqual([]);
    });

    it("refuses an update to a token hash another invitation holds", async () => {
      const [first, second] = [anInvitation(), anInvitation()];
      await store.invitations.saveImport([first, second], []);
      await expect(store.invitations.update(second.id, { tokenHash: first.tokenHash, updatedAt: LATER })).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.invitations.findById(second.id)).toEqual(second);
    });
  });

  describe("responses to invitations", () => {
    it("finds the response to an invitation, and gives a public-link response no invitation", async () => {
      const invitationId = randomUUID();
      const invited = aResponse({ invitationId });
      const open = aResponse();
      await store.responses.insert(invited);
      await store.responses.insert(open);
      expect(await store.responses.findByInvitation(invitationId)).toEqual(invited);
      expect(await store.responses.findById(invited.id)).toEqual(invited);
      expect(await store.responses.findById(open.id)).not.toHaveProperty("invitationId");
      expect(await store.responses.findByInvitation(randomUUID())).toBeNull();
    });

    it("refuses a second response to the same invitation through insert", async () => {
      const invitationId = randomUUID();
      const first = aResponse({ invitationId });
      await store.responses.insert(first);
      const second = aResponse({ invitationId });
      await expect(store.responses.insert(second)).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.responses.findById(second.id)).toBeNull();
      expect(await store.responses.findByInvitation(invitationId)).toEqual(first);
    });

    it("refuses a second response to the same invitation through insertIdempotent, and keeps no record", async () => {
      const invitationId = randomUUID();
      const first = aResponse({ invitationId });
      await store.responses.insert(first);
      const second = aResponse({ invitationId });
      const record = aRecord(second);
      await expect(store.responses.insertIdempotent(second, record)).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.responses.findById(second.id)).toBeNull();
      expect(await store.responses.findIdempotencyRecord(record.surveyId, record.keyHash, record.createdAt)).toBeNull();
    });

    it("refuses a batch that answers an invitation twice, writing none of it", async () => {
      const answered = randomUUID();
      await store.responses.insert(aResponse({ invitationId: answered }));
      const within = randomUUID();
      const twiceInBatch = [aResponse(), aResponse({ invitationId: within }), aResponse({ invitationId: within })];
      const againstStored = [aResponse(), aResponse({ invitationId: answered })];

      await expect(store.responses.insertMany(twiceInBatch)).rejects.toBeInstanceOf(StoreConflictError);
      await expect(store.responses.insertMany(againstStored)).rejects.toBeInstanceOf(StoreConflictError);

      for (const response of [...twiceInBatch, ...againstStored]) expect(await store.responses.findById(response.id)).toBeNull();
      expect(await store.responses.findByInvitation(within)).toBeNull();
      expect(await store.responses.count({ surveyId: "census-lebanon" })).toBe(1);
    });

    it("lets any number of responses have no invitation", async () => {
      await store.responses.insertMany([aResponse(), aResponse(), aResponse()]);
      await store.responses.insert(aResponse());
      expect(await store.responses.count({ surveyId: "census-lebanon" })).toBe(4);
    });

    it("states only the invited responses of the questionnaire, as they are now", async () => {
      const [draftInvitation, submittedInvitation] = [randomUUID(), randomUUID()];
      const draft = aResponse({ invitationId: draftInvitation });
      const toSubmit = aResponse({ invitationId: submittedInvitation });
      await store.responses.insertMany([draft, toSubmit, aResponse()]);
      await store.responses.insert(aResponse({ surveyId: "french-offer", invitationId: randomUUID() }));
      await store.responses.update(toSubmit.id, toSubmit.revision, { ...toSubmit, status: "submitted", updatedAt: LATER, submittedAt: LATER });

      const states = await store.responses.invitedResponseStates("census-lebanon");

      expect(states.sort((a, b) => a.responseId.localeCompare(b.responseId))).toEqual(
        [
          { invitationId: draftInvitation, responseId: draft.id, status: "draft", updatedAt: IMPORTED_AT },
          { invitationId: submittedInvitation, responseId: toSubmit.id, status: "submitted", updatedAt: LATER },
        ].sort((a, b) => a.responseId.localeCompare(b.responseId)),
      );
      expect(await store.responses.invitedResponseStates("unknown")).toEqual([]);
    });
  });
}

describe("invitation store contract: embedded (SQLite)", () => contract(embedded));

(MONGODB_URI ? describe : describe.skip)("invitation store contract: MongoDB", () => contract(() => mongodb(MONGODB_URI ?? "")));
