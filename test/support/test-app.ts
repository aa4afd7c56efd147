import path from "node:path";
import pino from "pino";
import { createApp } from "../../server/src/app";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import type { Store } from "../../server/src/store/store.port";

export const FIXTURE_SURVEYS_DIR = path.join(__dirname, "../fixtures/surveys");
export const SHIPPED_SURVEYS_DIR = path.join(__dirname, "../../surveys");

export interface TestAppOptions {
  /** Questionnaire folder; the small test questionnaire by default. */
  surveysDir?: string;
  bodyLimit?: string;
  now?: () => Date;
  minGroupSize?: number;
}

/** The real app on a fresh in-memory embedded store, with logs silenced. */
export function testApp(options: TestAppOptions = {}) {
  const store: Store = openEmbeddedStore({ dataDir: ":memory:" });
  const questionnaires = loadQuestionnaires(options.surveysDir ?? FIXTURE_SURVEYS_DIR);
  const app = createApp({
    store,
    questionnaires,
    logger: pino({ level: "silent" }),
    bodyLimit: options.bodyLimit ?? "1mb",
    now: options.now,
    minGroupSize: options.minGroupSize,
  });
  return { app, store, questionnaires };
}
