import { Router, type Response } from "express";
import type { AnalyticsDeps } from "../analytics/analytics.service";
import { writeCsv } from "./csv-stream";
import type { CsvOptions } from "./export-options";
import { exportResponses, exportSummary, type ExportRow } from "./exports.service";
import { questionSummaryRows } from "./questions-export.service";
import { themeSummaryRows } from "./themes-export.service";
import { exportWorkbook } from "./workbook-export.service";
import { writeWorkbook } from "./xlsx-stream";

/** `GET /api/surveys/:surveyId/exports/...`: downloads, same filters as the analytics. */
export function exportsRoutes(deps: AnalyticsDeps & { now: () => Date }): Router {
  const router = Router();
  router.get("/:surveyId/exports/responses.csv", async (req, res) => {
    await sendCsv(res, await exportResponses(deps, { surveyId: req.params.surveyId, query: req.query, now: deps.now() }));
  });
  router.get("/:surveyId/exports/responses.xlsx", async (req, res) => {
    const exported = await exportWorkbook(deps, { surveyId: req.params.surveyId, query: req.query, now: deps.now() });
    sendAttachment(res, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exported.fileName);
    await writeWorkbook(res, exported.sheets, { rightToLeft: exported.rightToLeft });
  });
  router.get("/:surveyId/exports/themes.csv", async (req, res) => {
    await sendCsv(res, await exportSummary(deps, { surveyId: req.params.surveyId, query: req.query, now: deps.now() }, "themes", themeSummaryRows));
  });
  router.get("/:surveyId/exports/questions.csv", async (req, res) => {
    await sendCsv(res, await exportSummary(deps, { surveyId: req.params.surveyId, query: req.query, now: deps.now() }, "questions", questionSummaryRows));
  });
  return router;
}

async function sendCsv(
  res: Response,
  exported: { fileName: string; options: CsvOptions; rows: AsyncIterable<ExportRow> | Iterable<ExportRow> },
): Promise<void> {
  sendAttachment(res, "text/csv; charset=utf-8", exported.fileName);
  await writeCsv(res, exported.rows, exported.options);
}

function sendAttachment(res: Response, contentType: string, fileName: string): void {
  res
    .status(200)
    .set("Content-Type", contentType)
    .set("Content-Disposition", `attachment; filename="${fileName}"`)
    .set("Cache-Control", "no-store");
}
