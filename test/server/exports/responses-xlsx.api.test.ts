import ExcelJS from "exceljs";
import Papa from "papaparse";
import request from "supertest";
import type { Answers } from "@passerelle/shared";
import { miniAnswers } from "../../support/builders";
import { download } from "../../support/download";
import { signedIn, testApp } from "../../support/test-app";

type Cell = string | number | boolean | Date;

async function withResponses(...list: Answers[]) {
  const context = testApp({ now: () => new Date("2026-06-15T08:00:00Z"), minGroupSize: 1 });
  for (const answers of list) {
    await request(context.app).post("/api/surveys/mini/responses").send({ answers, status: "submitted", locale: "ar" }).expect(201);
  }
  await request(context.app)
    .post("/api/surveys/mini/responses")
    .send({ answers: { authority_name: "Draft" }, status: "draft", locale: "fr" })
    .expect(201);
  return context;
}

async function downloadWorkbook(app: ReturnType<typeof testApp>["app"], query = "") {
  const { res, bytes } = await download(await signedIn(app), `/api/surveys/mini/exports/responses.xlsx${query}`);
  expect(res.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return { res, workbook };
}

/** A sheet's rows as plain values, "" for an empty cell. */
function rowsOf(workbook: ExcelJS.Workbook, sheetName: string): Cell[][] {
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet "${sheetName}" in ${workbook.worksheets.map((candidate) => candidate.name).join(", ")}`);
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: Cell[] = [];
    for (let column = 1; column <= sheet.columnCount; column += 1) {
      const value = row.getCell(column).value;
      cells.push(value === null || value === undefined ? "" : (value as Cell));
    }
    rows.push(cells);
  });
  return rows;
}

function cellIn(rows: Cell[][], row: number, column: string): Cell | undefined {
  return rows[row]?.[(rows[0] ?? []).indexOf(column)];
}

describe("raw responses as an Excel workbook", () => {
  it("streams the responses, a thematic summary, a per-question summary and a description of the columns", async () => {
    const { app } = await withResponses(miniAnswers(), miniAnswers({ governorate: "south", district: "tyre" }));
    const { res, workbook } = await downloadWorkbook(app);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="mini-responses-2026-06-15.xlsx"');
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["À propos", "Réponses", "Synthèse par thème", "Synthèse par question", "Colonnes"]);
    const rows = rowsOf(workbook, "Réponses");
    const overview = await (await signedIn(app)).get("/api/surveys/mini/analytics/overview").expect(200);
    expect(rows.length - 1).toBe(overview.body.respondents);
    expect(rows[0]?.slice(0, 7)).toEqual(["response_id", "status", "submitted_at", "locale", "questionnaire_version", "governorate", "district"]);
    expect(cellIn(rows, 1, "submitted_at")).toEqual(new Date("2026-06-15T08:00:00Z"));
    expect(workbook.getWorksheet("Réponses")?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("opens on a sheet saying what the file holds: questionnaire, versions, date, filters, small-group rule", async () => {
    const { app } = await withResponses(miniAnswers(), miniAnswers({ governorate: "south", district: "tyre" }));
    const { res, workbook } = await downloadWorkbook(app, "?lang=en&governorate=south&from=2026-06-01&to=2026-06-30");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="mini-responses-governorate-south-from-2026-06-01-to-2026-06-30-2026-06-15.xlsx"');
    expect(workbook.worksheets[0]?.name).toBe("About");
    const about = Object.fromEntries(rowsOf(workbook, "About").map(([label, value]) => [String(label), String(value ?? "")]));
    expect(about.Questionnaire).toMatch(/\(mini\)$/);
    expect(about["Questionnaire version(s) (the current one first)"]).toMatch(/^\S+/);
    expect(about["Exported on"]).toBe("2026-06-15T08:00:00.000Z");
    expect(about.Filters).toBe("governorate = south; submitted from 2026-06-01; submitted until 2026-06-30");
    expect(about["Small-group rule"]).toMatch(/fewer than \d+ respondents/);
  });

  it("puts multiple choices, rankings and matrices in their own columns, as numbers", async () => {
    const { app } = await withResponses(
      miniAnswers({ priority_themes: ["health", "water_sanitation"], constraints: ["economic_crisis", "other"], capacities: { budget: "low" } }),
    );
    const rows = rowsOf((await downloadWorkbook(app)).workbook, "Réponses");
    const cell = (name: string) => cellIn(rows, 1, name);
    expect([cell("priority_themes.water_sanitation"), cell("priority_themes.health"), cell("priority_themes.energy")]).toEqual([2, 1, ""]);
    expect([cell("constraints.security"), cell("constraints.economic_crisis"), cell("constraints.other")]).toEqual([0, 1, 1]);
    expect(cell("constraints-Comment")).toBe("Coupures d'électricité");
    expect([cell("capacities.staff"), cell("capacities.budget")]).toEqual(["", "low"]);
    expect(cell("population")).toBe(200000);
  });

  it("round-trips Arabic exactly, with labels, sheet names and right-to-left sheets in Arabic", async () => {
    const name = "بلدية صور — اتحاد بلديات قضاء صور";
    const { app } = await withResponses(miniAnswers({ authority_name: name }));
    const { workbook } = await downloadWorkbook(app, "?header=labels&values=labels&lang=ar");
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["حول الملف", "الإجابات", "ملخّص حسب المجال", "ملخّص حسب السؤال", "الأعمدة"]);
    const rows = rowsOf(workbook, "الإجابات");
    expect(Buffer.from(String(cellIn(rows, 1, "الاسم")), "utf8")).toEqual(Buffer.from(name, "utf8"));
    expect(rows[0]?.some((cell) => String(cell).includes("الصحة"))).toBe(true);
    for (const sheet of workbook.worksheets) expect(sheet.views[0]).toMatchObject({ rightToLeft: true });
  });

  it("keeps answers that look like formulas as plain text, never as formulas", async () => {
    const attacks = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"];
    const { app } = await withResponses(...attacks.map((text) => miniAnswers({ authority_name: text })));
    const { workbook } = await downloadWorkbook(app);
    const sheet = workbook.getWorksheet("Réponses");
    const column = (rowsOf(workbook, "Réponses")[0] ?? []).indexOf("authority_name") + 1;
    const cells = attacks.map((_, index) => sheet?.getRow(index + 2).getCell(column));
    expect(cells.map((cell) => cell?.value).sort()).toEqual([...attacks].sort());
    for (const cell of cells) {
      expect(cell?.type).toBe(ExcelJS.ValueType.String);
      expect(cell?.formula).toBeUndefined();
    }
  });

  it("has the same thematic summary as the CSV download, and describes every column", async () => {
    const { app } = await withResponses(miniAnswers(), miniAnswers({ priority_themes: ["energy"] }));
    const { workbook } = await downloadWorkbook(app);
    const csv = Papa.parse<string[]>((await (await signedIn(app)).get("/api/surveys/mini/exports/themes.csv").expect(200)).text.replace(/^\uFEFF/, ""), {
      skipEmptyLines: true,
    }).data;
    expect(rowsOf(workbook, "Synthèse par thème").map((row) => row.map(String))).toEqual(csv);

    const responses = rowsOf(workbook, "Réponses");
    const columns = rowsOf(workbook, "Colonnes");
    expect(columns.slice(1).map((row) => row[0])).toEqual(responses[0]);
    const health = columns.find((row) => row[0] === "priority_themes.health");
    expect(health?.slice(2, 8)).toEqual(["priority_themes", "priority_themes", "", "", "health", "Santé"]);
    expect(health?.[8]).toBe("Rang donné (1 = premier), vide si non classé");
    const need = columns.find((row) => row[0] === "need_water_sanitation");
    expect(need?.slice(4, 6)).toEqual(["water_sanitation", "Eau et assainissement"]);
  });

  it("exports only the header row of responses when no response matches the filters", async () => {
    const { app } = await withResponses(miniAnswers());
    const rows = rowsOf((await downloadWorkbook(app, "?governorate=south")).workbook, "Réponses");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[0]).toBe("response_id");
  });

  it.each([
    ["a CSV-only option", "?delimiter=%3B", "delimiter"],
    ["an unknown language", "?lang=de", "lang"],
    ["an unknown governorate", "?governorate=atlantis", "governorate"],
  ])("rejects %s with 400", async (_label, query, field) => {
    const { app } = await withResponses(miniAnswers());
    const res = await (await signedIn(app)).get(`/api/surveys/mini/exports/responses.xlsx${query}`).expect(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(JSON.stringify(res.body.error.details)).toContain(field);
  });

  it("answers 404 for an unknown questionnaire", async () => {
    const { app } = await withResponses();
    const res = await (await signedIn(app)).get("/api/surveys/nope/exports/responses.xlsx").expect(404);
    expect(res.body.error.code).toBe("survey_not_found");
  });
});
