import express, { Router, type RequestHandler } from "express";
import { z } from "zod";
import { QuestionnaireSettingsSchema, type QuestionnairePublished } from "@passerelle/shared";
import { principalOf } from "../access/principal";
import { AppError } from "../http/app-error";
import { parseQuery } from "../http/validation-details";
import { withBody } from "../http/with-body";
import {
  changeQuestionnaireSettings,
  presentManagedQuestionnaire,
  publishQuestionnaire,
  type ManagedQuestionnairesDeps,
} from "./managed-questionnaires.service";
import { checkUpload, presentUploadCheck, type QuestionnaireUpload } from "./questionnaire-upload";

const UploadQuerySchema = z.strictObject({
  fileName: z
    .string()
    .min(1)
    .max(200)
    .refine((name) => !/[/\\]/.test(name) && ![...name].some((character) => character < " "), "is a file name, without folders")
    .default("upload.json"),
});

/**
 * `/api/admin/questionnaires` (check and publish): the questionnaire file itself is the body,
 * read as text so that a file that is not JSON gets the same message, with its line and
 * column, as at start. Mounted before the JSON parser, with its own bound on size.
 */
export function questionnaireUploadRoutes(deps: ManagedQuestionnairesDeps, uploadLimit: string): Router {
  const router = Router();
  const readUpload = [requireJsonType, express.text({ type: () => true, limit: uploadLimit })];
  router.post("/check", ...readUpload, (req, res) => {
    res.json(presentUploadCheck(checkUpload(deps.questionnaires, uploadOf(req.body, req.query))));
  });
  router.post("/", ...readUpload, async (req, res) => {
    const { served, isUnchanged } = await publishQuestionnaire(deps, { actor: principalOf(res)!.account.email, upload: uploadOf(req.body, req.query) });
    const body: QuestionnairePublished = { questionnaire: await presentManagedQuestionnaire(deps.store, served, deps.now()), isUnchanged };
    res.status(isUnchanged ? 200 : 201).json(body);
  });
  return router;
}

/** `/api/admin/questionnaires`: every questionnaire with its settings, and changing them. */
export function questionnaireAdminRoutes(deps: ManagedQuestionnairesDeps): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    const now = deps.now();
    const questionnaires = await Promise.all(deps.questionnaires.listServed().map((served) => presentManagedQuestionnaire(deps.store, served, now)));
    res.set("Cache-Control", "no-store").json({ questionnaires });
  });
  router.put(
    "/:surveyId/settings",
    withBody(QuestionnaireSettingsSchema, async (settings, req, res) => {
      const served = await changeQuestionnaireSettings(deps, { actor: principalOf(res)!.account.email, surveyId: String(req.params.surveyId), settings });
      res.json(await presentManagedQuestionnaire(deps.store, served, deps.now()));
    }),
  );
  return router;
}

const requireJsonType: RequestHandler = (req, _res, next) => {
  next(
    req.is("application/json")
      ? undefined
      : new AppError("unsupported_media_type", "Send the questionnaire file itself as the body (Content-Type: application/json)."),
  );
};

function uploadOf(body: unknown, query: unknown): QuestionnaireUpload {
  const { fileName } = parseQuery(UploadQuerySchema, query, "The upload's parameters are not valid.");
  return { fileName, text: typeof body === "string" ? body : "" };
}
