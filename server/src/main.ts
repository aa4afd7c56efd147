import type { AddressInfo } from "node:net";
import path from "node:path";
import { createParallelFold } from "./analytics/parallel-fold";
import { ensureFirstAdmin } from "./access/first-admin";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { logOutsideOrigins } from "./http/outside-origins";
import { createLogger } from "./logger";
import { loadQuestionnaires } from "./questionnaires/load-questionnaires";
import { QuestionnaireLoadError } from "./questionnaires/questionnaire-problems";
import { recordQuestionnaireVersions } from "./questionnaires/record-versions";
import { createValidationPool } from "./responses/validation-pool";
import { openStore } from "./store/open-store";

// How long in-flight requests get to finish after SIGTERM before the process gives up on them.
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const questionnaires = loadQuestionnaires(config.surveysDir);
  logOutsideOrigins(questionnaires, config.cspExtraOrigins, logger);
  const store = await openStore(config);
  await recordQuestionnaireVersions(store, questionnaires, new Date());
  await ensureFirstAdmin(store, config.admin, logger);
  const app = createApp({
    store,
    questionnaires,
    logger,
    bodyLimit: config.bodyLimit,
    minGroupSize: config.minGroupSize,
    sessionHours: config.sessionHours,
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    validationPool: config.validationThreads === 0 ? undefined : createValidationPool({ workers: config.validationThreads, logger }),
    parallelFold: createParallelFold({ store: { dataDir: config.dataDir, mongodbUri: config.mongodbUri } }),
    clientDir: path.resolve(__dirname, "../../client/dist"),
    isBenchEchoRouteEnabled: config.isBenchEchoRouteEnabled,
    cspExtraOrigins: config.cspExtraOrigins,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  });

  const server = app.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    logger.info(
      { port, store: store.kind, dataDir: store.kind === "embedded" ? config.dataDir : undefined, questionnaires: questionnaires.list().map((q) => q.id) },
      "server started",
    );
    process.stdout.write(`\nPasserelle is ready at http://localhost:${port}/ (store: ${store.kind})\n\n`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => {
      logger.warn("in-flight requests did not finish in time; closing anyway");
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      store
        .close()
        .then(() => logger.info("store closed; bye"))
        .catch((error: unknown) => logger.error({ err: error }, "closing the store failed"))
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  // A start-up failure is the operator's to fix: say what, without a stack trace when we know.
  const known = error instanceof ConfigError || error instanceof QuestionnaireLoadError;
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
