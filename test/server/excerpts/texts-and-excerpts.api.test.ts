import request from "supertest";
import type { ExcerptList, ManagedExcerpt, TextsPage } from "@passerelle/shared";
import { CSRF_HEADER, signedIn } from "../../support/test-app";
import { VOICES, voiceAnswers, voicesWorld } from "../../support/voices-world";

const texts = async (app: Parameters<typeof signedIn>[0], query = "") =>
  (await (await signedIn(app, "analyst")).get(`/api/surveys/voices/texts${query}`).expect(200)).body as TextsPage;

async function publish(app: Parameters<typeof signedIn>[0], body: object, status: number, role: "analyst" | "admin" = "analyst") {
  const staff = await signedIn(app, role);
  return staff.post("/api/surveys/voices/excerpts").set(CSRF_HEADER, staff.csrfToken).send(body).expect(status);
}

describe("the text browser", () => {
  it("lists every free-text question but personal ones and the council's name, with how many answered", async () => {
    const { app } = await voicesWorld();
    const page = await texts(app);
    expect(page.questions).toEqual([
      { name: "water_words", question: "water_words", source: "answer", theme: "water_sanitation", answered: 5 },
      { name: "health_words", question: "health_words", source: "answer", theme: "health", answered: 3 },
      { name: "one_word", question: "one_word", source: "answer", theme: null, answered: 1 },
      { name: "anything_else", question: "anything_else", source: "answer", theme: null, answered: 1 },
    ]);
    expect(page.total).toBe(10);
  });

  it("gives each answer as written, in its language, with the council named, newest first", async () => {
    const { app, submitted } = await voicesWorld();
    const page = await texts(app, "?question=water_words");
    expect(page.items.map((item) => item.authorityName)).toEqual(["Zahlé", "Tyr", "Amioun", "بلدية القلمون", "Batroun"]);
    expect(page.items[3]).toMatchObject({
      responseId: submitted.get("بلدية القلمون")!.id,
      text: "شبكة المياه قديمة جداً وتحتاج إلى تأهيل",
      locale: "ar",
      theme: "water_sanitation",
      breakdown: { province: "north" },
      excerptIds: [],
    });
  });

  it("filters like the dashboard, by theme, and searches without case or accents", async () => {
    const { app } = await voicesWorld();
    expect((await texts(app, "?province=south")).items.map((item) => item.authorityName)).toEqual(["Qana", "Naqoura", "Tyr"]);
    expect((await texts(app, "?theme=health&province=north")).items.map((item) => item.text)).toEqual(["The clinic has no doctor on weekends."]);
    expect((await texts(app, "?q=ECOLE")).items.map((item) => item.authorityName)).toEqual(["Chekka"]);
    expect((await texts(app, "?q=" + encodeURIComponent("المياه"))).items.map((item) => item.authorityName)).toEqual(["بلدية القلمون"]);
  });

  it("pages through the answers", async () => {
    const { app } = await voicesWorld();
    const [first, second, third] = [await texts(app, "?pageSize=4"), await texts(app, "?pageSize=4&page=2"), await texts(app, "?pageSize=4&page=3")];
    expect([first.items.length, second.items.length, third.items.length]).toEqual([4, 4, 2]);
    const keys = [...first.items, ...second.items, ...third.items].map((item) => `${item.responseId}/${item.questionName}`);
    expect(new Set(keys).size).toBe(10);
  });

  it.each([
    ["?question=phone", "question"],
    ["?question=council", "question"],
    ["?question=top_needs", "question"],
    ["?theme=energy", "theme"],
    ["?pageSize=1000", "pageSize"],
    ["?page=0", "page"],
    ["?province=mars", "province"],
    ["?colour=red", "colour"],
  ])("refuses %s with a 400 naming %s", async (query, field) => {
    const { app } = await voicesWorld();
    const res = await (await signedIn(app, "analyst")).get(`/api/surveys/voices/texts${query}`).expect(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details.map((detail: { question: string }) => detail.question)).toContain(field);
  });

  it("is closed to viewers", async () => {
    const { app } = await voicesWorld();
    expect((await (await signedIn(app, "viewer")).get("/api/surveys/voices/texts").expect(403)).body.error.code).toBe("forbidden");
  });
});

describe("excerpts", () => {
  it("publishes the text as written, unattributed by default, and audits it", async () => {
    const { app, submitted } = await voicesWorld();
    const res = await publish(app, { responseId: submitted.get("Batroun")!.id, questionName: "water_words" }, 201);
    expect(res.body).toMatchObject({
      text: VOICES[0]!.answers!.water_words,
      authorityName: null,
      status: "published",
      theme: "water_sanitation",
      locale: "fr",
    });
    const admin = await signedIn(app, "admin");
    const trail = (await admin.get("/api/admin/audit").expect(200)).body.events as { action: string; target: string; actor: string }[];
    expect(trail.find((event) => event.action === "excerpt_published")).toMatchObject({ target: res.body.id, actor: "analyst@example.org" });
    expect((await texts(app, "?question=water_words")).items.find((item) => item.authorityName === "Batroun")!.excerptIds).toEqual([res.body.id]);
  });

  it("shows viewers the published text only: no source, no response, no name unless kept", async () => {
    const { app, submitted } = await voicesWorld();
    const edited = (await publish(app, { responseId: submitted.get("بلدية القلمون")!.id, questionName: "water_words", text: "شبكة المياه قديمة" }, 201))
      .body as ManagedExcerpt;
    const named = (await publish(app, { responseId: submitted.get("Tyr")!.id, questionName: "water_words", keepAuthority: true }, 201)).body as ManagedExcerpt;
    const list = (await (await signedIn(app, "viewer")).get("/api/surveys/voices/excerpts").expect(200)).body as ExcerptList;
    expect(list.excerpts).toEqual([
      { id: edited.id, questionName: "water_words", theme: "water_sanitation", text: "شبكة المياه قديمة", locale: "ar", authorityName: null },
      {
        id: named.id,
        questionName: "water_words",
        theme: "water_sanitation",
        text: "Assainissement des eaux usées en mer.",
        locale: "fr",
        authorityName: "Tyr",
      },
    ]);
    const raw = JSON.stringify(list);
    expect(raw).not.toContain("وتحتاج إلى تأهيل");
    expect(raw).not.toContain("القلمون");
    expect(raw).not.toContain(submitted.get("Tyr")!.id);
  });

  it("follows its response: an edit of the answer holds it back from viewers until an analyst reviews it", async () => {
    const { app, submitted } = await voicesWorld();
    const batroun = submitted.get("Batroun")!;
    const excerpt = (await publish(app, { responseId: batroun.id, questionName: "water_words" }, 201)).body as ManagedExcerpt;
    const changed = voiceAnswers({
      ...VOICES[0]!,
      answers: { ...VOICES[0]!.answers, water_words: "Le réseau a été réparé en partie, il reste les fuites du centre." },
    });
    await request(app)
      .put(`/api/responses/${batroun.id}`)
      .set("Authorization", `Bearer ${batroun.resumeToken}`)
      .send({ answers: changed, status: "submitted", locale: "fr" })
      .expect(200);

    const viewer = await signedIn(app, "viewer");
    expect(((await viewer.get("/api/surveys/voices/excerpts").expect(200)).body as ExcerptList).excerpts).toEqual([]);
    const analyst = await signedIn(app, "analyst");
    const managed = ((await analyst.get("/api/surveys/voices/excerpts").expect(200)).body as ExcerptList).excerpts as ManagedExcerpt[];
    expect(managed).toEqual([
      expect.objectContaining({ id: excerpt.id, status: "to_review", currentText: changed.water_words, sourceText: VOICES[0]!.answers!.water_words }),
    ]);

    const reviewed = await analyst
      .put(`/api/surveys/voices/excerpts/${excerpt.id}`)
      .set(CSRF_HEADER, analyst.csrfToken)
      .send({ text: "Il reste les fuites du centre.", keepAuthority: true })
      .expect(200);
    expect(reviewed.body).toMatchObject({ status: "published", authorityName: "Batroun", sourceText: changed.water_words });
    expect(((await viewer.get("/api/surveys/voices/excerpts").expect(200)).body as ExcerptList).excerpts).toEqual([
      expect.objectContaining({ text: "Il reste les fuites du centre.", authorityName: "Batroun" }),
    ]);
  });

  it("filters excerpts like the dashboard and by theme", async () => {
    const { app, submitted } = await voicesWorld();
    await publish(app, { responseId: submitted.get("Batroun")!.id, questionName: "water_words" }, 201);
    await publish(app, { responseId: submitted.get("Qana")!.id, questionName: "health_words" }, 201);
    const viewer = await signedIn(app, "viewer");
    const textsOf = async (query: string) =>
      ((await viewer.get(`/api/surveys/voices/excerpts${query}`).expect(200)).body as ExcerptList).excerpts.map((excerpt) => excerpt.text);
    expect(await textsOf("?province=south")).toEqual(["An ambulance for the villages."]);
    expect(await textsOf("?theme=water_sanitation")).toEqual([VOICES[0]!.answers!.water_words]);
  });

  it("withdraws an excerpt, audited, after which viewers no longer see it", async () => {
    const { app, submitted } = await voicesWorld();
    const excerpt = (await publish(app, { responseId: submitted.get("Qana")!.id, questionName: "health_words" }, 201, "admin")).body as ManagedExcerpt;
    const admin = await signedIn(app, "admin");
    await admin.delete(`/api/surveys/voices/excerpts/${excerpt.id}`).set(CSRF_HEADER, admin.csrfToken).expect(204);
    expect((await admin.delete(`/api/surveys/voices/excerpts/${excerpt.id}`).set(CSRF_HEADER, admin.csrfToken).expect(404)).body.error.code).toBe(
      "excerpt_not_found",
    );
    expect(((await (await signedIn(app, "viewer")).get("/api/surveys/voices/excerpts").expect(200)).body as ExcerptList).excerpts).toEqual([]);
    const trail = (await admin.get("/api/admin/audit").expect(200)).body.events as { action: string; target: string }[];
    expect(trail.filter((event) => event.target === excerpt.id).map((event) => event.action)).toEqual(["excerpt_withdrawn", "excerpt_published"]);
  });

  it.each([
    ["an unknown response", () => ({ responseId: "nope", questionName: "water_words" }), "responseId"],
    ["a personal question", (ids: Map<string, { id: string }>) => ({ responseId: ids.get("Zahlé")!.id, questionName: "phone" }), "questionName"],
    ["a choice question", (ids: Map<string, { id: string }>) => ({ responseId: ids.get("Zahlé")!.id, questionName: "water_when" }), "questionName"],
    ["a question left unanswered", (ids: Map<string, { id: string }>) => ({ responseId: ids.get("Chekka")!.id, questionName: "water_words" }), "questionName"],
    ["an empty text", (ids: Map<string, { id: string }>) => ({ responseId: ids.get("Zahlé")!.id, questionName: "water_words", text: "   " }), "text"],
    [
      "a text too long",
      (ids: Map<string, { id: string }>) => ({ responseId: ids.get("Zahlé")!.id, questionName: "water_words", text: "x".repeat(2001) }),
      "text",
    ],
    ["an unknown field", (ids: Map<string, { id: string }>) => ({ responseId: ids.get("Zahlé")!.id, questionName: "water_words", author: "me" }), "author"],
    [
      "a name choice that is not a boolean",
      (ids: Map<string, { id: string }>) => ({ responseId: ids.get("Zahlé")!.id, questionName: "water_words", keepAuthority: "yes" }),
      "keepAuthority",
    ],
  ])("refuses %s with a 400 naming the field, and writes nothing", async (_case, body, field) => {
    const { app, submitted } = await voicesWorld();
    const res = await publish(app, body(submitted), 400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details.map((detail: { question: string }) => detail.question)).toContain(field);
    const analyst = await signedIn(app, "analyst");
    expect(((await analyst.get("/api/surveys/voices/excerpts").expect(200)).body as ExcerptList).excerpts).toEqual([]);
    const admin = await signedIn(app, "admin");
    const trail = (await admin.get("/api/admin/audit").expect(200)).body.events as { action: string }[];
    expect(trail.filter((event) => event.action.startsWith("excerpt_"))).toEqual([]);
  });

  it("refuses a draft's answer and another questionnaire's excerpt", async () => {
    const { app } = await voicesWorld();
    const draft = await request(app)
      .post("/api/surveys/voices/responses")
      .send({ answers: { council: "Draft", water_words: "brouillon" }, status: "draft", locale: "fr" })
      .expect(201);
    expect((await publish(app, { responseId: draft.body.id, questionName: "water_words" }, 400)).body.error.details[0].question).toBe("responseId");
    const analyst = await signedIn(app, "analyst");
    expect(
      (await analyst.put("/api/surveys/voices/excerpts/nope").set(CSRF_HEADER, analyst.csrfToken).send({ text: "x", keepAuthority: false }).expect(404)).body
        .error.code,
    ).toBe("excerpt_not_found");
    expect((await analyst.get("/api/surveys/nope/excerpts").expect(404)).body.error.code).toBe("survey_not_found");
  });
});
