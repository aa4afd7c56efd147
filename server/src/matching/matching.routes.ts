import { Router, type Request, type Response } from "express";
import { z } from "zod";
import {
  LOCALES,
  type Locale,
  MatchWeightsSchema,
  SetCapacitySchema,
  SetPairDecisionSchema,
  StartIntroductionSchema,
  UpdateIntroductionSchema,
} from "@passerelle/shared";
import { recordAudit } from "../access/audit";
import { actorOf, disclosureOf } from "../access/principal";
import { writeCsv } from "../exports/csv-stream";
import { writeWorkbook } from "../exports/xlsx-stream";
import { startAttachment } from "../http/attachment";
import { parseQuery } from "../http/validation-details";
import { withBody } from "../http/with-body";
import { listAuthorities, listCandidates } from "./candidates.service";
import { followUpFunnel, introductionRows } from "./follow-up.service";
import { getIntroduction, listIntroductions, startIntroduction, updateIntroduction } from "./introductions.service";
import type { MatchingDeps } from "./matching-deps";
import { currentWeights, saveWeights } from "./matching-weights.service";
import { listDecisions, setCapacity, setDecision } from "./pair-decisions.service";
import { getPooledProposals, getProposal } from "./proposal.service";

const LangSchema = z.enum(LOCALES).default("fr");
const LangQuerySchema = z.strictObject({ lang: LangSchema });
const CsvQuerySchema = z.strictObject({ lang: LangSchema, delimiter: z.enum([",", ";"]).default(",") });
const SaveWeightsSchema = z.strictObject({
  /** The version the administrator edited (409 when another was saved meanwhile). */
  basedOn: z.number().int().min(0),
  weights: MatchWeightsSchema,
});

function candidatesQuerySchema(deps: MatchingDeps) {
  const themes = deps.questionnaires.catalogue.themes.map((theme) => theme.id);
  return z.strictObject({
    lang: LangSchema,
    theme: z
      .string()
      .refine((theme) => themes.includes(theme), { message: "is not a theme of the catalogue" })
      .optional(),
    governorate: z
      .string()
      .regex(/^[a-z_]{1,40}$/, "is not a governorate code")
      .optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  });
}

/** `/api/matching`: the matchmaking workspace and the follow-up of introductions. */
export function matchingRoutes(deps: MatchingDeps): Router {
  const router = Router();
  const CandidatesQuerySchema = candidatesQuerySchema(deps);
  const noStore = "no-store";
  // A download of introductions is audited like every other export, before its first byte.
  const startExport = async (req: Request, res: Response, contentType: string, extension: string) => {
    const fileName = `introductions-${deps.now().toISOString().slice(0, 10)}.${extension}`;
    await recordAudit(deps, { actor: actorOf(res), action: "export", target: fileName, details: { path: req.path, query: req.query } });
    startAttachment(res, contentType, fileName);
  };

  router.get("/authorities", async (_req, res) => {
    res.set("Cache-Control", noStore).json(await listAuthorities(deps));
  });
  for (const side of ["lebanese", "french"] as const) {
    router.get(`/${side}/:id/candidates`, async (req, res) => {
      const query = parseQuery(CandidatesQuerySchema, req.query, "The candidates' filters are not valid.");
      res
        .set("Cache-Control", noStore)
        .json(await listCandidates(deps, { side, id: String(req.params.id), locale: query.lang, limit: query.limit, ...optionalFilters(query) }));
    });
  }
  router.put(
    "/lebanese/:id/capacity",
    withBody(SetCapacitySchema, async (body, req, res) => {
      res.json(await setCapacity(deps, { lebaneseId: String(req.params.id), capacity: body.capacity, by: actorOf(res) }));
    }),
  );
  router.get("/proposal", async (req, res) => {
    const { lang } = parseQuery(LangQuerySchema, req.query, "The proposal's parameters are not valid.");
    res.set("Cache-Control", noStore).json(await getProposal(deps, lang));
  });
  router.get("/pooled", async (req, res) => {
    const { lang } = parseQuery(LangQuerySchema, req.query, "The pooled proposals' parameters are not valid.");
    res.set("Cache-Control", noStore).json(await getPooledProposals(deps, lang));
  });
  router.get("/weights", async (_req, res) => {
    res.set("Cache-Control", noStore).json(await currentWeights(deps));
  });
  router.put(
    "/weights",
    withBody(SaveWeightsSchema, async (body, _req, res) => {
      const { saved } = await saveWeights(deps, { weights: body.weights, basedOn: body.basedOn, by: actorOf(res) });
      res.json(saved);
    }),
  );
  router.get("/decisions", async (_req, res) => {
    res.set("Cache-Control", noStore).json({ decisions: await listDecisions(deps) });
  });
  router.put(
    "/decisions",
    withBody(SetPairDecisionSchema, async (body, _req, res) => {
      res.json({ decision: await setDecision(deps, { ...body, by: actorOf(res) }) });
    }),
  );
  router.get("/introductions", async (_req, res) => {
    res.set("Cache-Control", noStore).json({ introductions: await listIntroductions(deps) });
  });
  router.get("/introductions.csv", async (req, res) => {
    const { lang, delimiter } = parseQuery(CsvQuerySchema, req.query, "The download's parameters are not valid.");
    const rows = introductionRows(await listIntroductions(deps), deps.vocabulary, lang);
    await startExport(req, res, "text/csv; charset=utf-8", "csv");
    await writeCsv(res, rows, { delimiter, bom: true });
  });
  router.get("/introductions.xlsx", async (req, res) => {
    const { lang } = parseQuery(LangQuerySchema, req.query, "The download's parameters are not valid.");
    const rows = introductionRows(await listIntroductions(deps), deps.vocabulary, lang);
    await startExport(req, res, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
    await writeWorkbook(res, [{ name: SHEET_NAMES[lang], rows }], { rightToLeft: lang === "ar" });
  });
  router.post(
    "/introductions",
    withBody(StartIntroductionSchema, async (body, _req, res) => {
      res.status(201).json(await startIntroduction(deps, { ...body, by: actorOf(res) }));
    }),
  );
  router.get("/introductions/:id", async (req, res) => {
    res.set("Cache-Control", noStore).json(await getIntroduction(deps, String(req.params.id)));
  });
  router.patch(
    "/introductions/:id",
    withBody(UpdateIntroductionSchema, async (body, req, res) => {
      const { introduction } = await updateIntroduction(deps, { ...body, id: String(req.params.id), by: actorOf(res) });
      res.json(introduction);
    }),
  );
  router.get("/funnel", async (_req, res) => {
    res.set("Cache-Control", noStore).json(await followUpFunnel(deps, disclosureOf(res)));
  });
  return router;
}

const SHEET_NAMES: Record<Locale, string> = { fr: "Mises en relation", ar: "عمليات التشبيك", en: "Introductions" };

function optionalFilters(query: { theme?: string | undefined; governorate?: string | undefined }) {
  return { ...(query.theme ? { theme: query.theme } : {}), ...(query.governorate ? { governorate: query.governorate } : {}) };
}
