import { randomUUID } from "node:crypto";
import { DEFAULT_MATCH_WEIGHTS } from "@passerelle/shared";
import type { StoredIntroduction } from "../../../server/src/store/matching-store.port";
import { StoreConflictError, type Store } from "../../../server/src/store/store.port";
import { MONGODB_URI, embedded, mongodb, type Adapter } from "../../support/store-adapters";

const STARTED = new Date("2026-06-01T08:00:00.000Z");
const LATER = new Date("2026-06-03T10:15:00.250Z");

function anIntroduction(overrides: Partial<StoredIntroduction> = {}): StoredIntroduction {
  return {
    id: randomUUID(),
    lebaneseId: randomUUID(),
    frenchId: randomUUID(),
    lebaneseName: "بلدية زحلة",
    frenchName: "Ville de Lyon",
    governorate: "bekaa",
    themes: ["water_sanitation"],
    state: "proposed",
    reason: null,
    owner: null,
    nextStepOn: null,
    notes: [],
    history: [{ state: "proposed", at: STARTED.toISOString(), by: "analyst@example.org", reason: null }],
    lebaneseSeenAt: STARTED,
    frenchSeenAt: STARTED,
    revision: 0,
    createdAt: STARTED,
    updatedAt: STARTED,
    ...overrides,
  };
}

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

  describe("introductions", () => {
    it("gives back exactly what was written, nulls included, and lists oldest first", async () => {
      const first = anIntroduction({
        owner: "rania@example.org",
        nextStepOn: "2026-07-01",
        notes: [{ at: STARTED.toISOString(), by: "a@example.org", text: "Premier appel" }],
      });
      const second = anIntroduction({ createdAt: LATER, updatedAt: LATER });
      await store.matching.insertIntroduction(second);
      await store.matching.insertIntroduction(first);
      expect(await store.matching.findIntroduction(first.id)).toEqual(first);
      expect((await store.matching.listIntroductions()).map((introduction) => introduction.id)).toEqual([first.id, second.id]);
      expect(await store.matching.findIntroduction(randomUUID())).toBeNull();
    });

    it("refuses a second introduction of the same pair", async () => {
      const first = anIntroduction();
      await store.matching.insertIntroduction(first);
      await expect(store.matching.insertIntroduction(anIntroduction({ lebaneseId: first.lebaneseId, frenchId: first.frenchId }))).rejects.toBeInstanceOf(
        StoreConflictError,
      );
      expect(await store.matching.listIntroductions()).toHaveLength(1);
    });

    it("replaces an introduction only at the expected revision", async () => {
      const introduction = anIntroduction();
      await store.matching.insertIntroduction(introduction);
      const moved: StoredIntroduction = {
        ...introduction,
        state: "on_hold",
        reason: "Élections municipales",
        history: [...introduction.history, { state: "on_hold", at: LATER.toISOString(), by: "b@example.org", reason: "Élections municipales" }],
        revision: 1,
        updatedAt: LATER,
      };
      expect(await store.matching.replaceIntroduction(moved, 0)).toEqual(moved);
      expect(await store.matching.replaceIntroduction({ ...moved, revision: 1, owner: "late@example.org" }, 0)).toBeNull();
      expect(await store.matching.findIntroduction(introduction.id)).toEqual(moved);
      expect(await store.matching.replaceIntroduction({ ...anIntroduction(), revision: 1 }, 0)).toBeNull();
    });
  });

  describe("decisions and capacities", () => {
    it("keeps one decision per pair, replaced and cleared", async () => {
      const pair = { lebaneseId: "l1", frenchId: "f1" };
      await store.matching.setDecision({ ...pair, decision: "shortlisted", reason: null, by: "a@example.org", at: STARTED });
      await store.matching.setDecision({ ...pair, decision: "dismissed", reason: "Déjà engagée ailleurs", by: "b@example.org", at: LATER });
      await store.matching.setDecision({ lebaneseId: "l1", frenchId: "f2", decision: "fixed", reason: null, by: "a@example.org", at: LATER });
      expect(await store.matching.listDecisions()).toEqual([
        { ...pair, decision: "dismissed", reason: "Déjà engagée ailleurs", by: "b@example.org", at: LATER },
        { lebaneseId: "l1", frenchId: "f2", decision: "fixed", reason: null, by: "a@example.org", at: LATER },
      ]);
      await store.matching.clearDecision("l1", "f1");
      expect((await store.matching.listDecisions()).map((decision) => decision.frenchId)).toEqual(["f2"]);
    });

    it("keeps one capacity per Lebanese authority", async () => {
      await store.matching.setCapacity({ lebaneseId: "l1", capacity: 2, by: "a@example.org", at: STARTED });
      await store.matching.setCapacity({ lebaneseId: "l1", capacity: 3, by: "a@example.org", at: LATER });
      expect(await store.matching.listCapacities()).toEqual([{ lebaneseId: "l1", capacity: 3, by: "a@example.org", at: LATER }]);
      await store.matching.clearCapacity("l1");
      expect(await store.matching.listCapacities()).toEqual([]);
    });
  });

  describe("audit entries", () => {
    const entry = (action: string, target: string, details: Record<string, unknown> = {}) => ({
      at: LATER,
      actor: "analyst@example.org",
      action,
      target,
      details,
    });
    const trail = async () => (await store.audit.list({ limit: 20 })).map((event) => [event.action, event.target]).reverse();
    // An entry the store cannot write (JSON has no BigInt): the write it records must not stay.
    const unwritable = (action: string) => entry(action, "unwritable", { amount: BigInt(1) });

    it("stores each write's entry with it, and none for a write refused or changing nothing", async () => {
      const introduction = anIntroduction();
      await store.matching.insertIntroduction(introduction, { audit: entry("introduction_started", introduction.id) });
      await expect(
        store.matching.insertIntroduction(anIntroduction({ lebaneseId: introduction.lebaneseId, frenchId: introduction.frenchId }), {
          audit: entry("introduction_started", "refused"),
        }),
      ).rejects.toBeInstanceOf(StoreConflictError);
      const moved = { ...introduction, state: "contacted" as const, revision: 1, updatedAt: LATER };
      await store.matching.replaceIntroduction(moved, 0, { audit: entry("introduction_updated", introduction.id) });
      expect(await store.matching.replaceIntroduction({ ...moved, revision: 2 }, 0, { audit: entry("introduction_updated", "stale") })).toBeNull();
      await store.matching.setDecision(
        { lebaneseId: "l1", frenchId: "f1", decision: "fixed", reason: null, by: "a@example.org", at: LATER },
        { audit: entry("matching_decision_set", "l1 × f1") },
      );
      await store.matching.clearDecision("l1", "f1", { audit: entry("matching_decision_set", "cleared") });
      await store.matching.setCapacity({ lebaneseId: "l1", capacity: 2, by: "a@example.org", at: LATER }, { audit: entry("matching_capacity_set", "l1") });
      await store.matching.clearCapacity("l1", { audit: entry("matching_capacity_set", "l1 cleared") });
      const weights = { version: 1, weights: DEFAULT_MATCH_WEIGHTS, savedAt: LATER, savedBy: "admin@example.org" };
      await store.matching.saveWeights(weights, { audit: entry("matching_weights_saved", "weights v1") });
      await expect(store.matching.saveWeights(weights, { audit: entry("matching_weights_saved", "refused") })).rejects.toBeInstanceOf(StoreConflictError);
      expect(await trail()).toEqual([
        ["introduction_started", introduction.id],
        ["introduction_updated", introduction.id],
        ["matching_decision_set", "l1 × f1"],
        ["matching_decision_set", "cleared"],
        ["matching_capacity_set", "l1"],
        ["matching_capacity_set", "l1 cleared"],
        ["matching_weights_saved", "weights v1"],
      ]);
    });

    it("keeps no change whose entry could not be written", async () => {
      const introduction = anIntroduction();
      await expect(store.matching.insertIntroduction(introduction, { audit: unwritable("introduction_started") })).rejects.toThrow();
      expect(await store.matching.findIntroduction(introduction.id)).toBeNull();
      await store.matching.insertIntroduction(introduction);
      await expect(
        store.matching.replaceIntroduction({ ...introduction, state: "contacted", revision: 1 }, 0, { audit: unwritable("introduction_updated") }),
      ).rejects.toThrow();
      expect(await store.matching.findIntroduction(introduction.id)).toEqual(introduction);
      await expect(
        store.matching.setDecision(
          { lebaneseId: "l1", frenchId: "f1", decision: "fixed", reason: null, by: "a@example.org", at: LATER },
          { audit: unwritable("matching_decision_set") },
        ),
      ).rejects.toThrow();
      expect(await store.matching.listDecisions()).toEqual([]);
      await expect(
        store.matching.setCapacity({ lebaneseId: "l1", capacity: 2, by: "a@example.org", at: LATER }, { audit: unwritable("matching_capacity_set") }),
      ).rejects.toThrow();
      expect(await store.matching.listCapacities()).toEqual([]);
      await expect(
        store.matching.saveWeights(
          { version: 1, weights: DEFAULT_MATCH_WEIGHTS, savedAt: LATER, savedBy: "admin@example.org" },
          { audit: unwritable("matching_weights_saved") },
        ),
      ).rejects.toThrow();
      expect(await store.matching.latestWeights()).toBeNull();
      expect(await trail()).toEqual([]);
    });
  });

  describe("weights", () => {
    it("returns the latest version and refuses a version saved twice", async () => {
      expect(await store.matching.latestWeights()).toBeNull();
      const first = { version: 1, weights: DEFAULT_MATCH_WEIGHTS, savedAt: STARTED, savedBy: "admin@example.org" };
      const second = { version: 2, weights: { ...DEFAULT_MATCH_WEIGHTS, interpretation: 0.5 }, savedAt: LATER, savedBy: "admin@example.org" };
      await store.matching.saveWeights(first);
      await store.matching.saveWeights(second);
      await expect(store.matching.saveWeights({ ...second, savedBy: "other@example.org" })).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.matching.latestWeights()).toEqual(second);
    });
  });
}

describe("matching store contract: embedded (SQLite)", () => contract(embedded));

(MONGODB_URI ? describe : describe.skip)("matching store contract: MongoDB", () => contract(() => mongodb(MONGODB_URI ?? "")));
