import path from "node:path";
import { ConfigError, loadConfig } from "../../server/src/config";

describe("configuration", () => {
  it("defaults to port 3000, ./data and the embedded store", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: path.resolve("data"), mongodbUri: undefined, bodyLimit: "1mb" });
  });

  it("validates in one worker thread per core and serves no benchmark route by default", () => {
    expect(loadConfig({})).toMatchObject({ validationThreads: undefined, isBenchEchoRouteEnabled: false });
    expect(loadConfig({ VALIDATION_THREADS: "0", BENCH_ECHO_ROUTE: "1" })).toMatchObject({ validationThreads: 0, isBenchEchoRouteEnabled: true });
  });

  it("folds dashboards in one worker thread per core by default, or as many as set, 0 for the request's thread", () => {
    expect(loadConfig({}).analyticsThreads).toBeUndefined();
    expect(loadConfig({ ANALYTICS_THREADS: "3" }).analyticsThreads).toBe(3);
    expect(loadConfig({ ANALYTICS_THREADS: "0" }).analyticsThreads).toBe(0);
    expect(loadConfig({}).exportThreads).toBeUndefined();
    expect(loadConfig({ EXPORT_THREADS: "0" }).exportThreads).toBe(0);
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ PORT: "", MONGODB_URI: "" })).toMatchObject({ port: 3000, mongodbUri: undefined });
  });

  it("reads the MongoDB URI when set", () => {
    expect(loadConfig({ MONGODB_URI: "mongodb+srv://cluster.example/passerelle" }).mongodbUri).toBe("mongodb+srv://cluster.example/passerelle");
  });

  it.each([
    ["PORT", { PORT: "eighty" }],
    ["PORT", { PORT: "70000" }],
    ["MONGODB_URI", { MONGODB_URI: "postgres://localhost/db" }],
    ["LOG_LEVEL", { LOG_LEVEL: "loud" }],
    ["BODY_LIMIT", { BODY_LIMIT: "lots" }],
    ["VALIDATION_THREADS", { VALIDATION_THREADS: "-1" }],
    ["ANALYTICS_THREADS", { ANALYTICS_THREADS: "two" }],
    ["EXPORT_THREADS", { EXPORT_THREADS: "-1" }],
    ["BENCH_ECHO_ROUTE", { BENCH_ECHO_ROUTE: "yes" }],
  ])("refuses a bad %s, naming it", (name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`Invalid configuration: ${name}`));
  });
});

describe("access configuration", () => {
  it("reads the first administrator and the limits", () => {
    const config = loadConfig({ ADMIN_EMAIL: "Admin@Example.org", ADMIN_PASSWORD: "a long admin password", RATE_LIMIT_RESPONSES: "0", SESSION_HOURS: "8" });
    expect(config.admin).toEqual({ email: "admin@example.org", password: "a long admin password" });
    expect(config.rateLimits).toEqual({ signInFailures: 10, tokenFailures: 30, responseCreations: 0 });
    expect(config.sessionHours).toBe(8);
  });

  it.each([
    [{ ADMIN_EMAIL: "admin@example.org" }, "ADMIN_EMAIL and ADMIN_PASSWORD together"],
    [{ ADMIN_EMAIL: "admin@example.org", ADMIN_PASSWORD: "short" }, "ADMIN_PASSWORD is at least 12 characters"],
    [{ ADMIN_EMAIL: "not an e-mail", ADMIN_PASSWORD: "a long admin password" }, "ADMIN_EMAIL"],
    [{ RATE_LIMIT_SIGN_IN: "-1" }, "RATE_LIMIT_SIGN_IN"],
  ])("refuses %j", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
