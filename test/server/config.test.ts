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

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ PORT: "", MONGODB_URI: "" })).toMatchObject({ port: 3000, mongodbUri: undefined });
  });

  it("reads the MongoDB URI when set", () => {
    expect(loadConfig({ MONGODB_URI: "mongodb+srv://cluster.example/passerelle" }).mongodbUri).toBe(
      "mongodb+srv://cluster.example/passerelle",
    );
  });

  it.each([
    ["PORT", { PORT: "eighty" }],
    ["PORT", { PORT: "70000" }],
    ["MONGODB_URI", { MONGODB_URI: "postgres://localhost/db" }],
    ["LOG_LEVEL", { LOG_LEVEL: "loud" }],
    ["BODY_LIMIT", { BODY_LIMIT: "lots" }],
    ["VALIDATION_THREADS", { VALIDATION_THREADS: "-1" }],
    ["BENCH_ECHO_ROUTE", { BENCH_ECHO_ROUTE: "yes" }],
  ])("refuses a bad %s, naming it", (name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`Invalid configuration: ${name}`));
  });
});
