import { Router } from "express";
import { writeCsv } from "./csv-stream";
import { exportResponses, type ExportsDeps } from "./exports.service";

/** `GET /api/surveys/:surveyId/exports/...`: downloads, same filters as the analytics. */
export function exportsRoutes(deps: ExportsDeps & { now: () => Date }): Router {
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
  return router;
}
