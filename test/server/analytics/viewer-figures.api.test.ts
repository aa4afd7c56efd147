import request from "supertest";
import type { Answers } from "@passerelle/shared";
import { miniAnswers } from "../../support/builders";
import { parseCsvRecords } from "../../support/download";
import { signedIn, testApp } from "../../support/test-app";

const JUNE = new Date("2026-06-10T09:00:00Z");
const JULY = new Date("2026-07-02T09:00:00Z");

/** Five in the North in June, one in the South in July, and a draft. */
async function census() {
  let now = JUNE;
  const context = testApp({ now: () => now, minGroupSize: 3 });
  const submit = (answers: Answers, status: "submitted" | "draft" = "submitted") =>
    request(context.app).post("/api/surveys/mini/responses").send({ answers, status, locale: "fr" }).expect(201);
  for (const population of [1000, 2000, 3000, 4000, 123457]) await submit(miniAnswers({ population }));
  await submit({ authority_name: "Draft only", governorate: "north" }, "draft");
  now = JULY;
  await submit(miniAnswers({ governorate: "south", district: "tyre", population: 98765 }));
  return context;
}

describe("figures a viewer reads", () => {
  it("are controlled: no extremes, a mean and median to two significant digits", async () => {
    const { app } = await census();
    const viewer = await signedIn(app, "viewer");
    const res = await viewer.get("/api/surveys/mini/analytics/questions/population").expect(200);
    // The South's one respondent makes the South and the North (its complement) withheld.
    expect(res.body).toMatchObject({ disclosure: "controlled", respondents: 6, overall: { kind: "numeric", n: 6, min: null, max: null } });
    expect(res.body.overall.mean).toBe(Number(((1000 + 2000 + 3000 + 4000 + 123457 + 98765) / 6).toPrecision(2)));
    expect(res.body.overall.median).toBe(3500);
    expect(res.body.byGroup["governorate=south"]).toEqual({ suppressed: true });
    expect(res.body.byGroup["governorate=north"]).toEqual({ suppressed: true });
  });

  it("are exact for an analyst", async () => {
    const { app } = await census();
    const res = await (await signedIn(app, "analyst")).get("/api/surveys/mini/analytics/questions/population").expect(200);
    expect(res.body).toMatchObject({ disclosure: "exact", overall: { min: 1000, max: 123457 } });
    expect(res.body.byGroup["governorate=north"]).toMatchObject({ respondents: 5 });
  });

  it("show a filtered view below the minimum as that fact only: no count, no drafts, no activity", async () => {
    const { app } = await census();
    const res = await (await signedIn(app, "viewer")).get("/api/surveys/mini/analytics/overview?governorate=south").expect(200);
    expect(res.body).toMatchObject({ disclosure: "controlled", respondents: null, drafts: null, tracking: [] });
    for (const cells of Object.values(res.body.breakdowns) as { respondents: unknown }[][]) {
      for (const cell of cells) expect(cell.respondents).toEqual({ suppressed: true });
    }
  });

  it("track the collection by calendar month, a month too small withheld", async () => {
    const { app } = await census();
    const res = await (await signedIn(app, "viewer")).get("/api/surveys/mini/analytics/overview").expect(200);
    expect(res.body).toMatchObject({ respondents: 6, drafts: 1 });
    expect(res.body.tracking).toEqual([
      { date: "2026-06", started: 6, submitted: null },
      { date: "2026-07", started: 1, submitted: null },
    ]);
  });

  it.each([
    ["two breakdown values at once", "governorate=north&district=tripoli", "district"],
    ["a breakdown value within a period", "governorate=north&from=2026-06-01&to=2026-06-30", "from"],
    ["a single day", "from=2026-06-10&to=2026-06-10", "from"],
    ["a period from a day on", "from=2026-06-11", "from"],
    ["two months", "from=2026-06-01&to=2026-07-31", "from"],
  ])("refuses %s with 400", async (_name, query, question) => {
    const { app } = await census();
    for (const path of ["analytics/overview", "analytics/themes", "analytics/questions/population", "exports/questions.csv", "exports/themes.csv"]) {
      const res = await (await signedIn(app, "viewer")).get(`/api/surveys/mini/${path}?${query}`).expect(400);
      expect(res.body.error).toMatchObject({ code: "invalid_request", details: [expect.objectContaining({ question })] });
    }
  });

  it("accept a whole calendar month", async () => {
    const { app } = await census();
    const res = await (await signedIn(app, "viewer")).get("/api/surveys/mini/analytics/themes?from=2026-06-01&to=2026-06-30").expect(200);
    expect(res.body.filters).toEqual({ from: "2026-06-01", to: "2026-06-30" });
  });

  it("are the same in the summary CSV: no extremes, the withheld groups marked", async () => {
    const { app } = await census();
    const res = await (await signedIn(app, "viewer")).get("/api/surveys/mini/exports/questions.csv").expect(200);
    const rows = parseCsvRecords(res.text).filter((row) => row.question === "population");
    const everyone = rows.find((row) => row.governorate === "Ensemble des répondants");
    expect(everyone).toMatchObject({ answered: "6", min: "", max: "", median: "3500" });
    const south = rows.find((row) => row.governorate !== "Ensemble des répondants" && row.note !== "");
    expect(south?.note).toMatch(/withheld/);
    expect(rows.filter((row) => row.governorate !== "Ensemble des répondants").every((row) => row.answered === "")).toBe(true);
  });
});
