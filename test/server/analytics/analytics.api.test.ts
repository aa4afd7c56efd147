import request from "supertest";
import type { Answers } from "@passerelle/shared";
import { miniAnswers, without } from "../../support/builders";
import { signedIn, testApp } from "../../support/test-app";

const DAY_ONE = new Date("2026-06-01T09:00:00Z");
const DAY_TWO = new Date("2026-06-02T09:00:00Z");

/** Three submissions and a draft, with figures computed by hand in the tests below. */
async function censusWithAnswers() {
  let now = DAY_ONE;
  const context = testApp({ now: () => now, minGroupSize: 2 });
  const submit = (answers: Answers, status: "submitted" | "draft" = "submitted") =>
    request(context.app).post("/api/surveys/mini/responses").send({ answers, status, locale: "fr" }).expect(201);
  const base = without(miniAnswers(), "constraints", "constraints-Comment", "capacities", "readiness");
  await submit({ ...base, priority_themes: ["water_sanitation", "health"], constraints: ["security"], readiness: 4, capacities: { staff: "low" } });
  await submit({ ...base, priority_themes: ["health"], constraints: ["security", "economic_crisis"], readiness: 2 });
  now = DAY_TWO;
  await submit({
    ...base,
    governorate: "south",
    district: "tyre",
    priority_themes: ["health", "water_sanitation"],
    readiness: 5,
    capacities: { staff: "high", budget: "low" },
  });
  await submit({ authority_name: "Draft only", governorate: "north" }, "draft");
  return context;
}

describe("analytics API", () => {
  it("gives an overview: submitted versus drafts, respondents per breakdown value, activity per day", async () => {
    const { app } = await censusWithAnswers();
    const res = await (await signedIn(app)).get("/api/surveys/mini/analytics/overview").expect(200);
    expect(res.body).toEqual({
      surveyId: "mini",
      filters: {},
      disclosure: "exact",
      respondents: 3,
      drafts: 1,
      minGroupSize: 2,
      breakdowns: {
        governorate: [
          { value: "north", respondents: { count: 2 } },
          { value: "south", respondents: { suppressed: true } },
        ],
        district: [
          { value: "tripoli", respondents: { count: 2 } },
          { value: "tyre", respondents: { suppressed: true } },
        ],
      },
      tracking: [
        { date: "2026-06-01", started: 2, submitted: 2 },
        { date: "2026-06-02", started: 2, submitted: 1 },
      ],
    });
  });

  it("ranks themes with counts, shares and Borda scores, overall and per governorate", async () => {
    const { app } = await censusWithAnswers();
    const res = await (await signedIn(app)).get("/api/surveys/mini/analytics/themes").expect(200);
    expect(res.body).toMatchObject({ respondents: 3, themeQuestion: "priority_themes", scoreBase: 2, groupField: "governorate" });
    const [water, health, energy] = res.body.themes;
    // Borda on 2 rankable themes: first = 2 points, second = 1.
    expect(water).toMatchObject({
      theme: "water_sanitation",
      overall: { cited: 2, share: 2 / 3, score: 3, meanRank: 1.5, rankedFirst: 1 },
      byGroup: { north: { respondents: 2, cited: 1, share: 0.5, score: 2 }, south: { suppressed: true } },
    });
    expect(health).toMatchObject({
      theme: "health",
      overall: { cited: 3, share: 1, score: 5, meanRank: 4 / 3, rankedFirst: 2 },
      byGroup: { north: { respondents: 2, cited: 2, share: 1, score: 3 } },
    });
    expect(energy).toMatchObject({ theme: "energy", overall: { cited: 0, share: 0, score: 0, meanRank: null } });
    // The second response ranked health only: its water urgency, hidden, was not kept.
    expect(water.overall.facets.urgency).toEqual({ kind: "counts", n: 2, counts: { immediate: 2, short_term: 0, medium_term: 0 } });
  });

  it.each([
    ["multiple choice, respondents as the base", "constraints", { kind: "counts", n: 2, counts: { security: 2, economic_crisis: 1, other: 0 } }],
    ["rating", "readiness", { kind: "numeric", n: 3, mean: 11 / 3, median: 4, isMedianExact: true, min: 2, max: 5 }],
    ["matrix", "capacities", { kind: "matrix", n: 2, cells: { staff: { low: 1, high: 1 }, budget: { low: 1, high: 0 } } }],
    ["yes / no", "consent_data_use", { kind: "counts", n: 3, counts: { true: 3, false: 0 } }],
  ])("describes a %s question", async (_label, name, expected) => {
    const { app } = await censusWithAnswers();
    const res = await (await signedIn(app)).get(`/api/surveys/mini/analytics/questions/${name}`).expect(200);
    expect(res.body.overall).toEqual(expected);
    expect(res.body.byGroup["governorate=south"]).toEqual({ suppressed: true });
  });

  it("applies the filters to every figure", async () => {
    const { app } = await censusWithAnswers();
    const north = await (await signedIn(app)).get("/api/surveys/mini/analytics/themes?governorate=north").expect(200);
    expect(north.body.respondents).toBe(2);
    expect(north.body.filters).toEqual({ governorate: "north" });
    expect(north.body.themes[1].overall).toMatchObject({ theme: "health", cited: 2 });

    const dayTwo = await (await signedIn(app)).get("/api/surveys/mini/analytics/overview?from=2026-06-02&to=2026-06-02").expect(200);
    expect(dayTwo.body).toMatchObject({ respondents: 1, tracking: [{ date: "2026-06-02", started: 2, submitted: 1 }] });
  });

  it("suppresses the overall figures when the filters narrow to fewer respondents than the minimum", async () => {
    const { app } = await censusWithAnswers();
    const res = await (await signedIn(app)).get("/api/surveys/mini/analytics/questions/readiness?district=tyre").expect(200);
    expect(res.body).toMatchObject({ respondents: 1, overall: { suppressed: true } });
  });

  it("suppresses the overall figures of a period with fewer respondents than the minimum", async () => {
    const { app } = await censusWithAnswers();
    const res = await (await signedIn(app)).get("/api/surveys/mini/analytics/themes?from=2026-06-02&to=2026-06-02").expect(200);
    expect(res.body.respondents).toBe(1);
    for (const theme of res.body.themes) expect(theme.overall).toEqual({ suppressed: true });
  });

  it("counts a new submission at once, despite the cache", async () => {
    const { app } = await censusWithAnswers();
    await (await signedIn(app)).get("/api/surveys/mini/analytics/themes").expect(200);
    await request(app)
      .post("/api/surveys/mini/responses")
      .send({ answers: miniAnswers({ priority_themes: ["energy"] }), status: "submitted", locale: "ar" })
      .expect(201);
    const res = await (await signedIn(app)).get("/api/surveys/mini/analytics/themes").expect(200);
    expect(res.body.respondents).toBe(4);
    expect(res.body.themes[2].overall).toMatchObject({ theme: "energy", cited: 1 });
  });

  it("counts an edited response once, with its new answers", async () => {
    const { app } = testApp();
    const created = await request(app)
      .post("/api/surveys/mini/responses")
      .send({ answers: miniAnswers({ priority_themes: ["health"] }), status: "submitted", locale: "fr" })
      .expect(201);
    await request(app)
      .post("/api/surveys/mini/responses")
      .send({ answers: miniAnswers({ priority_themes: ["health"] }), status: "submitted", locale: "fr" })
      .expect(201);
    const before = await (await signedIn(app)).get("/api/surveys/mini/analytics/themes").expect(200);
    expect(before.body.themes[1].overall).toMatchObject({ theme: "health", cited: 2 });
    await request(app)
      .put(`/api/responses/${created.body.id}`)
      .set("Authorization", `Bearer ${created.body.resumeToken}`)
      .send({ answers: miniAnswers({ priority_themes: ["energy"] }), status: "submitted", locale: "fr" })
      .expect(200);
    const after = await (await signedIn(app)).get("/api/surveys/mini/analytics/themes").expect(200);
    expect(after.body.respondents).toBe(2);
    expect(after.body.themes[1].overall).toMatchObject({ theme: "health", cited: 1 });
    expect(after.body.themes[2].overall).toMatchObject({ theme: "energy", cited: 1 });
  });

  it("reads each response against its own questionnaire version", async () => {
    const { app, store, questionnaires } = await censusWithAnswers();
    const current = questionnaires.find("mini")!;
    // An older version in which the ranking also offered "sport" and the rating was out of 10.
    const old = structuredClone(current.definition) as { pages: { elements: Record<string, unknown>[] }[] };
    (old.pages[1]!.elements[0]!.choices as unknown[]).push({ value: "sport" });
    old.pages[1]!.elements.splice(3, 1, { type: "rating", name: "readiness", rateMax: 10 });
    await store.questionnaireVersions.save({ version: "0ld0ld0ld0ld0ld0", surveyId: "mini", definition: old, firstSeenAt: DAY_ONE });
    await store.responses.insert({
      id: "00000000-0000-4000-8000-00000000a001",
      surveyId: "mini",
      version: "0ld0ld0ld0ld0ld0",
      status: "submitted",
      locale: "fr",
      answers: { governorate: "north", priority_themes: ["sport", "energy"], readiness: 9 },
      breakdown: { governorate: "north" },
      tokenHash: "0".repeat(64),
      revision: 1,
      createdAt: DAY_ONE,
      updatedAt: DAY_ONE,
      submittedAt: DAY_ONE,
    });
    const readiness = await (await signedIn(app)).get("/api/surveys/mini/analytics/questions/readiness").expect(200);
    expect(readiness.body.overall).toMatchObject({ n: 4, max: 9 });
    const themes = await (await signedIn(app)).get("/api/surveys/mini/analytics/questions/priority_themes").expect(200);
    expect(themes.body.overall.items.sport).toMatchObject({ ranked: 1, rankedFirst: 1, score: 2 });
    expect(themes.body.overall.items.energy).toMatchObject({ ranked: 1, score: 1 });
  });

  it("shows a question whose kind changed between versions as its current version asks it", async () => {
    const { app, store, questionnaires } = await censusWithAnswers();
    const current = questionnaires.find("mini")!;
    // An older version asked the population as ranges to choose from, not as a number.
    const old = structuredClone(current.definition) as { pages: { elements: Record<string, unknown>[] }[] };
    const page = old.pages.find((candidate) => candidate.elements.some((element) => element.name === "population"))!;
    const at = page.elements.findIndex((element) => element.name === "population");
    page.elements.splice(at, 1, { type: "radiogroup", name: "population", choices: ["small", "large"] });
    await store.questionnaireVersions.save({ version: "0ld0ld0ld0ld0ld1", surveyId: "mini", definition: old, firstSeenAt: DAY_ONE });
    await store.responses.insert({
      id: "00000000-0000-4000-8000-00000000a002",
      surveyId: "mini",
      version: "0ld0ld0ld0ld0ld1",
      status: "submitted",
      locale: "fr",
      answers: { governorate: "north", population: "large" },
      breakdown: { governorate: "north" },
      tokenHash: "0".repeat(64),
      revision: 1,
      createdAt: DAY_ONE,
      updatedAt: DAY_ONE,
      submittedAt: DAY_ONE,
    });
    // Everyone (answered by the cube), and a free period (a fold of the responses).
    for (const query of ["", "?from=2020-01-02"]) {
      const population = await (await signedIn(app)).get(`/api/surveys/mini/analytics/questions/population${query}`).expect(200);
      // The three numbers of the current version; the older version's "large" is not one of them.
      expect(population.body.overall).toMatchObject({ kind: "numeric", n: 3, median: 200000, min: 200000, max: 200000 });
      expect(population.body.respondents).toBe(4);
      await (await signedIn(app)).get(`/api/surveys/mini/analytics/themes${query}`).expect(200);
    }
  });

  it.each([
    ["an unknown governorate", "governorate=atlantis", "governorate"],
    ["a filter the questionnaire does not have", "region=north", "region"],
    ["a date that is not a date", "from=yesterday", "from"],
    ["an impossible date", "from=2026-02-31", "from"],
    ["a period ending before it starts", "from=2026-06-05&to=2026-06-01", "to"],
    ["a repeated filter", "governorate=north&governorate=south", "governorate"],
    ["an operator-looking filter", "governorate[$ne]=north", "governorate[$ne]"],
  ])("rejects %s with 400 naming it", async (_label, query, field) => {
    const { app } = await censusWithAnswers();
    const res = await (await signedIn(app)).get(`/api/surveys/mini/analytics/overview?${query}`).expect(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details.map((detail: { question: string }) => detail.question)).toContain(field);
  });

  it("answers 404 for an unknown questionnaire or question", async () => {
    const { app } = await censusWithAnswers();
    expect((await (await signedIn(app)).get("/api/surveys/nope/analytics/themes").expect(404)).body.error.code).toBe("survey_not_found");
    expect((await (await signedIn(app)).get("/api/surveys/mini/analytics/questions/nope").expect(404)).body.error.code).toBe("question_not_found");
  });
});

describe("analytics under concurrent requests", () => {
  it("counts each new submission once when several dashboards reload at the same time", async () => {
    const { app } = testApp();
    const submit = () => request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "submitted", locale: "fr" }).expect(201);
    await submit();
    await (await signedIn(app)).get("/api/surveys/mini/analytics/themes").expect(200);
    await submit();
    const analyst = await signedIn(app);
    const loads = await Promise.all(Array.from({ length: 5 }, () => analyst.get("/api/surveys/mini/analytics/themes")));
    for (const load of loads) expect(load.body.respondents).toBe(2);
    const after = await (await signedIn(app)).get("/api/surveys/mini/analytics/questions/readiness").expect(200);
    expect(after.body.overall).toMatchObject({ n: 2 });
  });
});
