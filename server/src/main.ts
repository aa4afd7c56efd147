import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Express } from "express";
import { formatJsonPath } from "@passerelle/shared";
import { createParallelFold } from "./analytics/parallel-fold";
import { createCsvExportPool } from "./exports/csv-export-pool";
import { sizeInBytes } from "./exports/export-thread-memory";
import { ensureFirstAdmin } from "./access/first-admin";
import { createApp } from "./app";
import { ConfigError, loadConfig, type HttpLimits } from "./config";
import { logOutsideOrigins } from "./http/outside-origins";
import { createLogger, type Logger } from "./logger";
import { loadQuestionnaires } from "./questionnaires/load-questionnaires";
import { QuestionnaireLoadError } from "./questionnaires/questionnaire-problems";
import { recordQuestionnaireVersions } from "./questionnaires/record-versions";
import { restoreManagedQuestionnaires } from "./questionnaires/managed-questionnaires.service";
import { createValidationPool } from "./responses/validation-pool";
import { openStore } from "./store/open-store";
import { StoreSetupError, type Store } from "./store/store.port";

// How long in-flight requests get to finish after SIGTERM before the process gives up on them.
const SHUTDOWN_GRACE_MS = 10_000;
// While shutting down, how often connections that went idle (a request just answered on a
// keep-alive connection) are closed, instead of waiting for their keep-alive timeout.
const IDLE_SWEEP_MS = 50;
// How often administrators' changes to questionnaires made through another instance are read.
const MANAGED_REFRESH_MS = 30_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const questionnaires = loadQuestionnaires(config.surveysDir, ({ file, path, message }) =>
    logger.warn({ file, path: formatJsonPath(path) || undefined }, `questionnaire warning: ${message}`),
  );
  logOutsideOrigins(questionnaires, config.cspExtraOrigins, logger);
  const store = await openStore(config, { prepare: true });
  await recordQuestionnaireVersions(store, questionnaires, new Date());
  // What administrators set at run time (settings, uploaded versions) over the files.
  await restoreManagedQuestionnaires({ store, questionnaires, logger });
  await ensureFirstAdmin(store, config.admin, logger);
  // Worker threads start on their first task (the export threads at once); shutdown ends them, stuck or not.
  const validationPool = config.validationThreads === 0 ? undefined : createValidationPool({ workers: config.validationThreads, logger });
  const parallelFold =
    config.analyticsThreads === 0
      ? undefined
      : createParallelFold({ store: { dataDir: config.dataDir, mongodbUri: config.mongodbUri }, workers: config.analyticsThreads, logger });
  const csvExportPool =
    config.exportThreads === 0
      ? undefined
      : createCsvExportPool({
          store: { dataDir: config.dataDir, mongodbUri: config.mongodbUri },
          workers: config.exportThreads,
          logger,
          // No response's answers are larger than the body they came in: each thread's heap is capped from it.
          largestResponseBytes: sizeInBytes(config.bodyLimit),
        });
  const app = createApp({
    store,
    questionnaires,
    logger,
    bodyLimit: config.bodyLimit,
    questionnaireUploadLimit: config.questionnaireUploadLimit,
    minGroupSize: config.minGroupSize,
    sessionHours: config.sessionHours,
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    validationPool,
    parallelFold,
    csvExportPool,
    clientDir: path.resolve(__dirname, "../../client/dist"),
    isBenchEchoRouteEnabled: config.isBenchEchoRouteEnabled,
    summaryCacheBytes: config.summaryCacheBytes,
    exportConcurrency: config.exportConcurrency,
    cspExtraOrigins: config.cspExtraOrigins,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  });

  const server = createHttpServer(app, config.http);
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    logger.info(
      { port, store: store.kind, dataDir: store.kind === "embedded" ? config.dataDir : undefined, questionnaires: questionnaires.list().map((q) => q.id) },
      "server started",
    );
    process.stdout.write(`\nPasserelle is ready at http://localhost:${port}/ (store: ${store.kind})\n\n`);
  });

  // Several instances share one MongoDB store: each picks up, within this delay, what an
  // administrator changed through another (status, dates, an uploaded version).
  const refresh = setInterval(() => {
    restoreManagedQuestionnaires({ store, questionnaires, logger }).catch((error: unknown) =>
      logger.warn({ err: error }, "questionnaire settings could not be refreshed from the store"),
    );
  }, MANAGED_REFRESH_MS);
  refresh.unref();

  const workerPools = [validationPool, parallelFold, csvExportPool].filter((pool) => pool !== undefined);
  const stop = shutdown(server, { store, workerPools }, logger);
  process.on("SIGTERM", () => stop("SIGTERM", 0));
  process.on("SIGINT", () => stop("SIGINT", 0));
  // A bug that escaped every handler: the process may be in any state, so say what and leave,
  // letting in-flight requests finish first; the supervisor (systemd, Docker) starts it again.
  process.on("unhandledRejection", (reason: unknown) => {
    logger.fatal({ err: reason }, "unhandled promise rejection; shutting down");
    stop("unhandledRejection", 1);
  });
  process.on("uncaughtException", (error: Error) => {
    logger.fatal({ err: error }, "uncaught exception; shutting down");
    stop("uncaughtException", 1);
  });
}

/**
 * The HTTP server with its limits: slow or idle clients must not hold sockets (Node's defaults
 * keep a slow body for 300 s, and check for it only every 30 s).
 */
function createHttpServer(app: Express, limits: HttpLimits): Server {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node looks for requests past those timeouts: a tenth of the shortest, within 0.25–2 s.
      connectionsCheckingInterval: Math.min(2_000, Math.max(250, Math.round(limits.headersTimeoutMs / 10))),
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}

/** What shutdown ends once the requests are done. */
interface ShutdownResources {
  store: Store;
  workerPools: { close(): Promise<void> }[];
}

/**
 * Stops accepting connections, lets in-flight requests finish (closing each connection as soon
 * as it is idle, so that nothing waits for a keep-alive timeout), ends the worker threads (at
 * once, a stuck one too), closes the store and exits.
 */
function shutdown(server: Server, { store, workerPools }: ShutdownResources, logger: Logger): (reason: string, exitCode: number) => void {
  let stopping = false;
  return (reason, exitCode) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => {
      logger.warn("in-flight requests did not finish in time; closing anyway");
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    sweep.unref();
    server.close(() => {
      clearInterval(sweep);
      Promise.all(workerPools.map((pool) => pool.close()))
        .then(() => logger.info("worker threads ended"))
        .then(() => store.close())
        .then(() => logger.info("store closed; bye"))
        .catch((error: unknown) => logger.error({ err: error }, "closing the worker threads or the store failed"))
        .finally(() => process.exit(exitCode));
    });
    server.closeIdleConnections();
  };
}

main().catch((error: unknown) => {
  // A start-up failure is the operator's to fix: say what, without a stack trace when we know.
  const known = error instanceof ConfigError || error instanceof QuestionnaireLoadError || error instanceof StoreSetupError;
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
