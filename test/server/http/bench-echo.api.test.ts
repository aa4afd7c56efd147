import pino from "pino";
import request from "supertest";
import { createApp } from "../../../server/src/app";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import { FIXTURE_SURVEYS_DIR, testApp } from "../../support/test-app";

describe("the benchmark echo route", () => {
  it("is absent by default", async () => {
    const { app } = testApp();
    const res = await request(app).post("/api/bench/echo").send({ hello: "world" });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("route_not_found");
  });

  it("sends the JSON body back when enabled", async () => {
    const app = createApp({
      store: openEmbeddedStore({ dataDir: ":memory:" }),
      questionnaires: loadQuestionnaires(FIXTURE_SURVEYS_DIR),
      logger: pino({ level: "silent" }),
      bodyLimit: "1mb",
      isBenchEchoRouteEnabled: true,
    });
    const res = await request(app)
      .post("/api/bench/echo")
      .send({ answers: { governorate: "north" } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ answers: { governorate: "north" } });
  });
});
