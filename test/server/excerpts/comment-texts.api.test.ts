import path from "node:path";
import request from "supertest";
import type { Answers, ExcerptList, ManagedExcerpt, TextsPage } from "@passerelle/shared";
import { CSRF_HEADER, signedIn, testApp } from "../../support/test-app";

/**
 * A questionnaire of our own whose texts are beside other questions: a checkbox with "other",
 * a choice with a comment box, a dropdown that stores its "other" text as the answer, a tag box
 * with both, a personal rating with a comment box, and one plain free-text question.
 */
const ASIDES_DIR = path.join(__dirname, "../../fixtures/asides");

const ANSWERS: Record<string, Answers> = {
  Byblos: {
    council: "Byblos",
    province: "north",
    partners: ["ngo", "other"],
    "partners-Comment": "La diaspora au Canada",
    water_source: "wells",
    "water_source-Comment": "Les puits sont salés en été.",
    funding: "Taxes municipales",
    languages: ["ar", "Arménien"],
    "languages-Comment": "Interprète bénévole",
    satisfaction: 3,
    "satisfaction-Comment": "Appelez Mme Khoury au 03 123 456",
    phone: "+961 3 123 456",
  },
  Saida: { council: "Saida", province: "south", partners: ["ministry"], water_source: "network", funding: "state", remarks: "Merci." },
  Sour: { council: "Sour", province: "south", partners: ["other"], "partners-Comment": "جمعية الصيادين", funding: "donors" },
};

async function asidesWorld() {
  const context = testApp({ surveysDir: ASIDES_DIR });
  const ids = new Map<string, { id: string; resumeToken: string }>();
  for (const [council, answers] of Object.entries(ANSWERS)) {
    const res = await request(context.app).post("/api/surveys/asides/responses").send({ answers, status: "submitted", locale: "fr" }).expect(201);
    ids.set(council, res.body as { id: string; resumeToken: string });
  }
  return { ...context, ids };
}

describe("the texts beside other questions", () => {
  it("lists each comment box and 'other' text as a text of its question, personal questions and breakdown fields aside", async () => {
    const { app } = await asidesWorld();
    const page = (await (await signedIn(app, "analyst")).get("/api/surveys/asides/texts").expect(200)).body as TextsPage;
    expect(page.questions).toEqual([
      { name: "partners-Comment", question: "partners", source: "other", theme: null, answered: 2 },
      { name: "water_source-Comment", question: "water_source", source: "comment", theme: "water_sanitation", answered: 1 },
      { name: "funding/other", question: "funding", source: "other", theme: null, answered: 1 },
      { name: "languages-Comment", question: "languages", source: "comment", theme: null, answered: 1 },
      { name: "languages/other", question: "languages", source: "other", theme: null, answered: 1 },
      { name: "remarks", question: "remarks", source: "answer", theme: null, answered: 1 },
    ]);
    expect(page.total).toBe(7);
    // The personal rating's comment box is personal too.
    expect(JSON.stringify(page.items)).not.toContain("Khoury");
  });

  it.each([
    ["partners-Comment", ["جمعية الصيادين", "La diaspora au Canada"]],
    ["water_source-Comment", ["Les puits sont salés en été."]],
    ["funding/other", ["Taxes municipales"]],
    ["languages/other", ["Arménien"]],
  ])("gives the texts of %s as written, the authority named", async (question, expected) => {
    const { app } = await asidesWorld();
    const page = (await (await signedIn(app, "analyst")).get(`/api/surveys/asides/texts?question=${question}`).expect(200)).body as TextsPage;
    expect(page.items.map((item) => item.text)).toEqual(expected);
    expect(page.items[0]!.authorityName).not.toBeNull();
    expect(page.items.every((item) => item.questionName === question)).toBe(true);
  });

  it("finds them by search and by theme, and filters them like the rest", async () => {
    const { app } = await asidesWorld();
    const analyst = await signedIn(app, "analyst");
    const get = async (query: string) =>
      ((await analyst.get(`/api/surveys/asides/texts${query}`).expect(200)).body as TextsPage).items.map((item) => item.text);
    expect(await get("?q=diaspora")).toEqual(["La diaspora au Canada"]);
    expect(await get("?theme=water_sanitation")).toEqual(["Les puits sont salés en été."]);
    expect(await get("?province=south")).toEqual(["جمعية الصيادين", "Merci."]);
  });

  it("publishes an 'other' text as an excerpt, shown to viewers, held back for review when the answer changes", async () => {
    const { app, ids } = await asidesWorld();
    const analyst = await signedIn(app, "analyst");
    const byblos = ids.get("Byblos")!;
    const publish = (questionName: string) =>
      analyst.post("/api/surveys/asides/excerpts").set(CSRF_HEADER, analyst.csrfToken).send({ responseId: byblos.id, questionName, keepAuthority: true });
    const other = (await publish("partners-Comment").expect(201)).body as ManagedExcerpt;
    expect(other).toMatchObject({ text: "La diaspora au Canada", questionName: "partners-Comment", authorityName: "Byblos", status: "published" });
    expect(((await publish("funding/other").expect(201)).body as ManagedExcerpt).text).toBe("Taxes municipales");
    const viewer = await signedIn(app, "viewer");
    const shown = async () => ((await viewer.get("/api/surveys/asides/excerpts").expect(200)).body as ExcerptList).excerpts.map((excerpt) => excerpt.text);
    expect(await shown()).toEqual(["La diaspora au Canada", "Taxes municipales"]);

    await request(app)
      .put(`/api/responses/${byblos.id}`)
      .set("Authorization", `Bearer ${byblos.resumeToken}`)
      .send({ answers: { ...ANSWERS.Byblos, "partners-Comment": "La diaspora au Canada et en France" }, status: "submitted", locale: "fr" })
      .expect(200);
    expect(await shown()).toEqual(["Taxes municipales"]);
    const managed = ((await analyst.get("/api/surveys/asides/excerpts").expect(200)).body as ExcerptList).excerpts as ManagedExcerpt[];
    expect(managed.find((excerpt) => excerpt.id === other.id)).toMatchObject({ status: "to_review", currentText: "La diaspora au Canada et en France" });
  });

  it("keeps them from viewers, and refuses the texts of a personal question or one the response lacks, writing nothing", async () => {
    const { app, ids, store } = await asidesWorld();
    const viewer = await signedIn(app, "viewer");
    expect((await viewer.get("/api/surveys/asides/texts?question=partners-Comment").expect(403)).body.error.code).toBe("forbidden");
    const analyst = await signedIn(app, "analyst");
    const refused = async (responseId: string, questionName: string) => {
      const res = await analyst.post("/api/surveys/asides/excerpts").set(CSRF_HEADER, analyst.csrfToken).send({ responseId, questionName }).expect(400);
      expect([res.body.error.code, res.body.error.details[0].question]).toEqual(["invalid_request", "questionName"]);
    };
    await refused(ids.get("Byblos")!.id, "satisfaction-Comment");
    await refused(ids.get("Byblos")!.id, "province-Comment");
    await refused(ids.get("Saida")!.id, "partners-Comment");
    await refused(ids.get("Saida")!.id, "funding/other");
    expect(await store.excerpts.listForSurvey("asides")).toEqual([]);
    const texts = await analyst.get("/api/surveys/asides/texts?question=satisfaction-Comment").expect(400);
    expect(texts.body.error.details[0].question).toBe("question");
  });
});
