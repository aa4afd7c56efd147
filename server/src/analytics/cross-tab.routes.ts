import { Router } from "express";
import { recordAudit, type AuditDeps } from "../access/audit";
import { actorOf, disclosureOf } from "../access/principal";
import { writeCsv } from "../exports/csv-stream";
import { startAttachment } from "../http/attachment";
import type { AnalyticsDeps } from "./analytics.service";
import { crossTabCsvRows, crossTabFileName, parseCrossTabCsvOptions } from "./cross-tab-csv";
import { getCrossTab } from "./cross-tab.service";

/**
 * `GET /api/surveys/:surveyId/analytics/crosstab` and `…/crosstab.csv`: two questions crossed,
 * `rows` and `columns` naming them, the analytics filters as for every figure. The download is
 * written to the audit trail, as every export is.
 */
export function crossTabRoutes(deps: AnalyticsDeps & AuditDeps): Router {
  const router = Router();
  router.get("/:surveyId/analytics/crosstab", async (req, res) => {
    res.json(await getCrossTab(deps, { surveyId: req.params.surveyId, query: req.query, disclosure: disclosureOf(res) }));
  });
  router.get("/:surveyId/analytics/crosstab.csv", async (req, res) => {
    const { options, tableQuery } = parseCrossTabCsvOptions(req.query);
    const table = await getCrossTab(deps, { surveyId: req.params.surveyId, query: tableQuery, disclosure: disclosureOf(res) });
    const fileName = crossTabFileName(table);
    await recordAudit(deps, { actor: actorOf(res), action: "export", target: fileName, details: { path: req.path, query: req.query } });
    startAttachment(res, "text/csv; charset=utf-8", fileName);
    await writeCsv(res, crossTabCsvRows(table, deps.questionnaires.get(table.surveyId).definition, options), options);
  });
  return router;
}
