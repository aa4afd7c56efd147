import request from "supertest";
import type { InvitationImportReport, InvitationList, InvitationProgress, InvitationSession, ReissuedInvitation } from "@passerelle/shared";
import { censusAnswers } from "../../support/census-answers";
import { download, parseCsvRecords } from "../../support/download";
import { importList, invitationOnlyCensus, linksOf, listFile } from "../../support/invitations";
import { CSRF_HEADER, signedIn, testApp } from "../../support/test-app";

const HEADER = "name,kind,governorate,district,email,language";
const SURVEY = "census-lebanon";

async function world() {
  const context = testApp({ surveysDir: invitationOnlyCensus() });
  const admin = await signedIn(context.app, "admin");
  const report = (
    await importList(
      admin,
      SURVEY,
      listFile(
        HEADER,
        "بلدية جبيل,municipality,keserwan_jbeil,jbeil,clerk@jbeil.example,ar",
        "Tripoli,municipality,north,tripoli,,fr",
        "Zahlé,municipality,bekaa,zahle,,",
      ),
    ).expect(200)
  ).body as InvitationImportReport;
  const links = linksOf(report);
  const tokenOf = (name: string) => links.get(name)!.token;
  const invitations = ((await admin.get(`/api/admin/surveys/${SURVEY}/invitations`).expect(200)).body as InvitationList).invitations;
  const idOf = (name: string) => invitations.find((invitation) => invitation.authorityName === name)!.id;
  return { ...context, admin, tokenOf, idOf };
}

const asHolder = (token: string) => ({ Authorization: `Bearer ${token}` });

describe("answering through an invitation", () => {
  it("opens the census already identified, in the authority's language, with identity locked", async () => {
    const { app, tokenOf } = await world();
    const session = (
      await request(app)
        .get("/api/invitation")
        .set(asHolder(tokenOf("بلدية جبيل")))
        .expect(200)
    ).body as InvitationSession;
    expect(session).toEqual({
      surveyId: SURVEY,
      authorityName: "بلدية جبيل",
      locale: "ar",
      prefill: {
        authority_name: "بلدية جبيل",
        authority_kind: "municipality",
        governorate: "keserwan_jbeil",
        district: "jbeil",
        contact_email: "clerk@jbeil.example",
      },
      lockedQuestions: ["authority_name", "authority_kind", "governorate", "district"],
      responseId: null,
    });
  });

  it("refuses to start a response without an invitation when the questionnaire is by invitation only", async () => {
    const { app, store } = await world();
    const res = await request(app).post(`/api/surveys/${SURVEY}/responses`).send({ answers: censusAnswers(), status: "submitted", locale: "ar" }).expect(403);
    expect(res.body.error.code).toBe("invitation_required");
    expect(await store.responses.count({ surveyId: SURVEY })).toBe(0);
    expect((await request(app).get(`/api/surveys/${SURVEY}`).expect(200)).body.access).toBe("invitation");
  });

  it("keeps one response per authority, in its own name whatever the form sends, resumable with the same link", async () => {
    const { app, store, tokenOf } = await world();
    const token = tokenOf("بلدية جبيل");
    // A tampered form claims another authority in another district.
    const tampered = censusAnswers({ authority_name: "Someone else", governorate: "north", district: "tripoli" });
    const created = await request(app)
      .post(`/api/surveys/${SURVEY}/responses`)
      .set(asHolder(token))
      .send({ answers: tampered, status: "draft", locale: "ar" })
      .expect(201);
    expect(created.body.resumeToken).toBe(token);
    const stored = await store.responses.findById(created.body.id);
    expect(stored?.answers).toMatchObject({ authority_name: "بلدية جبيل", governorate: "keserwan_jbeil", district: "jbeil" });
    expect(stored?.breakdown).toMatchObject({ governorate: "keserwan_jbeil", district: "jbeil" });

    // From another device: the same link finds the response instead of starting a second one.
    const again = await request(app)
      .post(`/api/surveys/${SURVEY}/responses`)
      .set(asHolder(token))
      .send({ answers: censusAnswers(), status: "draft", locale: "ar" })
      .expect(409);
    expect(again.body.error.code).toBe("response_exists");
    expect(((await request(app).get("/api/invitation").set(asHolder(token)).expect(200)).body as InvitationSession).responseId).toBe(created.body.id);

    const submitted = await request(app)
      .put(`/api/responses/${created.body.id}`)
      .set(asHolder(token))
      .send({ answers: tampered, status: "submitted", locale: "ar" })
      .expect(200);
    expect(submitted.body.status).toBe("submitted");
    expect((await store.responses.findById(created.body.id))?.answers.governorate).toBe("keserwan_jbeil");
    expect(await store.responses.count({ surveyId: SURVEY })).toBe(1);
  });

  it("does not let one authority's link open another's response or another questionnaire", async () => {
    const { app, tokenOf } = await world();
    const mine = await request(app)
      .post(`/api/surveys/${SURVEY}/responses`)
      .set(asHolder(tokenOf("Tripoli")))
      .send({ answers: censusAnswers(), status: "draft", locale: "fr" })
      .expect(201);
    expect(
      (
        await request(app)
          .get(`/api/responses/${mine.body.id}`)
          .set(asHolder(tokenOf("Zahlé")))
          .expect(403)
      ).body.error.code,
    ).toBe("forbidden");
    expect(
      (
        await request(app)
          .get("/api/invitation")
          .set(asHolder("x".repeat(43)))
          .expect(403)
      ).body.error.code,
    ).toBe("invitation_invalid");
    expect((await request(app).get("/api/invitation").expect(401)).body.error.code).toBe("unauthenticated");
  });

  it("shuts a revoked link out of the form and the response; a re-issued link opens the same response, the old one nothing", async () => {
    const { app, admin, tokenOf, idOf } = await world();
    const oldToken = tokenOf("Tripoli");
    const created = await request(app)
      .post(`/api/surveys/${SURVEY}/responses`)
      .set(asHolder(oldToken))
      .send({ answers: censusAnswers(), status: "draft", locale: "fr" })
      .expect(201);

    const revoked = await admin
      .post(`/api/admin/surveys/${SURVEY}/invitations/${idOf("Tripoli")}/revoke`)
      .set(CSRF_HEADER, admin.csrfToken)
      .expect(200);
    expect(revoked.body.state).toBe("revoked");
    expect((await request(app).get("/api/invitation").set(asHolder(oldToken)).expect(403)).body.error.code).toBe("invitation_invalid");
    await request(app).get(`/api/responses/${created.body.id}`).set(asHolder(oldToken)).expect(403);
    await request(app)
      .put(`/api/responses/${created.body.id}`)
      .set(asHolder(oldToken))
      .send({ answers: censusAnswers(), status: "submitted", locale: "fr" })
      .expect(403);

    const reissued = (
      await admin
        .post(`/api/admin/surveys/${SURVEY}/invitations/${idOf("Tripoli")}/reissue`)
        .set(CSRF_HEADER, admin.csrfToken)
        .expect(200)
    ).body as ReissuedInvitation;
    const newToken = reissued.link.slice(reissued.link.indexOf("#") + 1);
    expect(newToken).not.toBe(oldToken);
    expect(reissued.invitation.state).toBe("started");
    expect(parseCsvRecords(reissued.mailMergeCsv).map((record) => record.link)).toEqual([reissued.link]);
    await request(app).get("/api/invitation").set(asHolder(oldToken)).expect(403);
    expect(((await request(app).get("/api/invitation").set(asHolder(newToken)).expect(200)).body as InvitationSession).responseId).toBe(created.body.id);
    await request(app).get(`/api/responses/${created.body.id}`).set(asHolder(newToken)).expect(200);
    await request(app).get(`/api/responses/${created.body.id}`).set(asHolder(oldToken)).expect(403);
  });

  it("answers 404 for an invitation of another questionnaire or none, and writes both actions to the audit trail", async () => {
    const { admin, store, idOf } = await world();
    await admin
      .post(`/api/admin/surveys/mini/invitations/${idOf("Tripoli")}/revoke`)
      .set(CSRF_HEADER, admin.csrfToken)
      .expect(404);
    await admin.post(`/api/admin/surveys/${SURVEY}/invitations/00000000-0000-4000-8000-000000000000/reissue`).set(CSRF_HEADER, admin.csrfToken).expect(404);
    await admin
      .post(`/api/admin/surveys/${SURVEY}/invitations/${idOf("Tripoli")}/revoke`)
      .set(CSRF_HEADER, admin.csrfToken)
      .expect(200);
    await admin
      .post(`/api/admin/surveys/${SURVEY}/invitations/${idOf("Tripoli")}/reissue`)
      .set(CSRF_HEADER, admin.csrfToken)
      .expect(200);
    const actions = (await store.audit.list({ limit: 2 })).map((event) => [event.action, event.target]);
    expect(actions).toEqual([
      ["invitation_reissued", idOf("Tripoli")],
      ["invitation_revoked", idOf("Tripoli")],
    ]);
  });
});

describe("following progress", () => {
  it("counts invited, started and submitted per governorate and district, and lists who has not answered", async () => {
    const { app, admin, tokenOf, idOf } = await world();
    await request(app)
      .post(`/api/surveys/${SURVEY}/responses`)
      .set(asHolder(tokenOf("بلدية جبيل")))
      .send({ answers: censusAnswers(), status: "submitted", locale: "ar" })
      .expect(201);
    await request(app)
      .post(`/api/surveys/${SURVEY}/responses`)
      .set(asHolder(tokenOf("Tripoli")))
      .send({ answers: {}, status: "draft", locale: "fr" })
      .expect(201);
    await admin
      .post(`/api/admin/surveys/${SURVEY}/invitations/${idOf("Zahlé")}/revoke`)
      .set(CSRF_HEADER, admin.csrfToken)
      .expect(200);

    const progress = (await admin.get(`/api/admin/surveys/${SURVEY}/progress`).expect(200)).body as InvitationProgress;
    expect(progress.total).toEqual({ invited: 2, started: 2, submitted: 1, revoked: 1 });
    expect(
      progress.byGovernorate.map(({ value, label, invited, started, submitted, revoked }) => [value, label.fr, invited, started, submitted, revoked]),
    ).toEqual([
      ["keserwan_jbeil", "Keserwan-Jbeil", 1, 1, 1, 0],
      ["north", "Liban-Nord", 1, 1, 0, 0],
      ["bekaa", "Bekaa", 0, 0, 0, 1],
    ]);
    expect(progress.byDistrict.map(({ value, governorate, label }) => [value, governorate, label.ar])).toEqual([
      ["jbeil", "keserwan_jbeil", "جبيل"],
      ["tripoli", "north", "طرابلس"],
      ["zahle", "bekaa", "زحلة"],
    ]);

    const listed = ((await admin.get(`/api/admin/surveys/${SURVEY}/invitations`).expect(200)).body as InvitationList).invitations;
    expect(listed.map((invitation) => [invitation.authorityName, invitation.state, invitation.respondedAt === null])).toEqual([
      ["بلدية جبيل", "submitted", false],
      ["Tripoli", "started", false],
      ["Zahlé", "revoked", true],
    ]);

    const { res, bytes } = await download(admin, `/api/admin/surveys/${SURVEY}/non-respondents.csv?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/census-lebanon-non-respondents-\d{4}-\d{2}-\d{2}\.csv/);
    const records = parseCsvRecords(bytes.toString("utf8"));
    expect(records).toEqual([
      expect.objectContaining({ authority: "Tripoli", governorate: "North Lebanon", district: "Tripoli", state: "started, not submitted", language: "fr" }),
    ]);
    // The semicolon variant, as the other exports give for French Excel.
    const semicolons = await download(admin, `/api/admin/surveys/${SURVEY}/non-respondents.csv?lang=en&delimiter=%3B`);
    expect(semicolons.bytes.toString("utf8").split("\r\n")[0]).toContain(";");
    expect(parseCsvRecords(semicolons.bytes.toString("utf8"), ";")).toEqual(records);
    await admin.get(`/api/admin/surveys/${SURVEY}/non-respondents.csv?lang=xx`).expect(400);
  });
});
