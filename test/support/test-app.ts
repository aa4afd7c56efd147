import path from "node:path";
import type { Express } from "express";
import pino from "pino";
import request from "supertest";
import { CSRF_HEADER, type Role } from "@passerelle/shared";
import type { PasswordHashing } from "../../server/src/access/passwords";
import { createAccount } from "../../server/src/access/accounts";
import { createApp, type AppDeps } from "../../server/src/app";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import type { QuestionnaireRegistry } from "../../server/src/questionnaires/questionnaire.registry";
import { openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import type { Store } from "../../server/src/store/store.port";

export const FIXTURE_SURVEYS_DIR = path.join(__dirname, "../fixtures/surveys");
export const SHIPPED_SURVEYS_DIR = path.join(__dirname, "../../surveys");

export interface TestAppOptions {
  /** Questionnaire folder; the small test questionnaire by default. */
  surveysDir?: string;
  /** Questionnaires already loaded (from `surveysDir`), shared by the tests of a file: loading checks each with survey-core. */
  questionnaires?: QuestionnaireRegistry;
  bodyLimit?: string;
  now?: () => Date;
  minGroupSize?: number;
  rateLimits?: AppDeps["rateLimits"];
  /** Folds statistics in worker threads (in-thread when omitted). */
  parallelFold?: AppDeps["parallelFold"];
}

/** argon2id at its lowest cost: tests sign in hundreds of times. */
export const TEST_PASSWORD_HASHING: PasswordHashing = { memoryCost: 1024, timeCost: 1 };
export const TEST_PASSWORD = "a long test password";

const storesOfApps = new WeakMap<Express, Store>();
const agentsOfApps = new WeakMap<Express, Map<string, Promise<StaffAgent>>>();

export type StaffAgent = ReturnType<typeof request.agent> & { csrfToken: string };

/** The real app on a fresh in-memory embedded store, with logs silenced. */
export function testApp(options: TestAppOptions = {}) {
  const store: Store = openEmbeddedStore({ dataDir: ":memory:" });
  const questionnaires = options.questionnaires ?? loadQuestionnaires(options.surveysDir ?? FIXTURE_SURVEYS_DIR);
  const app = createApp({
    store,
    questionnaires,
    logger: pino({ level: "silent" }),
    bodyLimit: options.bodyLimit ?? "1mb",
    now: options.now,
    minGroupSize: options.minGroupSize,
    passwordHashing: TEST_PASSWORD_HASHING,
    rateLimits: options.rateLimits ?? { signInFailures: 0, tokenFailures: 0, responseCreations: 0 },
    ...(options.parallelFold ? { parallelFold: options.parallelFold } : {}),
  });
  storesOfApps.set(app, store);
  return { app, store, questionnaires };
}

/**
 * A supertest agent signed in to the app with the given role, through the real sign-in
 * endpoint: its session cookie goes with every request, its CSRF token is at hand. One account
 * and one agent per app and role.
 */
export function signedIn(app: Express, role: Role = "analyst"): Promise<StaffAgent> {
  const agents = agentsOfApps.get(app) ?? new Map<string, Promise<StaffAgent>>();
  agentsOfApps.set(app, agents);
  let agent = agents.get(role);
  if (!agent) {
    agent = signIn(app, role);
    agents.set(role, agent);
  }
  return agent;
}

async function signIn(app: Express, role: Role): Promise<StaffAgent> {
  const store = storesOfApps.get(app);
  if (!store) throw new Error("signedIn() needs an app made by testApp()");
  const email = `${role}@example.org`;
  await createAccount({ store, now: () => new Date(), passwordHashing: TEST_PASSWORD_HASHING }, { email, role, password: TEST_PASSWORD });
  const agent = request.agent(app);
  const res = await agent.post("/api/session").send({ email, password: TEST_PASSWORD }).expect(200);
  return Object.assign(agent, { csrfToken: String(res.body.csrfToken) });
}

export { CSRF_HEADER };
