import type { AuthorityLists, CandidateList } from "@passerelle/shared";
import { CSRF_HEADER } from "../../support/test-app";
import { matchingWorld, submit, tyrAnswers } from "../../support/matching-world";

jest.setTimeout(30_000);

describe("candidates of the matchmaking workspace", () => {
  let world: Awaited<ReturnType<typeof matchingWorld>>;
  beforeAll(async () => {
    world = await matchingWorld();
  });

  it("lists the Lebanese authorities that want a partnership and every French offer", async () => {
    const lists = (await world.analyst.get("/api/matching/authorities").expect(200)).body as AuthorityLists;
    expect(lists.lebanese.map((authority) => authority.name)).toEqual(["Tyr", "Zahlé"]);
    expect(lists.french.map((authority) => [authority.name, authority.capacity])).toEqual(
      [
        ["Lille", 1],
        ["Ville de Lyon", 2],
        ["Grenoble", 2],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it("ranks Lyon first for Zahlé, a former partner to relaunch, explained in the language asked", async () => {
    const list = (await world.analyst.get(`/api/matching/lebanese/${world.zahle.id}/candidates?lang=en`).expect(200)).body as CandidateList;
    expect(list.authority).toMatchObject({ name: "Zahlé", governorate: "bekaa", intent: "relaunch_previous" });
    expect(list.candidates.map((candidate) => candidate.counterpart.name)).toEqual(["Ville de Lyon", "Lille"]);
    const [lyon, lille] = list.candidates;
    expect(lyon).toMatchObject({ isRelaunch: true, needsInterpretation: true, decision: null, introductionId: null });
    expect(lyon!.explanation.text).toContain("relaunch: Ville de Lyon is a former partner of Zahlé");
    expect(lyon!.explanation.text).toContain("Water and sanitation: ranked 1st by Zahlé (immediate), offered by Ville de Lyon");
    expect(lyon!.explanation.parts.language).toBe("language: prefers Arabic, not a working language: needs interpretation");
    // Lille answered before the matching questions: its modes, languages and governorates are "not stated".
    expect(lille!.explanation.parts).toMatchObject({ modes: "modes: not stated", language: "language: not stated", geography: "geography: not stated" });
    expect(lille!.score).toBeLessThan(lyon!.score);
  });

  it("explains in Arabic, with the census's own labels", async () => {
    const list = (await world.analyst.get(`/api/matching/lebanese/${world.zahle.id}/candidates?lang=ar`).expect(200)).body as CandidateList;
    expect(list.candidates[0]!.explanation.parts.themes).toMatch(/^المياه والصرف الصحي: في المرتبة الأولى لدى Zahlé/);
    expect(list.candidates[0]!.explanation.parts.geography).toBe("الجغرافيا: البقاع من المحافظات المفضّلة");
  });

  it("gives the reverse list: for a French authority, its Lebanese candidates", async () => {
    const list = (await world.analyst.get(`/api/matching/french/${world.lille.id}/candidates`).expect(200)).body as CandidateList;
    expect(list.candidates.map((candidate) => candidate.counterpart.name)).toEqual(["Tyr", "Zahlé"]);
    expect(list.candidates[0]!.explanation.text).toMatch(/^Gestion des déchets solides : classée 1re par Tyr/);
  });

  it("filters by theme and governorate", async () => {
    const byTheme = (await world.analyst.get(`/api/matching/french/${world.lille.id}/candidates?theme=water_sanitation`).expect(200)).body as CandidateList;
    expect(byTheme.candidates.map((candidate) => candidate.counterpart.name)).toEqual(["Zahlé"]);
    const byPlace = (await world.analyst.get(`/api/matching/french/${world.lille.id}/candidates?governorate=south`).expect(200)).body as CandidateList;
    expect(byPlace.candidates.map((candidate) => candidate.counterpart.name)).toEqual(["Tyr"]);
  });

  it("follows an authority's answers as they are now", async () => {
    const { app, analyst } = await matchingWorld();
    const latecomer = await submit(
      app,
      "census-lebanon",
      tyrAnswers({
        authority_name: "Saïda",
        district: "saida",
        priority_themes: ["health"],
        need_health: "Dispensaire",
        urgency_health: "immediate",
        need_solid_waste: undefined,
        urgency_solid_waste: undefined,
        budget_solid_waste: undefined,
      }),
    );
    const lists = (await analyst.get("/api/matching/authorities").expect(200)).body as AuthorityLists;
    expect(lists.lebanese.map((authority) => authority.id)).toContain(latecomer.id);
    const list = (await analyst.get(`/api/matching/lebanese/${latecomer.id}/candidates`).expect(200)).body as CandidateList;
    expect(list.candidates.map((candidate) => candidate.counterpart.name)).toEqual(["Grenoble"]);
  });

  it.each([
    ["/api/matching/lebanese/nobody/candidates", 404, "matching_authority_not_found"],
    ["/api/matching/french/nobody/candidates", 404, "matching_authority_not_found"],
    ["/api/matching/lebanese/:zahle/candidates?theme=tourism", 400, "invalid_request"],
    ["/api/matching/lebanese/:zahle/candidates?limit=0", 400, "invalid_request"],
    ["/api/matching/lebanese/:zahle/candidates?lang=de", 400, "invalid_request"],
    ["/api/matching/lebanese/:zahle/candidates?colour=red", 400, "invalid_request"],
    ["/api/matching/lebanese/:lyon/candidates", 404, "matching_authority_not_found"],
  ])("answers %s with %i %s", async (path, status, code) => {
    const res = await world.analyst.get(path.replace(":zahle", world.zahle.id).replace(":lyon", world.lyon.id));
    expect([res.status, res.body.error?.code]).toEqual([status, code]);
  });

  it("records a decision on a pair and lists it with the candidate, dismissed ones last", async () => {
    const { analyst, zahle, lyon, store } = await matchingWorld();
    await analyst
      .put("/api/matching/decisions")
      .set(CSRF_HEADER, analyst.csrfToken)
      .send({ lebaneseId: zahle.id, frenchId: lyon.id, decision: "dismissed", reason: "Déjà en contact direct" })
      .expect(200);
    const list = (await analyst.get(`/api/matching/lebanese/${zahle.id}/candidates`).expect(200)).body as CandidateList;
    expect(list.candidates.map((candidate) => [candidate.counterpart.name, candidate.decision?.decision ?? null])).toEqual([
      ["Lille", null],
      ["Ville de Lyon", "dismissed"],
    ]);
    const audit = await store.audit.list({ limit: 5 });
    expect(audit[0]).toMatchObject({
      actor: "analyst@example.org",
      action: "matching_decision_set",
      details: { decision: "dismissed", reason: "Déjà en contact direct" },
    });
  });

  it.each([
    [{ lebaneseId: ":zahle", frenchId: ":lyon", decision: "dismissed" }, 400, "invalid_request"],
    [{ lebaneseId: ":zahle", frenchId: ":lyon", decision: "married" }, 400, "invalid_request"],
    [{ lebaneseId: ":zahle", frenchId: "nobody", decision: "fixed" }, 404, "matching_authority_not_found"],
    [{ lebaneseId: ":lyon", frenchId: ":zahle", decision: "fixed" }, 404, "matching_authority_not_found"],
    [{ lebaneseId: ":zahle", frenchId: ":lyon", decision: "fixed", extra: true }, 400, "invalid_request"],
  ])("refuses the decision %j with %i, writing nothing", async (body, status, code) => {
    const { analyst, zahle, lyon, store } = await matchingWorld();
    const resolved = JSON.parse(JSON.stringify(body).replaceAll(":zahle", zahle.id).replaceAll(":lyon", lyon.id));
    const res = await analyst.put("/api/matching/decisions").set(CSRF_HEADER, analyst.csrfToken).send(resolved);
    expect([res.status, res.body.error?.code]).toEqual([status, code]);
    expect(await store.matching.listDecisions()).toEqual([]);
  });

  it.each([[{ capacity: -1 }], [{ capacity: 2.5 }], [{ capacity: "2" }], [{}]])("refuses the capacity %j, writing nothing", async (body) => {
    const res = await world.analyst.put(`/api/matching/lebanese/${world.zahle.id}/capacity`).set(CSRF_HEADER, world.analyst.csrfToken).send(body);
    expect([res.status, res.body.error.code]).toEqual([400, "invalid_request"]);
    expect(await world.store.matching.listCapacities()).toEqual([]);
  });
});
