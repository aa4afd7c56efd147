import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import request from "supertest";
import type { InvitationImportReport, JsonObject } from "@passerelle/shared";
import { miniAnswers } from "../../support/builders";
import { download, parseCsvRecords } from "../../support/download";
import { importList } from "../../support/invitations";
import { FIXTURE_SURVEYS_DIR, signedIn, testApp } from "../../support/test-app";

/** Every formula opener OWASP's CSV-injection guidance names, and the disguises a spreadsheet sees through. */
const PAYLOADS = [
  '=HYPERLINK("http://evil.example")',
  "+1+cmd|' /C calc'!A0",
  "-1+1",
  "@SUM(1+1)",
  "\t=1+1",
  "\r=1+1",
  "\n=1+1",
  "＝1+1",
  "＋1+1",
  "－1+1",
  "＠SUM(1)",
  "   =1+1",
  "\u200b=1+1",
  "\ufeff=1+1",
  '"=1+1',
  "\u00a0@SUM(1)",
];

// An independent reading of "safe": a cell starts with an apostrophe, or nothing that a
// spreadsheet might run comes first once blanks, invisible characters and quotes are skipped.
function isSafe(cell: string): boolean {
  if (cell.startsWith("'")) return true;
  if (/^[\t\r\n]/.test(cell)) return false;
  const visible = cell.replace(/^[\s\u00a0\u200b-\u200f\u2060\ufeff"']+/u, "");
  return !/^[=+\-@＝＋－＠]/u.test(visible);
}

function unsafeCells(csv: string): string[] {
  return parseCsvRecords(csv)
    .flatMap((record) => Object.values(record))
    .filter((cell) => !isSafe(cell));
}

// The test questionnaire with every payload in question titles and choice labels, as a
// questionnaire author (or a tampered file) could write them.
function questionnaireWithPayloads(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-formulas-"));
  fs.copyFileSync(path.join(FIXTURE_SURVEYS_DIR, "themes.json"), path.join(dir, "themes.json"));
  const definition = JSON.parse(fs.readFileSync(path.join(FIXTURE_SURVEYS_DIR, "mini.json"), "utf8")) as JsonObject;
  let next = 0;
  const payload = () => PAYLOADS[next++ % PAYLOADS.length] as string;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    const element = node as Record<string, unknown>;
    if (typeof element.name === "string" && typeof element.type === "string") element.title = { default: payload(), en: payload(), fr: payload() };
    if (Array.isArray(element.choices)) {
      element.choices = element.choices.map((choice) =>
        typeof choice === "object" && choice !== null ? { ...choice, text: { default: payload(), en: payload(), fr: payload() } } : choice,
      );
    }
    Object.values(element).forEach(visit);
  };
  visit(definition.pages);
  fs.writeFileSync(path.join(dir, "mini.json"), JSON.stringify(definition));
  return dir;
}

describe("every CSV the app writes", () => {
  it("neutralises every formula opener in responses, summaries, non-respondents, the mail merge and the audit trail", async () => {
    const { app, store } = testApp({ surveysDir: questionnaireWithPayloads(), minGroupSize: 1 });
    for (const name of PAYLOADS) {
      await request(app)
        .post("/api/surveys/mini/responses")
        .send({ answers: miniAnswers({ authority_name: name, need_water_sanitation: name }), status: "submitted", locale: "fr" })
        .expect(201);
    }
    for (const target of PAYLOADS) await store.audit.append({ at: new Date(), actor: target, action: "test", target, details: {} });
    const admin = await signedIn(app, "admin");
    const report = (await importList(admin, "mini", Papa.unparse([["name"], ...PAYLOADS.map((name) => [name])], { newline: "\r\n" })).expect(200))
      .body as InvitationImportReport;
    expect(report.counts.created).toBeGreaterThan(0);

    const files: Record<string, string> = { "mail merge": report.mailMergeCsv ?? "" };
    for (const url of [
      "/api/surveys/mini/exports/responses.csv?header=labels&values=labels",
      "/api/surveys/mini/exports/responses.csv?delimiter=%3B",
      "/api/surveys/mini/exports/themes.csv?lang=en",
      "/api/surveys/mini/exports/questions.csv?lang=fr",
      "/api/admin/surveys/mini/non-respondents.csv",
      "/api/admin/audit.csv",
    ]) {
      const { res, bytes } = await download(admin, url);
      expect(res.status).toBe(200);
      files[url] = bytes.toString("utf8");
    }
    const found: Record<string, string[]> = {};
    for (const [file, csv] of Object.entries(files)) {
      const delimiter = file.includes("%3B") ? ";" : ",";
      const records = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { delimiter, skipEmptyLines: true }).data;
      // The payloads reached the file, so the check below is not empty.
      expect(records.flat().some((cell) => cell.includes("1+1"))).toBe(true);
      found[file] = records.flat().filter((cell) => !isSafe(cell));
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(files).map((file) => [file, []])));
    expect(unsafeCells(files["mail merge"] as string)).toEqual([]);
  });
});
