import request from "supertest";
import { testApp } from "../../support/test-app";

describe("questionnaires API", () => {
  it("reports health and the store in use", async () => {
    const { app } = testApp();
    await request(app).get("/api/health").expect(200, { status: "ok", store: "embedded" });
  });

  it("lists the questionnaires with titles in every locale", async () => {
    const { app, questionnaires } = testApp();
    const res = await request(app).get("/api/surveys").expect(200);
    expect(res.body).toEqual([
      {
        id: "mini",
        title: { fr: "Mini recensement", ar: "إحصاء مصغر", en: "Mini census" },
        description: { fr: "Un petit questionnaire de test", ar: "استبيان صغير للاختبار", en: "A small questionnaire for tests" },
        status: "open",
        locales: ["fr", "ar", "en"],
        access: "public",
        version: questionnaires.find("mini")?.version,
      },
    ]);
  });

  it("serves a definition with theme labels filled in from the catalogue", async () => {
    const { app } = testApp();
    const res = await request(app).get("/api/surveys/mini").expect(200);
    expect(res.body.id).toBe("mini");
    expect(res.body.version).toMatch(/^[0-9a-f]{16}$/);
    const ranking = res.body.definition.pages[1].elements[0];
    expect(ranking.choices[1]).toEqual({
      value: "health",
      theme: "health",
      text: { default: "Health", fr: "Santé", ar: "الصحة" },
    });
  });

  it("lets a browser revalidate a definition it already has", async () => {
    const { app } = testApp();
    const first = await request(app).get("/api/surveys/mini").expect(200);
    await request(app)
      .get("/api/surveys/mini")
      .set("If-None-Match", first.headers.etag as string)
      .expect(304);
  });

  it("answers 404 with the error body for an unknown questionnaire or endpoint", async () => {
    const { app } = testApp();
    const survey = await request(app).get("/api/surveys/unknown").expect(404);
    expect(survey.body.error.code).toBe("survey_not_found");
    const route = await request(app).get("/api/nothing-here").expect(404);
    expect(route.body.error.code).toBe("route_not_found");
  });
});
