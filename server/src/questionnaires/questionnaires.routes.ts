import { Router } from "express";
import type { SurveyDetail } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import type { Questionnaire } from "./questionnaire";
import { presentSurveySummary, type QuestionnaireRegistry } from "./questionnaire.registry";

export function questionnairesRoutes(questionnaires: QuestionnaireRegistry): Router {
  const router = Router();

  router.get("/", (_req, res) => {
    res.json(questionnaires.list().map(presentSurveySummary));
  });

  router.get("/:surveyId", (req, res) => {
    const questionnaire = questionnaires.find(req.params.surveyId);
    if (!questionnaire) throw new AppError("survey_not_found", `There is no questionnaire "${req.params.surveyId}".`);
    // The definition changes only with a new version: let browsers revalidate cheaply.
    res.set("ETag", `"${questionnaire.version}"`).set("Cache-Control", "no-cache");
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.json(presentSurveyDetail(questionnaire));
  });

  return router;
}

function presentSurveyDetail(questionnaire: Questionnaire): SurveyDetail {
  return {
    id: questionnaire.id,
    status: questionnaire.status,
    version: questionnaire.version,
    definition: questionnaire.definition,
  };
}
