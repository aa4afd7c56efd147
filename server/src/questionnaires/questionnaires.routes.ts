import { Router } from "express";
import { statusAt, type QuestionnaireStatus, type SurveyDetail } from "@passerelle/shared";
import type { Questionnaire } from "./questionnaire";
import { presentSurveySummary, type QuestionnaireRegistry } from "./questionnaire.registry";

export function questionnairesRoutes(questionnaires: QuestionnaireRegistry, now: () => Date): Router {
  const router = Router();

  router.get("/", (_req, res) => {
    const at = now();
    res.json(questionnaires.list().map((questionnaire) => presentSurveySummary(questionnaire, at)));
  });

  router.get("/:surveyId", (req, res) => {
    const questionnaire = questionnaires.get(req.params.surveyId);
    // The definition changes only with a new version, the status with the calendar: let
    // browsers revalidate cheaply.
    const status = statusAt(questionnaire, now());
    res.set("ETag", `"${questionnaire.version}-${status}"`).set("Cache-Control", "no-cache");
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.json(presentSurveyDetail(questionnaire, status));
  });

  return router;
}

function presentSurveyDetail(questionnaire: Questionnaire, status: QuestionnaireStatus): SurveyDetail {
  return {
    id: questionnaire.id,
    status,
    access: questionnaire.access,
    version: questionnaire.version,
    definition: questionnaire.definition,
  };
}
