import { Router } from "express";
import { disclosureOf } from "../access/principal";
import { startAttachment } from "../http/attachment";
import { getBrief, type BriefDeps } from "./brief.service";
import { writeBriefDocx } from "./brief-docx";
import { parseBriefLocale } from "./brief-words";

/** `GET /api/surveys/:surveyId/brief` (its figures, JSON) and `.../brief.docx` (the Word document), filters as query parameters. */
export function briefRoutes(deps: BriefDeps): Router {
  const router = Router();
  router.get("/:surveyId/brief", async (req, res) => {
    res.json(await getBrief(deps, { surveyId: req.params.surveyId, query: req.query, disclosure: disclosureOf(res) }));
  });
  router.get("/:surveyId/brief.docx", async (req, res) => {
    const { locale, ...filters } = req.query;
    const language = parseBriefLocale(locale);
    const brief = await getBrief(deps, { surveyId: req.params.surveyId, query: filters, disclosure: disclosureOf(res) });
    const file = await writeBriefDocx({
      brief,
      questionnaire: deps.questionnaires.get(req.params.surveyId),
      catalogue: deps.questionnaires.catalogue,
      locale: language,
    });
    const name = ["brief", brief.surveyId, ...Object.entries(brief.filters).map(([key, value]) => `${key}-${value}`), language]
      .join("_")
      .replace(/[^A-Za-z0-9_.-]/g, "-");
    startAttachment(res, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", `${name}.docx`);
    res.send(file);
  });
  return router;
}
