import { Router } from "express";
import { disclosureOf, maySeePersonal } from "../access/principal";
import { getOverview, getQuestion, getThemes, type AnalyticsDeps } from "./analytics.service";

/** `GET /api/surveys/:surveyId/analytics/...`, filters as query parameters. */
export function analyticsRoutes(deps: AnalyticsDeps): Router {
  const router = Router();
  router.get("/:surveyId/analytics/overview", async (req, res) => {
    res.json(await getOverview(deps, { surveyId: req.params.surveyId, query: req.query, disclosure: disclosureOf(res) }));
  });
  router.get("/:surveyId/analytics/themes", async (req, res) => {
    res.json(await getThemes(deps, { surveyId: req.params.surveyId, query: req.query, disclosure: disclosureOf(res) }));
  });
  router.get("/:surveyId/analytics/questions/:questionName", async (req, res) => {
    const { surveyId, questionName } = req.params;
    res.json(await getQuestion(deps, { surveyId, questionName, query: req.query, includePersonal: maySeePersonal(res), disclosure: disclosureOf(res) }));
  });
  return router;
}
