import path from "node:path";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@passerelle/shared";
import { DEFAULT_RATE_LIMITS, type RateLimits } from "./access/rate-limits";

// An origin as a content-security policy names it: scheme, host (or `*.` and a domain), port.
const CSP_ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, "must start with mongodb:// or mongodb+srv://")
    .optional(),
  SURVEYS_DIR: z.string().min(1).default("./surveys"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ANALYTICS_MIN_GROUP: z.coerce.number().int().min(1).max(100).default(3),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, "is a size such as 512kb or 1mb")
    .default("1mb"),
  QUESTIONNAIRE_UPLOAD_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, "is a size such as 512kb or 2mb")
    .default("2mb"),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(MIN_PASSWORD_LENGTH, `is at least ${MIN_PASSWORD_LENGTH} characters`).optional(),
  SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  TRUST_PROXY: z.string().min(1).default("loopback"),
  RATE_LIMIT_SIGN_IN: z.coerce.number().int().min(0).default(DEFAULT_RATE_LIMITS.signInFailures),
  RATE_LIMIT_TOKENS: z.coerce.number().int().min(0).default(DEFAULT_RATE_LIMITS.tokenFailures),
  RATE_LIMIT_RESPONSES: z.coerce.number().int().min(0).default(DEFAULT_RATE_LIMITS.responseCreations),
  VALIDATION_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  ANALYTICS_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  EXPORT_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  BENCH_ECHO_ROUTE: z.enum(["0", "1"]).default("0"),
  STORE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(20_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(768),
  EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(4),
  SUMMARY_CACHE_MB: z.coerce.number().min(1).max(65_536).default(64),
  // Origins the browser may reach beyond ours: web services of `choicesByUrl`, images, videos.
  CSP_EXTRA_ORIGINS: z
    .string()
    .transform((value) => value.split(/[\s,]+/).filter((origin) => origin !== ""))
    .pipe(z.array(z.string().regex(CSP_ORIGIN, "lists origins such as https://api.example.org or https://*.example.org, separated by commas")))
    .default([]),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  /** Where the embedded store keeps its SQLite file. */
  dataDir: string;
  /** When set, responses live in MongoDB instead of the embedded store. */
  mongodbUri: string | undefined;
  surveysDir: string;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  bodyLimit: string;
  /** Largest questionnaire file an administrator may upload. */
  questionnaireUploadLimit: string;
  /** Breakdown cells with fewer respondents are suppressed in analytics. */
  minGroupSize: number;
  /** The first administrator, created at start when no account has this e-mail. */
  admin: { email: string; password: string } | undefined;
  sessionHours: number;
  /** Express's `trust proxy`: which proxies' X-Forwarded-* headers to believe (address, HTTPS). */
  trustProxy: string;
  rateLimits: RateLimits;
  /** Worker threads validating answers: undefined for one per core, 0 for the request's thread. */
  validationThreads: number | undefined;
  /** Worker threads folding dashboards from scratch: undefined for one per core, 0 for the request's thread. */
  analyticsThreads: number | undefined;
  /** Worker threads writing CSV exports of responses: undefined for one per core, 0 for the request's thread. */
  exportThreads: number | undefined;
  /** The address the app is reached at (`https://census.example.org`), for invitation links. */
  publicUrl: string | undefined;
  /** Serves `POST /api/bench/echo`, the framework's ceiling for the ingest benchmark; off in normal operation. */
  isBenchEchoRouteEnabled: boolean;
  /** The bound on one store operation (MongoDB: server selection, majority write, commit; SQLite: lock wait). */
  storeTimeoutMs: number;
  http: HttpLimits;
  /** Exports (CSV, workbooks) running at once; one more gets a 429 with Retry-After. */
  exportConcurrency: number;
  /** The summary cache's bound, in bytes of the summaries it holds. */
  summaryCacheBytes: number;
  /** Outside origins the content-security policy allows (lists of choices, images, videos). */
  cspExtraOrigins: string[];
}

/** Node's HTTP server limits: slow or idle clients must not hold sockets for long. */
export interface HttpLimits {
  /** Time allowed to receive a request's headers. */
  headersTimeoutMs: number;
  /** Time allowed to receive a whole request, body included (not the response: exports stream longer). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Sockets open at once; beyond it new connections are refused at once. Keep it below `ulimit -n`. */
  maxConnections: number;
}

export class ConfigError extends Error {}

/** Reads and checks the environment once at start; a bad value stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(emptyAsUnset(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  if (!!e.ADMIN_EMAIL !== !!e.ADMIN_PASSWORD) throw new ConfigError("Invalid configuration: set ADMIN_EMAIL and ADMIN_PASSWORD together");
  // Node checks headersTimeout against requestTimeout and refuses the pair otherwise.
  if (e.HEADERS_TIMEOUT_MS > e.REQUEST_TIMEOUT_MS) throw new ConfigError("Invalid configuration: HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS");
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    mongodbUri: e.MONGODB_URI,
    surveysDir: path.resolve(e.SURVEYS_DIR),
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    questionnaireUploadLimit: e.QUESTIONNAIRE_UPLOAD_LIMIT,
    minGroupSize: e.ANALYTICS_MIN_GROUP,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD } : undefined,
    sessionHours: e.SESSION_HOURS,
    trustProxy: e.TRUST_PROXY,
    rateLimits: { signInFailures: e.RATE_LIMIT_SIGN_IN, tokenFailures: e.RATE_LIMIT_TOKENS, responseCreations: e.RATE_LIMIT_RESPONSES },
    validationThreads: e.VALIDATION_THREADS,
    analyticsThreads: e.ANALYTICS_THREADS,
    exportThreads: e.EXPORT_THREADS,
    isBenchEchoRouteEnabled: e.BENCH_ECHO_ROUTE === "1",
    publicUrl: e.PUBLIC_URL,
    storeTimeoutMs: e.STORE_TIMEOUT_MS,
    http: {
      headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.MAX_CONNECTIONS,
    },
    exportConcurrency: e.EXPORT_CONCURRENCY,
    summaryCacheBytes: Math.round(e.SUMMARY_CACHE_MB * 1024 * 1024),
    cspExtraOrigins: e.CSP_EXTRA_ORIGINS.map((origin) => origin.toLowerCase()),
  };
}

// `PORT= npm start` means "use the default", as it does for most tools.
function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}
