import { Router } from "express";
import { PublishExcerptSchema, ReviseExcerptSchema } from "@passerelle/shared";
import { actorOf, disclosureOf } from "../access/principal";
import { withBody } from "../http/with-body";
import { listExcerpts, publishExcerpt, reviseExcerpt, withdrawExcerpt, type ExcerptsDeps } from "./excerpts.service";
import { browseTexts, type TextsDeps } from "./texts.service";

/**
 * `GET /api/surveys/:surveyId/texts` (the written answers, analysts) and
 * `/api/surveys/:surveyId/excerpts` (what of them is published for the brief).
 */
export function excerptsRoutes(deps: ExcerptsDeps & TextsDeps): Router {
  const router = Router();
  router.get("/:surveyId/texts", async (req, res) => {
    res.set("Cache-Control", "no-store").json(await browseTexts(deps, { surveyId: req.params.surveyId, query: req.query }));
  });
  router.get("/:surveyId/excerpts", async (req, res) => {
    res.set("Cache-Control", "no-store").json(await listExcerpts(deps, { surveyId: req.params.surveyId, query: req.query, disclosure: disclosureOf(res) }));
  });
  router.post(
    "/:surveyId/excerpts",
    withBody(PublishExcerptSchema, async (body, req, res) => {
      res.status(201).json(await publishExcerpt(deps, { surveyId: String(req.params.surveyId), actor: actorOf(res), body }));
    }),
  );
  router.put(
    "/:surveyId/excerpts/:id",
    withBody(ReviseExcerptSchema, async (body, req, res) => {
      res.json(await reviseExcerpt(deps, { surveyId: String(req.params.surveyId), id: String(req.params.id), actor: actorOf(res), body }));
    }),
  );
  router.delete("/:surveyId/excerpts/:id", async (req, res) => {
    await withdrawExcerpt(deps, { surveyId: req.params.surveyId, id: req.params.id, actor: actorOf(res) });
    res.status(204).end();
  });
  return router;
}
