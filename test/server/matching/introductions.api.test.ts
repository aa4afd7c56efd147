import ExcelJS from "exceljs";
import request from "supertest";
import type { CandidateList, FunnelView, IntroductionView } from "@passerelle/shared";
import { download, parseCsvRecords } from "../../support/download";
import { CSRF_HEADER, type StaffAgent } from "../../support/test-app";
import { matchingWorld, zahleAnswers } from "../../support/matching-world";

jest.setTimeout(30_000);

const start = (agent: StaffAgent, body: object) => agent.post("/api/matching/introductions").set(CSRF_HEADER, agent.csrfToken).send(body);
const change = (agent: StaffAgent, id: string, body: object) => agent.patch(`/api/matching/introductions/${id}`).set(CSRF_HEADER, agent.csrfToken).send(body);

describe("following an introduction to a partnership", () => {
  it("starts an introduction from a pair and moves it to 'meeting held', every change dated and audited", async () => {
    const { analyst, store, zahle, lyon } = await matchingWorld();
    const started = (await start(analyst, { lebaneseId: zahle.id, frenchId: lyon.id, nextStepOn: "2026-07-01", note: "Premier échange prévu" }).expect(201))
      .body as IntroductionView;
    expect(started).toMatchObject({
      lebaneseName: "Zahlé",
      frenchName: "Ville de Lyon",
      governorate: "bekaa",
      themes: ["water_sanitation", "energy"],
      state: "proposed",
      owner: "analyst@example.org",
      nextStepOn: "2026-07-01",
      needsReview: false,
      revision: 0,
    });
    expect(started.notes).toEqual([{ at: expect.any(String), by: "analyst@example.org", text: "Premier échange prévu" }]);

    const contacted = (await change(analyst, started.id, { revision: 0, state: "contacted", owner: "rania@example.org" }).expect(200)).body as IntroductionView;
    const met = (await change(analyst, started.id, { revision: contacted.revision, state: "meeting_held", note: "Mission à Zahlé" }).expect(200))
      .body as IntroductionView;
    expect(met.history.map((step) => step.state)).toEqual(["proposed", "contacted", "meeting_held"]);
    expect(met).toMatchObject({ state: "meeting_held", owner: "rania@example.org", revision: 2 });
    expect(met.notes.map((note) => note.text)).toEqual(["Premier échange prévu", "Mission à Zahlé"]);

    const trail = await store.audit.list({ limit: 3 });
    expect(trail.map((event) => [event.action, event.target])).toEqual([
      ["introduction_updated", started.id],
      ["introduction_updated", started.id],
      ["introduction_started", started.id],
    ]);
    expect(trail[0]!.details).toMatchObject({ changed: ["state", "note"], from: "contacted", to: "meeting_held", note: "Mission à Zahlé" });

    const candidates = (await analyst.get(`/api/matching/lebanese/${zahle.id}/candidates`).expect(200)).body as CandidateList;
    expect(candidates.candidates[0]).toMatchObject({ frenchId: lyon.id, introductionId: started.id });
    const board = (await analyst.get("/api/matching/introductions").expect(200)).body.introductions as IntroductionView[];
    expect(board.map((introduction) => [introduction.id, introduction.state])).toEqual([[started.id, "meeting_held"]]);
  });

  it("puts an introduction on hold with a reason and resumes it where it was", async () => {
    const { analyst, zahle, lyon } = await matchingWorld();
    const { id } = (await start(analyst, { lebaneseId: zahle.id, frenchId: lyon.id }).expect(201)).body as IntroductionView;
    await change(analyst, id, { revision: 0, state: "meeting_held" }).expect(200);
    const held = (await change(analyst, id, { revision: 1, state: "on_hold", reason: "Élections municipales" }).expect(200)).body as IntroductionView;
    expect(held).toMatchObject({ state: "on_hold", reason: "Élections municipales" });
    const refused = await change(analyst, id, { revision: 2, state: "contacted" });
    expect([refused.status, refused.body.error.code]).toEqual([409, "introduction_transition_invalid"]);
    const resumed = (await change(analyst, id, { revision: 2, state: "letter_of_intent" }).expect(200)).body as IntroductionView;
    expect(resumed).toMatchObject({ state: "letter_of_intent", reason: null });
  });

  it("flags an introduction for review when an authority edits its answers, until staff review it", async () => {
    const { app, analyst, zahle, lyon } = await matchingWorld();
    const { id } = (await start(analyst, { lebaneseId: zahle.id, frenchId: lyon.id }).expect(201)).body as IntroductionView;
    await request(app)
      .put(`/api/responses/${zahle.id}`)
      .set("Authorization", `Bearer ${zahle.resumeToken}`)
      .send({ answers: zahleAnswers({ priority_themes: ["energy"] }), status: "submitted", locale: "fr" })
      .expect(200);
    const flagged = (await analyst.get(`/api/matching/introductions/${id}`).expect(200)).body as IntroductionView;
    expect(flagged.needsReview).toBe(true);
    const reviewed = (await change(analyst, id, { revision: flagged.revision, reviewed: true }).expect(200)).body as IntroductionView;
    expect(reviewed.needsReview).toBe(false);
    // Suggestions follow the answers as they are now: water is no longer among Zahlé's themes.
    const candidates = (await analyst.get(`/api/matching/lebanese/${zahle.id}/candidates?lang=en`).expect(200)).body as CandidateList;
    expect(candidates.candidates[0]!.explanation.parts.themes).toBe(
      "Energy (including renewables): ranked 1st by Zahlé (short term), offered by Ville de Lyon",
    );
  });

  it.each([
    [
      "a second introduction of the same pair",
      async (w: World) => start(w.analyst, { lebaneseId: w.zahle.id, frenchId: w.lyon.id }),
      409,
      "introduction_exists",
    ],
    ["an unknown authority", async (w: World) => start(w.analyst, { lebaneseId: w.zahle.id, frenchId: "nobody" }), 404, "matching_authority_not_found"],
    [
      "a French id on the Lebanese side",
      async (w: World) => start(w.analyst, { lebaneseId: w.lyon.id, frenchId: w.zahle.id }),
      404,
      "matching_authority_not_found",
    ],
    [
      "a malformed next step date",
      async (w: World) => start(w.analyst, { lebaneseId: w.tyr.id, frenchId: w.lille.id, nextStepOn: "demain" }),
      400,
      "invalid_request",
    ],
    [
      "an unknown field",
      async (w: World) => start(w.analyst, { lebaneseId: w.tyr.id, frenchId: w.lille.id, state: "agreement_signed" }),
      400,
      "invalid_request",
    ],
  ])("refuses %s, writing nothing", async (_name, send, status, code) => {
    const world = await matchingWorld();
    await start(world.analyst, { lebaneseId: world.zahle.id, frenchId: world.lyon.id }).expect(201);
    const before = await world.store.audit.list({ limit: 100 });
    const res = await send(world);
    expect([res.status, res.body.error?.code]).toEqual([status, code]);
    expect(await world.store.matching.listIntroductions()).toHaveLength(1);
    expect(await world.store.audit.list({ limit: 100 })).toHaveLength(before.length);
  });

  it.each([
    ["a stale revision", { revision: 5, state: "contacted" }, 412, "introduction_changed"],
    ["a move backwards", { revision: 1, state: "proposed" }, 409, "introduction_transition_invalid"],
    ["declining without a reason", { revision: 1, state: "declined" }, 400, "invalid_request"],
    ["a reason without a pause", { revision: 1, state: "meeting_held", reason: "why" }, 400, "invalid_request"],
    ["nothing to change", { revision: 1 }, 400, "invalid_request"],
    ["an empty note", { revision: 1, note: "   " }, 400, "invalid_request"],
    ["an unknown state", { revision: 1, state: "married" }, 400, "invalid_request"],
  ])("refuses %s, leaving the introduction as it was", async (_name, body, status, code) => {
    const { analyst, store, zahle, lyon } = await matchingWorld();
    const { id } = (await start(analyst, { lebaneseId: zahle.id, frenchId: lyon.id }).expect(201)).body as IntroductionView;
    await change(analyst, id, { revision: 0, state: "contacted" }).expect(200);
    const before = await store.matching.findIntroduction(id);
    const res = await change(analyst, id, body);
    expect([res.status, res.body.error?.code]).toEqual([status, code]);
    expect(await store.matching.findIntroduction(id)).toEqual(before);
  });

  it("answers 404 for an unknown introduction", async () => {
    const { analyst } = await matchingWorld();
    expect((await analyst.get("/api/matching/introductions/nope").expect(404)).body.error.code).toBe("introduction_not_found");
    expect((await change(analyst, "nope", { revision: 0, note: "x" }).expect(404)).body.error.code).toBe("introduction_not_found");
  });

  it("exports the introductions as CSV with labels in the chosen language, audited", async () => {
    const { analyst, store, zahle, lyon } = await matchingWorld();
    const { id } = (await start(analyst, { lebaneseId: zahle.id, frenchId: lyon.id, note: "Appel" }).expect(201)).body as IntroductionView;
    await change(analyst, id, { revision: 0, state: "meeting_held" }).expect(200);
    const res = await analyst.get("/api/matching/introductions.csv?lang=ar&delimiter=;").expect(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const [row] = parseCsvRecords(res.text, ";");
    expect(row).toMatchObject({ "السلطة المحلية اللبنانية": "Zahlé", المحافظة: "البقاع", الحالة: "عُقد لقاء", "آخر ملاحظة": "Appel", للمراجعة: "لا" });
    expect((await store.audit.list({ limit: 1 }))[0]).toMatchObject({ action: "export", target: expect.stringMatching(/^introductions-.*\.csv$/) });
    expect((await analyst.get("/api/matching/introductions.csv?delimiter=tab").expect(400)).body.error.code).toBe("invalid_request");
  });

  it("exports the introductions as a workbook, right to left in Arabic", async () => {
    const { analyst, zahle, lyon } = await matchingWorld();
    await start(analyst, { lebaneseId: zahle.id, frenchId: lyon.id }).expect(201);
    const { res, bytes } = await download(analyst, "/api/matching/introductions.xlsx?lang=ar");
    expect([res.status, res.headers["content-type"]]).toEqual([200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("عمليات التشبيك")!;
    expect(sheet.views[0]).toMatchObject({ rightToLeft: true });
    expect(sheet.getRow(1).getCell(1).value).toBe("السلطة المحلية اللبنانية");
    expect([sheet.getRow(2).getCell(1).value, sheet.getRow(2).getCell(5).value]).toEqual(["Zahlé", "مقترحة"]);
  });

  it("gives viewers the funnel only: the total and states the disclosure control releases, no cross-tables", async () => {
    const { analyst, viewer, zahle, tyr, lyon, lille } = await matchingWorld({ minGroupSize: 2 });
    const ids: string[] = [];
    for (const [lebaneseId, frenchId] of [
      [zahle.id, lyon.id],
      [tyr.id, lille.id],
      [zahle.id, lille.id],
    ] as const) {
      ids.push(((await start(analyst, { lebaneseId, frenchId }).expect(201)).body as IntroductionView).id);
    }
    const funnel = (await viewer.get("/api/matching/funnel").expect(200)).body as FunnelView;
    expect(funnel.minGroupSize).toBe(2);
    expect(funnel.total).toEqual({ count: 3 });
    expect(funnel.states.proposed).toEqual({ count: 3 });
    expect(funnel.states.contacted).toEqual({ count: 0 });
    expect([funnel.byGovernorate, funnel.byTheme]).toEqual([[], []]);

    // One introduction alone in its state: withheld, and so is another figure, or the total
    // minus the other states would give it back.
    await change(analyst, ids[0]!, { revision: 0, state: "contacted" }).expect(200);
    const after = (await viewer.get("/api/matching/funnel").expect(200)).body as FunnelView;
    expect(after.states.contacted).toEqual({ suppressed: true });
    const total = "suppressed" in after.total ? undefined : after.total.count;
    const others = Object.entries(after.states)
      .filter(([state]) => state !== "contacted")
      .map(([, cell]) => cell);
    const isRecoverable = total !== undefined && others.every((cell) => !("suppressed" in cell));
    expect(isRecoverable).toBe(false);

    // Analysts read the exact figures, cross-tables included.
    const exact = (await analyst.get("/api/matching/funnel").expect(200)).body as FunnelView;
    expect(exact.states.contacted).toEqual({ count: 1 });
    expect(exact.byGovernorate.find((group) => group.governorate === "south")!.states.proposed).toEqual({ count: 1 });
    expect((await viewer.get("/api/matching/introductions").expect(403)).body.error.code).toBe("forbidden");
  });
});

type World = Awaited<ReturnType<typeof matchingWorld>>;
