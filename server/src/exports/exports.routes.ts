import { Router, type Request, type Response } from "express";
import { recordAudit, type AuditDeps } from "../access/audit";
import { actorOf, disclosureOf, maySeePersonal } from "../access/principal";
import { startAttachment } from "../http/attachment";
import type { AnalyticsDeps } from "../analytics/analytics.service";
import { writeCsv, writeCsvText } from "./csv-stream";
import type { CsvOptions } from "./export-options";
import { exportResponses, exportSummary, type ExportRow, type ExportsDeps } from "./exports.service";
import { questionSummaryRows } from "./questions-export.service";
import { themeSummaryRows } from "./themes-export.service";
import { exportSlots } from "./export-slots";
import { exportWorkbook } from "./workbook-export.service";
import { writeWorkbook } from "./xlsx-stream";

/**
 * `GET /api/surveys/:surveyId/exports/...`: downloads, same filters as the analytics. Who may
 * download what is in the access table; every download is written to the audit trail.
 */
export function exportsRoutes(deps: AnalyticsDeps & AuditDeps & Pick<ExportsDeps, "csvExports">, options: { concurrency: number }): Router {
  const router = Router();
  router.use("/:surveyId/exports", exportSlots(options.concurrency));
  const request = (req: Request) => ({ surveyId: String(req.params.surveyId), query: req.query, now: deps.now() });
  router.get("/:surveyId/exports/responses.csv", async (req, res) => {
    const exported = await exportResponses(deps, request(req));
    await sendAttachment(deps, req, res, CSV_TYPE, exported.fileName);
    await writeCsvText(res, exported.text, exported.options);
  });
  router.get("/:surveyId/exports/responses.xlsx", async (req, res) => {
    const exported = await exportWorkbook(deps, request(req));
    await sendAttachment(deps, req, res, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exported.fileName);
    await writeWorkbook(res, exported.sheets, { rightToLeft: exported.rightToLeft });
  });
  router.get("/:surveyId/exports/themes.csv", async (req, res) => {
    await sendCsv(deps, req, res, await exportSummary(deps, request(req), "themes", themeSummaryRows, readerOf(res)));
  });
  router.get("/:surveyId/exports/questions.csv", async (req, res) => {
    await sendCsv(deps, req, res, await exportSummary(deps, request(req), "questions", questionSummaryRows, readerOf(res)));
  });
  return router;
}

function readerOf(res: Response) {
  return { includePersonal: maySeePersonal(res), disclosure: disclosureOf(res) };
}

const CSV_TYPE = "text/csv; charset=utf-8";

async function sendCsv(
  deps: AuditDeps,
  req: Request,
  res: Response,
  exported: { fileName: string; options: CsvOptions; rows: Iterable<ExportRow> },
): Promise<void> {
  await sendAttachment(deps, req, res, CSV_TYPE, exported.fileName);
  await writeCsv(res, exported.rows, exported.options);
}

async function sendAttachment(deps: AuditDeps, req: Request, res: Response, contentType: string, fileName: string): Promise<void> {
  await recordAudit(deps, { actor: actorOf(res), action: "export", target: fileName, details: { path: req.path, query: req.query } });
  startAttachment(res, contentType, fileName);
}
