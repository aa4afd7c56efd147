import compression from "compression";
import express, { type Express, type RequestHandler } from "express";
import { pinoHttp } from "pino-http";
import type { Health } from "@passerelle/shared";
import { adminRoutes } from "./access/admin.routes";
import type { AuditDeps } from "./access/audit";
import { enforceAccess } from "./access/enforce-access";
import { DEFAULT_PASSWORD_HASHING, type PasswordHashing } from "./access/passwords";
import { DEFAULT_RATE_LIMITS, rateLimiters, type RateLimits } from "./access/rate-limits";
import { sessionRoutes } from "./access/session.routes";
import { analyticsRoutes } from "./analytics/analytics.routes";
import { crossTabRoutes } from "./analytics/cross-tab.routes";
import type { AnalyticsDeps } from "./analytics/analytics.service";
import type { ParallelFold } from "./analytics/parallel-fold";
import { createAnalyticsDeps } from "./analytics/analytics-deps";
import type { CsvExportPool } from "./exports/csv-export-pool";
import { briefRoutes } from "./brief/brief.routes";
import { excerptsRoutes } from "./excerpts/excerpts.routes";
import { exportsRoutes } from "./exports/exports.routes";
import { AppError } from "./http/app-error";
import { invitationAdminRoutes, invitationImportRoutes, invitationRoutes, type InvitationRoutesDeps } from "./invitations/invitations.routes";
import { clientApp } from "./http/client-app";
import { createMatchingDeps } from "./matching/matching-deps";
import { matchingRoutes } from "./matching/matching.routes";
import { errorHandler } from "./http/error-handler";
import { StoreHealth } from "./http/store-health";
import { toStoreFailure } from "./store/store-failure";
import { jsonBody } from "./http/json-body";
import { securityHeaders } from "./http/security-headers";
import type { Logger } from "./logger";
import type { QuestionnaireRegistry } from "./questionnaires/questionnaire.registry";
import { questionnairesRoutes } from "./questionnaires/questionnaires.routes";
import { questionnaireAdminRoutes, questionnaireUploadRoutes } from "./questionnaires/questionnaire-admin.routes";
import { AnswerValidator } from "./responses/answer-validator";
import type { ValidationPool } from "./responses/validation-pool";
import { responsesRoutes, surveyResponsesRoutes } from "./responses/responses.routes";
import type { ResponsesDeps } from "./responses/responses.service";
import { StoreUnavailableError, type Store } from "./store/store.port";

export interface AppDeps {
  store: Store;
  questionnaires: QuestionnaireRegistry;
  logger: Logger;
  /** Largest accepted request body, e.g. "1mb". */
  bodyLimit: string;
  /** Breakdown cells of analytics with fewer respondents are suppressed (default 3). */
  minGroupSize?: number;
  /** Validates answers in worker threads; in the request's thread when omitted. */
  validationPool?: ValidationPool;
  /** Folds statistics in worker threads; in the request's thread when omitted. */
  parallelFold?: ParallelFold;
  /** Writes CSV exports of responses in worker threads; in the request's thread when omitted. */
  csvExportPool?: CsvExportPool;
  /** Built client to serve at `/`; omitted in API-only tests. */
  clientDir?: string;
  /** The clock, replaceable in tests. */
  now?: () => Date;
  /** argon2id cost; the recommended default unless tests lower it. */
  passwordHashing?: PasswordHashing;
  sessionHours?: number;
  rateLimits?: RateLimits;
  /** Express's `trust proxy` setting (default: loopback only). */
  trustProxy?: string;
  /** The public address of the app, for the links in invitations; the request's origin when unset. */
  publicUrl?: string;
  /** Serves `POST /api/bench/echo` (the ingest benchmark's yardstick); off unless configured. */
  isBenchEchoRouteEnabled?: boolean;
  /** The summary cache's bound in bytes (default 64 MB). */
  summaryCacheBytes?: number;
  /** Exports running at once; one more is refused with a 429 and Retry-After (default 4). */
  exportConcurrency?: number;
  /** Outside origins questionnaires may reach (CSP_EXTRA_ORIGINS); none by default. */
  cspExtraOrigins?: readonly string[];
  /** Largest questionnaire file an administrator may upload, e.g. "2mb" (the default). */
  questionnaireUploadLimit?: string;
}

/** Builds the Express app without listening: `main.ts` listens, tests use supertest. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(deps.trustProxy ?? "loopback"));
  app.use(
    pinoHttp({
      logger: deps.logger,
      // One compact line per request; headers (tokens, cookies) are never logged.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );
  // Respondents are often on slow mobile connections: the form's JavaScript shrinks about 3.5×.
  app.use(compression());
  app.use(securityHeaders(deps.cspExtraOrigins));

  const now = deps.now ?? (() => new Date());
  const responsesDeps: ResponsesDeps = {
    store: deps.store,
    questionnaires: deps.questionnaires,
    checkAnswers: checkAnswersWith(deps.validationPool),
    now,
  };
  const auditDeps: AuditDeps = { store: deps.store, logger: deps.logger, now };
  const limiters = rateLimiters(deps.rateLimits ?? DEFAULT_RATE_LIMITS);
  const accessDeps = { ...auditDeps, passwordHashing: deps.passwordHashing ?? DEFAULT_PASSWORD_HASHING, sessionHours: deps.sessionHours ?? 12 };

  const analyticsDeps: AnalyticsDeps = createAnalyticsDeps({
    store: deps.store,
    questionnaires: deps.questionnaires,
    ...(deps.summaryCacheBytes !== undefined ? { cacheBytes: deps.summaryCacheBytes } : {}),
    minGroupSize: deps.minGroupSize ?? 3,
    ...(deps.parallelFold ? { parallelFold: deps.parallelFold } : {}),
  });

  const invitationDeps: InvitationRoutesDeps = { ...auditDeps, questionnaires: deps.questionnaires, ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}) };

  const api = express.Router();
  const storeHealth = new StoreHealth();
  api.get("/health", async (_req, res) => {
    const failure = await deps.store.ping().then(
      () => undefined,
      (error: unknown) => toStoreFailure(error) ?? new StoreUnavailableError("unreachable", "the data store cannot be reached", { cause: error }),
    );
    const reason = failure?.reason ?? storeHealth.recentFailure();
    const health: Health = reason ? { status: "degraded", store: deps.store.kind, reason } : { status: "ok", store: deps.store.kind };
    res
      .status(reason ? 503 : 200)
      .set("Cache-Control", "no-store")
      .json(health);
  });
  api.use(enforceAccess({ store: deps.store, now }));
  // The one endpoint whose body is not JSON (a CSV file): it reads its own, before the JSON parser.
  api.use("/admin/surveys", invitationImportRoutes(invitationDeps));
  // Uploaded questionnaire files are read as text, with their own bound, before the JSON parser.
  const managedDeps = { ...auditDeps, questionnaires: deps.questionnaires };
  api.use("/admin/questionnaires", questionnaireUploadRoutes(managedDeps, deps.questionnaireUploadLimit ?? "2mb"));
  api.use(jsonBody(deps.bodyLimit));
  api.use("/session", sessionRoutes({ ...accessDeps, signInLimits: limiters.signIn }));
  api.use("/admin", adminRoutes(accessDeps));
  api.use("/admin/surveys", invitationAdminRoutes(invitationDeps));
  api.use("/admin/questionnaires", questionnaireAdminRoutes(managedDeps));
  api.use("/invitation", limiters.tokenUse, invitationRoutes(invitationDeps));
  api.use("/surveys", questionnairesRoutes(deps.questionnaires, now));
  // An invitation's token travels with the new response: its refusals count as token guesses.
  // The reply carries the resume token: no cache, shared or private, may keep it.
  api.post("/surveys/:surveyId/responses", limiters.responseCreation, limiters.tokenUse, noStore);
  api.use("/surveys", surveyResponsesRoutes(responsesDeps));
  api.use("/surveys", analyticsRoutes(analyticsDeps));
  api.use("/surveys", crossTabRoutes({ ...analyticsDeps, ...auditDeps }));
  api.use(
    "/surveys",
    exportsRoutes(
      { ...analyticsDeps, ...auditDeps, ...(deps.csvExportPool ? { csvExports: deps.csvExportPool } : {}) },
      { concurrency: deps.exportConcurrency ?? 4 },
    ),
  );
  api.use("/surveys", excerptsRoutes({ ...auditDeps, questionnaires: deps.questionnaires }));
  api.use("/surveys", briefRoutes({ ...analyticsDeps, ...auditDeps }));
  api.use("/responses", limiters.tokenUse, responsesRoutes(responsesDeps));
  api.use("/matching", matchingRoutes(createMatchingDeps({ ...auditDeps, questionnaires: deps.questionnaires, minGroupSize: analyticsDeps.minGroupSize })));
  // The framework's ceiling for a submission: the same middleware and body parsing, no work.
  if (deps.isBenchEchoRouteEnabled) api.post("/bench/echo", (req, res) => void res.json(req.body));
  api.use(() => {
    throw new AppError("route_not_found", "There is no such API endpoint.");
  });
  app.use("/api", api);

  if (deps.clientDir) app.use(clientApp(deps.clientDir));
  app.use(errorHandler(deps.logger, storeHealth));
  return app;
}

const noStore: RequestHandler = (_req, res, next) => {
  res.set("Cache-Control", "no-store");
  next();
};

// Drafts are checked for shape only, a few map lookups: cheaper in the request's thread than a
// trip to a worker, where an autosave would also queue behind submissions.
function checkAnswersWith(pool: ValidationPool | undefined): ResponsesDeps["checkAnswers"] {
  const inThread = checkInThread();
  if (!pool) return inThread;
  return (questionnaire, request) => (request.status === "draft" ? inThread(questionnaire, request) : pool.check(questionnaire, request));
}

// One validator per questionnaire version, built on first use and kept.
function checkInThread(): ResponsesDeps["checkAnswers"] {
  const validators = new Map<string, AnswerValidator>();
  return async (questionnaire, request) => {
    let validator = validators.get(questionnaire.version);
    if (!validator) {
      validator = new AnswerValidator(questionnaire.definition);
      validators.set(questionnaire.version, validator);
    }
    return validator.check(request);
  };
}

// "loopback", "10.0.0.0/8", "1" (hops), "true": as express reads them.
function trustProxySetting(value: string): string | number | boolean {
  if (value === "true") return true;
  if (value === "false") return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
