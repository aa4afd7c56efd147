import request from "supertest";
import { miniAnswers } from "../../support/builders";
import { parseCsvRecords } from "../../support/download";
import { signedIn, testApp } from "../../support/test-app";

async function withThreeNorthOneSouth() {
  const context = testApp({ minGroupSize: 2 });
  const submit = (overrides: Record<string, unknown>) =>
    request(context.app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(overrides), status: "submitted", locale: "fr" }).expect(201);
  await submit({ priority_themes: ["water_sanitation", "health"] });
  await submit({ priority_themes: ["health"] });
  await submit({ priority_themes: ["health", "energy"], urgency_water_sanitation: undefined });
  await submit({ governorate: "south", district: "tyre", priority_themes: ["energy"] });
  return context;
}

describe("thematic summary as CSV", () => {
  it("gives each theme overall and per governorate with the dashboard's figures", async () => {
    const { app } = await withThreeNorthOneSouth();
    const res = await (await signedIn(app)).get("/api/surveys/mini/exports/themes.csv").expect(200);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="mini-themes-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parseCsvRecords(res.text);
    const screen = await (await signedIn(app)).get("/api/surveys/mini/analytics/themes").expect(200);
    for (const theme of screen.body.themes) {
      const row = rows.find((candidate) => candidate.governorate === "*" && candidate.theme === theme.theme);
      expect(row).toMatchObject({
        respondents: "4",
        cited: String(theme.overall.cited),
        share: String(Number(theme.overall.share.toFixed(4))),
        score: String(theme.overall.score),
      });
    }
    const northHealth = rows.find((row) => row.governorate === "north" && row.theme === "health");
    expect(northHealth).toMatchObject({ respondents: "3", cited: "3", share: "1", score: String(1 + 2 + 2) });
    expect(rows.find((row) => row.governorate === "north" && row.theme === "water_sanitation")).toMatchObject({ "urgency.immediate": "1" });
  });

  it("keeps a small group's rows but leaves their figures empty, saying why", async () => {
    const { app } = await withThreeNorthOneSouth();
    const rows = parseCsvRecords((await (await signedIn(app)).get("/api/surveys/mini/exports/themes.csv").expect(200)).text);
    const south = rows.filter((row) => row.governorate === "south");
    expect(south).toHaveLength(3);
    for (const row of south) expect(row).toMatchObject({ respondents: "", cited: "", score: "", note: "fewer than 2 respondents" });
  });

  it("suppresses the overall rows too when a filter narrows them to a small group, as the dashboard does", async () => {
    const { app } = await withThreeNorthOneSouth();
    const rows = parseCsvRecords((await (await signedIn(app)).get("/api/surveys/mini/exports/themes.csv?governorate=south").expect(200)).text);
    const overall = rows.filter((row) => row.governorate === "*");
    expect(overall).toHaveLength(3);
    for (const row of overall) expect(row).toMatchObject({ respondents: "", cited: "", note: "fewer than 2 respondents" });
    const screen = await (await signedIn(app)).get("/api/surveys/mini/analytics/themes?governorate=south").expect(200);
    expect(JSON.stringify(screen.body)).toContain('"suppressed":true');
  });

  it("speaks the language asked and the delimiter of French Excel", async () => {
    const { app } = await withThreeNorthOneSouth();
    const res = await (await signedIn(app)).get("/api/surveys/mini/exports/themes.csv?lang=ar&delimiter=%3B").expect(200);
    const rows = parseCsvRecords(res.text, ";");
    expect(rows.find((row) => row.theme === "health")?.theme_label).toBe("الصحة");
  });

  it("rejects a bad filter with 400", async () => {
    const { app } = await withThreeNorthOneSouth();
    const res = await (await signedIn(app)).get("/api/surveys/mini/exports/themes.csv?governorate=mars").expect(400);
    expect(res.body.error.code).toBe("invalid_request");
  });
});
