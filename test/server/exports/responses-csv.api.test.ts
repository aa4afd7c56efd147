import Papa from "papaparse";
import request from "supertest";
import type { Answers } from "@passerelle/shared";
import { miniAnswers } from "../../support/builders";
import { download } from "../../support/download";
import { syntheticCensusAnswers, syntheticResponse } from "../../support/synthetic-census";
import { SHIPPED_SURVEYS_DIR, signedIn, testApp } from "../../support/test-app";

async function downloadCsv(app: ReturnType<typeof testApp>["app"], query = "") {
  return download(await signedIn(app), `/api/surveys/mini/exports/responses.csv${query}`);
}

function parse(bytes: Buffer, delimiter = ","): string[][] {
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

async function withResponses(...list: Answers[]) {
  const context = testApp({ now: () => new Date("2026-06-15T08:00:00Z") });
  for (const answers of list) {
    await request(context.app).post("/api/surveys/mini/responses").send({ answers, status: "submitted", locale: "ar" }).expect(201);
  }
  await request(context.app)
    .post("/api/surveys/mini/responses")
    .send({ answers: { authority_name: "Draft" }, status: "draft", locale: "fr" })
    .expect(201);
  return context;
}

describe("raw responses as CSV", () => {
  it("streams one row per submitted response, as many as the analytics count, with a dated file name", async () => {
    const { app } = await withResponses(miniAnswers(), miniAnswers({ governorate: "south", district: "tyre" }));
    const { res, bytes } = await downloadCsv(app);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="mini-responses-2026-06-15.csv"');
    const rows = parse(bytes);
    const overview = await (await signedIn(app)).get("/api/surveys/mini/analytics/overview").expect(200);
    expect(rows.length - 1).toBe(overview.body.respondents);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString("utf8")).toContain("\r\n");
  });

  it("puts multiple choices, rankings, matrices and other texts in their own columns", async () => {
    const { app } = await withResponses(
      miniAnswers({ priority_themes: ["health", "water_sanitation"], constraints: ["economic_crisis", "other"], capacities: { budget: "low" } }),
    );
    const [header, row] = parse((await downloadCsv(app)).bytes) as [string[], string[]];
    const cell = (name: string) => row[header.indexOf(name)];
    expect(header.slice(0, 7)).toEqual(["response_id", "status", "submitted_at", "locale", "questionnaire_version", "governorate", "district"]);
    expect([cell("priority_themes.water_sanitation"), cell("priority_themes.health"), cell("priority_themes.energy")]).toEqual(["2", "1", ""]);
    expect([cell("constraints.security"), cell("constraints.economic_crisis"), cell("constraints.other")]).toEqual(["0", "1", "1"]);
    expect(cell("constraints-Comment")).toBe("Coupures d'électricité");
    expect([cell("capacities.staff"), cell("capacities.budget")]).toEqual(["", "low"]);
    expect([cell("status"), cell("locale"), cell("governorate")]).toEqual(["submitted", "ar", "north"]);
  });

  it("round-trips Arabic byte for byte, and writes labels in the language asked", async () => {
    const name = "بلدية صور — اتحاد بلديات قضاء صور";
    const { app } = await withResponses(miniAnswers({ authority_name: name }));
    const [header, row] = parse((await downloadCsv(app, "?header=labels&values=labels&lang=ar")).bytes) as [string[], string[]];
    expect(row).toContain(name);
    expect(Buffer.from(row.find((cell) => cell === name) ?? "", "utf8")).toEqual(Buffer.from(name, "utf8"));
    expect(header).toContain("الاسم");
    expect(header.some((cell) => cell.includes("الصحة"))).toBe(true);
  });

  it("writes semicolons without a byte-order mark when asked (French Excel)", async () => {
    const { app } = await withResponses(miniAnswers({ authority_name: "Saïda; Sud" }));
    const { bytes } = await downloadCsv(app, "?delimiter=%3B&bom=false");
    expect(bytes[0]).not.toBe(0xef);
    const rows = parse(bytes, ";");
    expect(rows[0]?.[1]).toBe("status");
    expect(rows[1]).toContain("Saïda; Sud");
  });

  it("neutralises answers that a spreadsheet would run as formulas", async () => {
    const attacks = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd"];
    const { app } = await withResponses(...attacks.map((text) => miniAnswers({ authority_name: text })));
    const rows = parse((await downloadCsv(app)).bytes);
    const names = rows.slice(1).map((row) => row[rows[0]!.indexOf("authority_name")]);
    expect(names.sort()).toEqual(attacks.map((text) => `'${text}`).sort());
    const population = rows.slice(1).map((row) => row[rows[0]!.indexOf("population")]);
    expect(population.every((cell) => cell === "200000")).toBe(true);
  });

  it("exports only the header when no response matches the filters", async () => {
    const { app } = await withResponses(miniAnswers());
    const rows = parse((await downloadCsv(app, "?governorate=south")).bytes);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[0]).toBe("response_id");
  });

  it.each([
    ["an unknown delimiter", "?delimiter=%7C", "delimiter"],
    ["an unknown language", "?lang=de", "lang"],
    ["an unknown governorate", "?governorate=atlantis", "governorate"],
    ["an unknown parameter", "?format=pdf", "format"],
  ])("rejects %s with 400", async (_label, query, field) => {
    const { app } = await withResponses(miniAnswers());
    const res = await (await signedIn(app)).get(`/api/surveys/mini/exports/responses.csv${query}`).expect(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(JSON.stringify(res.body.error.details)).toContain(field);
  });
});

describe("a readable census export", () => {
  it("names each theme's panel in the label headers of its repeated questions, with no header twice", async () => {
    const context = testApp({ surveysDir: SHIPPED_SURVEYS_DIR, now: () => new Date("2026-06-15T08:00:00Z") });
    const census = context.questionnaires.get("census-lebanon");
    const answers = syntheticCensusAnswers(census.definition, 3)();
    await context.store.responses.insertMany([syntheticResponse({ surveyId: census.id, version: census.version, answers })]);
    const { bytes } = await download(await signedIn(context.app), "/api/surveys/census-lebanon/exports/responses.csv?header=labels&lang=fr");
    const [header] = parse(bytes) as [string[]];
    expect(new Set(header).size).toBe(header.length);
    const needHeaders = header.filter((label) => label.endsWith("Décrivez le besoin"));
    expect(needHeaders.length).toBe(16);
    expect(needHeaders).toContain("Eau et assainissement : votre besoin — Décrivez le besoin");
    // Governorate, district, kind and intention: once each.
    for (const name of ["governorate", "district", "authority_kind", "cooperation_intent"]) {
      const { bytes: named } = await download(await signedIn(context.app), "/api/surveys/census-lebanon/exports/responses.csv");
      expect((parse(named)[0] ?? []).filter((column) => column === name)).toEqual([name]);
    }
  });

  it("names its filters in its file name", async () => {
    const { app } = await withResponses(miniAnswers());
    const { res } = await downloadCsv(app, "?governorate=north&from=2026-06-01");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="mini-responses-governorate-north-from-2026-06-01-2026-06-15.csv"');
  });
});
