import request from "supertest";
import { miniAnswers } from "../../support/builders";
import { parseCsvRecords } from "../../support/download";
import { signedIn, testApp } from "../../support/test-app";

async function withThreeNorthOneSouth() {
  const context = testApp({ minGroupSize: 2 });
  const submit = (overrides: Record<string, unknown>) =>
    request(context.app)
      .post("/api/surveys/mini/responses")
      .send({ answers: miniAnswers(overrides), status: "submitted", locale: "fr" })
      .expect(201);
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
      const row = rows.find((candidate) => candidate.governorate === "Ensemble des répondants" && candidate.theme === theme.theme);
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

  it("writes labelled headers in the language asked, shares as percentages, and decimal commas with semicolons", async () => {
    const { app } = await withThreeNorthOneSouth();
    const screen = await (await signedIn(app)).get("/api/surveys/mini/analytics/themes").expect(200);
    const res = await (await signedIn(app)).get("/api/surveys/mini/exports/themes.csv?header=labels&lang=fr&delimiter=%3B").expect(200);
    const rows = parseCsvRecords(res.text, ";");
    const header = Object.keys(rows[0] ?? {});
    expect(header).toEqual(expect.arrayContaining(["Thématique", "Répondants", "Part (%)", "Score de priorité (Borda)", "Rang moyen", "Note"]));
    expect(header.some((label) => label.includes("."))).toBe(false);
    expect(new Set(header).size).toBe(header.length);
    const health = screen.body.themes.find((theme: { theme: string }) => theme.theme === "health");
    const overallHealth = rows.find((row) => Object.values(row)[0] === "Ensemble des répondants" && row["Code de la thématique"] === "health");
    expect(overallHealth?.["Part (%)"]).toBe(String(Number((health.overall.share * 100).toFixed(1))).replace(".", ","));
    // A share that is not whole is written with a comma, as French Excel reads numbers.
    expect(rows.some((row) => /^\d+,\d$/.test(row["Part (%)"] ?? ""))).toBe(true);
    expect(rows.some((row) => /^\d+\.\d+$/.test(row["Part (%)"] ?? "") || /^\d+\.\d+$/.test(row["Rang moyen"] ?? ""))).toBe(false);
  });

  it("names the row of all respondents in the language asked", async () => {
    const { app } = await withThreeNorthOneSouth();
    for (const [lang, label] of [
      ["fr", "Ensemble des répondants"],
      ["ar", "جميع المجيبين"],
      ["en", "All respondents"],
    ]) {
      const rows = parseCsvRecords((await (await signedIn(app)).get(`/api/surveys/mini/exports/themes.csv?lang=${lang}`).expect(200)).text);
      expect(rows[0]?.governorate).toBe(label);
      expect(rows.some((row) => row.governorate === "*")).toBe(false);
    }
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
    const overall = rows.filter((row) => row.governorate === "Ensemble des répondants");
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
