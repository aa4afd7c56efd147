import request from "supertest";
import { miniAnswers } from "../../support/builders";
import { syntheticResponse } from "../../support/synthetic-census";
import { parseCsvRecords } from "../../support/download";
import { signedIn, testApp } from "../../support/test-app";

async function withThreeNorthOneSouth() {
  const context = testApp({ minGroupSize: 2 });
  const submit = (overrides: Record<string, unknown>) =>
    request(context.app)
      .post("/api/surveys/mini/responses")
      .send({ answers: miniAnswers(overrides), status: "submitted", locale: "fr" })
      .expect(201);
  await submit({ priority_themes: ["water_sanitation", "health"], constraints: ["security"], population: 1000 });
  await submit({ priority_themes: ["health"], constraints: ["security", "economic_crisis"], population: 3000 });
  await submit({ priority_themes: ["health", "energy"], urgency_water_sanitation: undefined, constraints: undefined, population: 2000 });
  await submit({ governorate: "south", district: "tyre", priority_themes: ["energy"] });
  return context;
}

async function questionRows(app: ReturnType<typeof testApp>["app"], query = "") {
  const res = await (await signedIn(app)).get(`/api/surveys/mini/exports/questions.csv${query}`).expect(200);
  // A filtered file names its filters, so it is never taken for the national one.
  const filters = new URLSearchParams(query.replace(/^\?/, ""));
  const words = ["governorate", "district"].flatMap((field) => (filters.has(field) ? [field, filters.get(field)] : []));
  expect(res.headers["content-disposition"]).toMatch(
    new RegExp(`^attachment; filename="mini-questions-${words.map((word) => `${word}-`).join("")}\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
  );
  return parseCsvRecords(res.text, query.includes("%3B") ? ";" : ",");
}

describe("per-question summary as CSV", () => {
  it("says beside a median that it is estimated, when the answers hold too many different numbers to keep", async () => {
    const context = testApp({ minGroupSize: 2 });
    const mini = context.questionnaires.get("mini");
    // 1,500 different populations, 1,000 to 1,499,000: more than are kept exactly.
    const responses = Array.from({ length: 1500 }, (_, index) =>
      syntheticResponse({ surveyId: mini.id, version: mini.version, answers: miniAnswers({ population: 1000 * (index + 1) }) }),
    );
    await context.store.responses.insertMany(responses);
    const rows = await questionRows(context.app);
    const everyone = rows.find((row) => row.governorate === "Ensemble des répondants" && row.question === "population");
    expect(everyone).toMatchObject({ answered: "1500", mean: "750500", min: "1000", max: "1500000", note: "median estimated to within 1 %" });
    // The true median is 750,500; the estimate is within 1 % of it.
    expect(Math.abs(Number(everyone?.median) - 750_500)).toBeLessThanOrEqual(7505);
  });

  it("counts each choice among those who answered, overall and per governorate", async () => {
    const { app } = await withThreeNorthOneSouth();
    const rows = await questionRows(app);
    const row = (governorate: string, question: string, item: string) =>
      rows.find((candidate) => candidate.governorate === governorate && candidate.question === question && candidate.item === item);
    // Two of the three northern respondents answered the multiple choice; both ticked security.
    expect(row("north", "constraints", "security")).toMatchObject({ answered: "2", count: "2", share: "1" });
    expect(row("north", "constraints", "economic_crisis")).toMatchObject({ answered: "2", count: "1", share: "0.5" });
    expect(row("Ensemble des répondants", "constraints", "security")).toMatchObject({ question_label: "constraints", answered: "3", count: "3" });
  });

  it("gives rankings their mean rank, first places and Borda score, and numbers their mean and median", async () => {
    const { app } = await withThreeNorthOneSouth();
    const rows = await questionRows(app);
    const north = (question: string, item = "") =>
      rows.find((candidate) => candidate.governorate === "north" && candidate.question === question && candidate.item === item);
    // Ranks of health in the north: 2, 1, 1; Borda with at most 2 ranked: first earns 2, second 1.
    expect(north("priority_themes", "health")).toMatchObject({ count: "3", mean_rank: "1.33", ranked_first: "2", score: "5", item_label: "Santé" });
    expect(north("population")).toMatchObject({ answered: "3", mean: "2000", median: "2000", min: "1000", max: "3000" });
    const screen = await (await signedIn(app)).get("/api/surveys/mini/analytics/questions/priority_themes").expect(200);
    expect(rows.find((row) => row.governorate === "Ensemble des répondants" && row.item === "energy")).toMatchObject({
      score: String(screen.body.overall.items.energy.score),
      ranked_first: String(screen.body.overall.items.energy.rankedFirst),
    });
  });

  it("keeps a small group's questions but leaves their figures empty, saying why", async () => {
    const { app } = await withThreeNorthOneSouth();
    const south = (await questionRows(app)).filter((row) => row.governorate === "south");
    expect(south.length).toBeGreaterThan(0);
    for (const row of south) expect(row).toMatchObject({ answered: "", count: "", note: "fewer than 2 respondents" });
  });

  it("suppresses the overall figures too when a filter narrows them to a small group", async () => {
    const { app } = await withThreeNorthOneSouth();
    const overall = (await questionRows(app, "?governorate=south")).filter((row) => row.governorate === "Ensemble des répondants");
    expect(overall.length).toBeGreaterThan(0);
    for (const row of overall) expect(row.note).toBe("fewer than 2 respondents");
  });

  it("speaks the language asked, with the delimiter of French Excel", async () => {
    const { app } = await withThreeNorthOneSouth();
    const rows = await questionRows(app, "?lang=ar&delimiter=%3B");
    expect(rows.find((row) => row.question === "authority_name")?.question_label).toBe("الاسم");
  });

  it("writes labelled headers and shares as percentages when asked, with decimal commas with semicolons", async () => {
    const { app } = await withThreeNorthOneSouth();
    const rows = await questionRows(app, "?header=labels&lang=en&delimiter=%3B");
    const header = Object.keys(rows[0] ?? {});
    expect(header.slice(1, 3)).toEqual(["Question code", "Question"]);
    const scope = header[0] ?? "";
    expect(header).toEqual(expect.arrayContaining(["Answer", "Answered", "Count", "Share (%)", "Mean", "Median"]));
    expect(new Set(header).size).toBe(header.length);
    const security = rows.find((row) => row[scope] === "All respondents" && row["Question code"] === "constraints" && row["Answer code"] === "security");
    // 3 of the 3 who answered.
    expect(security?.["Share (%)"]).toBe("100");
    const economic = rows.find((row) => row[scope] === "All respondents" && row["Question code"] === "constraints" && row["Answer code"] === "economic_crisis");
    expect(economic?.["Share (%)"]).toBe("33,3");
  });

  it("rejects a bad parameter with 400", async () => {
    const { app } = await withThreeNorthOneSouth();
    const res = await (await signedIn(app)).get("/api/surveys/mini/exports/questions.csv?from=2026-13-01").expect(400);
    expect(res.body.error.code).toBe("invalid_request");
  });
});
