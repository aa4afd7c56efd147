import { Router, type Response } from "express";
import type { AnalyticsDeps } from "../analytics/analytics.service";
import { writeCsv } from "./csv-stream";
import type { CsvOptions } from "./export-options";
import { exportResponses } from "./exports.service";
import { exportThemes } from "./themes-export.service";

/** `GET /api/surveys/:surveyId/exports/...`: downloads, same filters as the analytics. */
export function exportsRoutes(deps: AnalyticsDeps & { now: () => Date }): Router {
  const router = Router();
  router.get("/:surveyId/exports/responses.csv", async (req, res) => {
    await sendCsv(res, await exportResponses(deps, { surveyId: req.params.surveyId, query: req.query, now: deps.now() }));
  });
  router.get("/:surveyId/exports/themes.csv", async (req, res) => {
    await sendCsv(res, await exportThemes(deps, { surveyId: req.params.surveyId, query: req.query, now: deps.now() }));
  });
  return router;
}

async function sendCsv(
  res: Response,
  exported: { fileName: string; options: CsvOptions; rows: AsyncIterable<(string | number)[]> | Iterable<(string | number)[]> },
): Promise<void> {
  res
    .status(200)
    .set("Content-Type", "text/csv; charset=utf-8")
    .set("Content-Disposition", `attachment; filename="${exported.fileName}"`)
    .set("Cache-Control", "no-store");
  await writeCsv(res, exported.rows, exported.options);
}
