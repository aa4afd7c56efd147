import { DEFAULT_MATCH_WEIGHTS, type PooledProposalsView, type ProposalView, type WeightsView } from "@passerelle/shared";
import { CSRF_HEADER } from "../../support/test-app";
import { matchingWorld } from "../../support/matching-world";

jest.setTimeout(30_000);

describe("the global proposal and the pooled proposals", () => {
  it("pairs Zahlé with its former partner Lyon and Tyr with Lille, within capacities", async () => {
    const { analyst, zahle, tyr, lyon, lille } = await matchingWorld();
    const proposal = (await analyst.get("/api/matching/proposal?lang=en").expect(200)).body as ProposalView;
    expect(proposal.pairs.map((pair) => [pair.lebaneseId, pair.frenchId, pair.isRelaunch])).toEqual([
      [tyr.id, lille.id, false],
      [zahle.id, lyon.id, true],
    ]);
    expect(proposal).toMatchObject({ lebaneseCount: 2, placedLebanese: 2, blockingPairs: [], overCapacity: [], weightsVersion: 0 });
    expect(proposal.pairs[1]!.explanation).toMatch(/^relaunch: Ville de Lyon is a former partner of Zahlé/);
  });

  it("names the introduction a proposed pair already has, however it was started", async () => {
    const { analyst, zahle, tyr, lyon, lille } = await matchingWorld();
    const before = (await analyst.get("/api/matching/proposal").expect(200)).body as ProposalView;
    expect(before.pairs.map((pair) => pair.introductionId)).toEqual([null, null]);
    const started = await analyst
      .post("/api/matching/introductions")
      .set(CSRF_HEADER, analyst.csrfToken)
      .send({ lebaneseId: zahle.id, frenchId: lyon.id })
      .expect(201);
    const after = (await analyst.get("/api/matching/proposal").expect(200)).body as ProposalView;
    expect(after.pairs.map((pair) => [pair.lebaneseId, pair.frenchId, pair.introductionId])).toEqual([
      [tyr.id, lille.id, null],
      [zahle.id, lyon.id, started.body.id],
    ]);
  });

  it("respects a pair staff excluded and a capacity staff raised", async () => {
    const { analyst, zahle, tyr, lyon, lille } = await matchingWorld();
    const send = (path: string, body: object) => analyst.put(path).set(CSRF_HEADER, analyst.csrfToken).send(body).expect(200);
    await send("/api/matching/decisions", { lebaneseId: zahle.id, frenchId: lyon.id, decision: "excluded" });
    await send(`/api/matching/lebanese/${zahle.id}/capacity`, { capacity: 2 });
    const proposal = (await analyst.get("/api/matching/proposal").expect(200)).body as ProposalView;
    const pairs = proposal.pairs.map((pair) => `${pair.lebaneseId}-${pair.frenchId}`);
    expect(pairs).not.toContain(`${zahle.id}-${lyon.id}`);
    // Lille (capacity 1) goes to one of the two; the other gets nothing it shares a theme with.
    expect(pairs.filter((pair) => pair.endsWith(lille.id))).toHaveLength(1);
    expect([zahle.id, tyr.id].some((id) => pairs.includes(`${id}-${lille.id}`))).toBe(true);
  });

  it("keeps a fixed pair even when it is not the best", async () => {
    const { analyst, zahle, lille } = await matchingWorld();
    await analyst
      .put("/api/matching/decisions")
      .set(CSRF_HEADER, analyst.csrfToken)
      .send({ lebaneseId: zahle.id, frenchId: lille.id, decision: "fixed" })
      .expect(200);
    const proposal = (await analyst.get("/api/matching/proposal").expect(200)).body as ProposalView;
    expect(proposal.pairs.find((pair) => pair.lebaneseId === zahle.id)).toMatchObject({ frenchId: lille.id, isFixed: true });
  });

  it("proposes a pooled project per shared theme, with what it still lacks", async () => {
    const { analyst, zahle, tyr, lille, lyon } = await matchingWorld();
    const pooled = (await analyst.get("/api/matching/pooled?lang=en").expect(200)).body as PooledProposalsView;
    const water = pooled.proposals.find((proposal) => proposal.theme === "water_sanitation")!;
    expect(water.members.map((member) => member.id).sort()).toEqual([lille.id, lyon.id].sort());
    expect(water.served).toEqual([{ governorate: "bekaa", authorities: [{ id: zahle.id, name: "Zahlé" }] }]);
    // Two envelopes of 10–50k € at most (108,696 $) against Zahlé's 200k–1M $ for water.
    expect(water.missingText).toEqual([
      "2 of 5 French members: 3 more needed",
      "combined envelope (at most 108,696 USD) below the needs (at least 200,000 USD)",
    ]);
    const waste = pooled.proposals.find((proposal) => proposal.theme === "solid_waste")!;
    expect(waste.served[0]!.authorities.map((authority) => authority.id)).toEqual([tyr.id]);
  });

  it("lets an administrator save new weights as a version, audited, and reads them back", async () => {
    const { analyst, admin, store } = await matchingWorld();
    const before = (await analyst.get("/api/matching/weights").expect(200)).body as WeightsView;
    expect(before).toEqual({ version: 0, weights: DEFAULT_MATCH_WEIGHTS, savedAt: null, savedBy: null });
    const weights = { ...DEFAULT_MATCH_WEIGHTS, parts: { ...DEFAULT_MATCH_WEIGHTS.parts, language: 3 } };
    const saved = (await admin.put("/api/matching/weights").set(CSRF_HEADER, admin.csrfToken).send({ basedOn: 0, weights }).expect(200)).body as WeightsView;
    expect(saved).toMatchObject({ version: 1, weights, savedBy: "admin@example.org" });
    expect(((await analyst.get("/api/matching/weights").expect(200)).body as WeightsView).version).toBe(1);
    expect((await analyst.get("/api/matching/proposal").expect(200)).body.weightsVersion).toBe(1);
    const [event] = await store.audit.list({ limit: 1 });
    expect(event).toMatchObject({
      actor: "admin@example.org",
      action: "matching_weights_saved",
      target: "weights v1",
      details: { previous: DEFAULT_MATCH_WEIGHTS, weights },
    });
    // A second administrator who edited version 0 does not overwrite version 1.
    const stale = await admin.put("/api/matching/weights").set(CSRF_HEADER, admin.csrfToken).send({ basedOn: 0, weights: DEFAULT_MATCH_WEIGHTS });
    expect([stale.status, stale.body.error.code]).toEqual([409, "weights_changed"]);
    expect((await store.matching.latestWeights())?.version).toBe(1);
  });

  it.each([
    [{ basedOn: 0 }],
    [{ basedOn: 0, weights: { ...DEFAULT_MATCH_WEIGHTS, parts: { ...DEFAULT_MATCH_WEIGHTS.parts, themes: -1 } } }],
    [{ basedOn: 0, weights: { ...DEFAULT_MATCH_WEIGHTS, parts: { relaunch: 0, themes: 0, modes: 0, budget: 0, missions: 0, language: 0, geography: 0 } } }],
    [{ basedOn: 0, weights: { ...DEFAULT_MATCH_WEIGHTS, parts: { ...DEFAULT_MATCH_WEIGHTS.parts, luck: 1 } } }],
    [{ basedOn: 0, weights: { ...DEFAULT_MATCH_WEIGHTS, eurPerUsd: 0 } }],
    [{ basedOn: "0", weights: DEFAULT_MATCH_WEIGHTS }],
  ])("refuses the weights %j with 400, writing nothing", async (body) => {
    const { admin, store } = await matchingWorld();
    const res = await admin.put("/api/matching/weights").set(CSRF_HEADER, admin.csrfToken).send(body);
    expect([res.status, res.body.error.code]).toEqual([400, "invalid_request"]);
    expect(await store.matching.latestWeights()).toBeNull();
  });

  it.each(["/api/matching/proposal?lang=xx", "/api/matching/pooled?theme=water"])("refuses %s with 400", async (path) => {
    const { analyst } = await matchingWorld();
    expect((await analyst.get(path).expect(400)).body.error.code).toBe("invalid_request");
  });
});
