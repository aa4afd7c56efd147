import express, { Router, type Request, type RequestHandler } from "express";
import { z } from "zod";
import { LOCALES, type Locale } from "@passerelle/shared";
import { recordAudit, type AuditDeps } from "../access/audit";
import { actorOf } from "../access/principal";
import { writeCsv } from "../exports/csv-stream";
import { AppError } from "../http/app-error";
import { startAttachment } from "../http/attachment";
import { bearerToken } from "../http/bearer-token";
import { parseQuery } from "../http/validation-details";
import { authorityCells } from "./invitation-form";
import { invitationProgress, nonRespondents } from "./invitation-progress";
import { openInvitation, presentInvitationSession } from "./invitation-session";
import { importInvitations, listInvitations, reissueInvitation, revokeInvitation, type InvitationsDeps } from "./invitations.service";

export interface InvitationRoutesDeps extends InvitationsDeps, AuditDeps {
  /** The address links point to (`PUBLIC_URL`); the request's own origin when unset. */
  publicUrl?: string;
}

/** A list of 5,000 authorities is about 600 kB; more is not a list of authorities. */
const LIST_FILE_LIMIT = "2mb";

/**
 * `POST /api/admin/surveys/:surveyId/invitations/import`: the list comes as the CSV file itself
 * (`Content-Type: text/csv`), so this route reads its own body and is mounted before the JSON
 * parser.
 */
export function invitationImportRoutes(deps: InvitationRoutesDeps): Router {
  const router = Router();
  router.post("/:surveyId/invitations/import", requireCsv, express.raw({ type: () => true, limit: LIST_FILE_LIMIT }), async (req, res) => {
    const file = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const report = await importInvitations(deps, { surveyId: String(req.params.surveyId), file, origin: originOf(deps, req), actor: actorOf(res) });
    res.set("Cache-Control", "no-store").json(report);
  });
  return router;
}

const requireCsv: RequestHandler = (req, _res, next) => {
  if (!req.is(["text/csv", "text/plain", "application/csv", "application/vnd.ms-excel"])) {
    next(new AppError("unsupported_media_type", "Send the list as the CSV file itself (Content-Type: text/csv)."));
    return;
  }
  next();
};

const NonRespondentsQuerySchema = z.strictObject({
  lang: z.enum(LOCALES).default("fr"),
  delimiter: z.enum([",", ";"]).default(","),
});

/** `/api/admin/surveys/:surveyId/...`: invitations and progress, for administrators. */
export function invitationAdminRoutes(deps: InvitationRoutesDeps): Router {
  const router = Router();
  router.get("/:surveyId/invitations", async (req, res) => {
    res.set("Cache-Control", "no-store").json({ invitations: await listInvitations(deps, String(req.params.surveyId)) });
  });
  router.post("/:surveyId/invitations/:id/revoke", async (req, res) => {
    const invitation = await revokeInvitation(deps, { surveyId: String(req.params.surveyId), id: String(req.params.id), actor: actorOf(res) });
    res.json(invitation);
  });
  router.post("/:surveyId/invitations/:id/reissue", async (req, res) => {
    const reissued = await reissueInvitation(deps, {
      surveyId: String(req.params.surveyId),
      id: String(req.params.id),
      origin: originOf(deps, req),
      actor: actorOf(res),
    });
    res.set("Cache-Control", "no-store").json(reissued);
  });
  router.get("/:surveyId/progress", async (req, res) => {
    res.set("Cache-Control", "no-store").json(await invitationProgress(deps, String(req.params.surveyId)));
  });
  router.get("/:surveyId/non-respondents.csv", async (req, res) => {
    const { lang, delimiter } = parseQuery(NonRespondentsQuerySchema, req.query, "The download's parameters are not valid.");
    const { questionnaire, entries } = await nonRespondents(deps, String(req.params.surveyId));
    const fileName = `${questionnaire.id}-non-respondents-${deps.now().toISOString().slice(0, 10)}.csv`;
    await recordAudit(deps, { actor: actorOf(res), action: "export", target: fileName, details: { path: req.path, query: req.query } });
    startAttachment(res, "text/csv; charset=utf-8", fileName);
    const form = questionnaire.invitationForm;
    const rows = entries.map(({ invitation, state, respondedAt }) => [
      ...authorityCells(form, invitation, lang),
      STATE_WORDS[lang][state === "started" ? "started" : "invited"],
      respondedAt?.toISOString() ?? "",
      invitation.createdAt.toISOString(),
    ]);
    await writeCsv(res, [NON_RESPONDENT_HEADERS[lang], ...rows], { delimiter, bom: true });
  });
  return router;
}

/** `GET /api/invitation`: for the holder of an invitation link, what the form needs to open. */
export function invitationRoutes(deps: InvitationsDeps): Router {
  const router = Router();
  router.get("/", async (req, res) => {
    const { invitation, questionnaire } = await openInvitation(deps, bearerToken(req));
    const response = await deps.store.responses.findByInvitation(invitation.id);
    res.set("Cache-Control", "no-store").json(presentInvitationSession(questionnaire, invitation, response));
  });
  return router;
}

function originOf(deps: { publicUrl?: string }, req: Request): string {
  return (deps.publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`).replace(/\/+$/, "");
}

// The people sending reminders read this file: headers and states in their language.
const NON_RESPONDENT_HEADERS: Record<Locale, string[]> = {
  fr: ["collectivité", "type", "gouvernorat", "caza", "e-mail", "langue", "état", "dernière activité", "invitée le"],
  ar: ["السلطة المحلية", "النوع", "المحافظة", "القضاء", "البريد الإلكتروني", "اللغة", "الحالة", "آخر نشاط", "تاريخ الدعوة"],
  en: ["authority", "kind", "governorate", "district", "email", "language", "state", "last activity", "invited on"],
};

const STATE_WORDS: Record<Locale, { invited: string; started: string }> = {
  fr: { invited: "pas commencé", started: "commencé, non envoyé" },
  ar: { invited: "لم يبدأ", started: "بدأ ولم يُرسل" },
  en: { invited: "not started", started: "started, not submitted" },
};
