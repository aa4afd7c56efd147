import { Router } from "express";
import type { AnalyticsDeps } from "../analytics/analytics.service";
import { writeCsv } from "./csv-stream";
import { exportResponses } from "./exports.service";
import { exportThemes } from "./themes-export.service";

/** `GET /api/surveys/:surveyId/exports/...`: downloads, same filters as the analytics. */
export function exportsRoutes(deps: AnalyticsDeps & { now: () => Date }): Router {
  const router = Router();
  router.get("/:surveyId/exports/responses.csv", async (req, res) => {
    const exported = await exportResponses(deps, { surveyId: req.params.surveyId, query: req.query, now: deps.now() });
    res
      .status(200)
      .set("Content-Type", "text/csv; charset=utf-8")
      .set("Content-Disposition", `attachment; filename="${exported.fileName}"`)
      .set("Cache-Control", "no-store");
    await writeCsv(res, exported.rows, exported.options);
  });
  router.get("/:surveyId/exports/themes.csv", async (req, res) => {
    const exported = await exportThemes(deps, { surveyId: req.params.surveyId, query: req.query, now: deps.now() });
    res
      .status(200)
      .set("Content-Type", "text/csv; charset=utf-8")
      .set("Content-Disposition", `attachment; filename="${exported.fileName}"`)
      .set("Cache-Control", "no-store");
    await writeCsv(res, toAsync(exported.rows), exported.options);
  });
  return router;
}

async function* toAsync<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}
