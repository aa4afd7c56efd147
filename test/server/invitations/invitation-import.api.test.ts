import request from "supertest";
import type { InvitationImportReport, InvitationList } from "@passerelle/shared";
import { parseCsvRecords } from "../../support/download";
import { importInvitations } from "../../../server/src/invitations/invitations.service";
import { importList, invitationOnlyCensus, linksOf, listFile } from "../../support/invitations";
import { signedIn, testApp } from "../../support/test-app";

const HEADER = "name,kind,governorate,district,email,language";

async function world() {
  const context = testApp({ surveysDir: invitationOnlyCensus() });
  return { ...context, admin: await signedIn(context.app, "admin") };
}

async function imported(admin: Awaited<ReturnType<typeof world>>["admin"], file: string | Buffer): Promise<InvitationImportReport> {
  return (await importList(admin, "census-lebanon", file).expect(200)).body as InvitationImportReport;
}

describe("importing the list of authorities", () => {
  it("creates one invitation per good line, reports every bad line by number and problem, and keeps going", async () => {
    const { admin, store } = await world();
    const report = await imported(
      admin,
      listFile(
        HEADER,
        "Municipalité de Jbeil,municipality,keserwan_jbeil,jbeil,Mairie@Jbeil.example,fr",
        ",municipality,north,tripoli,a@b.example,ar", // 3: no name
        "بلدية صور,بلدية,الجنوب,صور,sour@example.org,العربية", // 4: labels in Arabic
        "Zgharta,municipality,Atlantis,zgharta,,", // 5: unknown governorate
        "Baalbek,municipality,bekaa,baalbek,,", // 6: Baalbek is in Baalbek-Hermel, not Bekaa
        "Chouf,union,Mont-Liban,Chouf,not-an-email,fr", // 7: bad e-mail
        "Koura,municipality,north,koura,,klingon", // 8: unknown language
        "municipalité de JBEIL,Municipalité,Keserwan-Jbeil,Jbeil,,", // 9: line 2 again, spelled differently
        "",
        "Union des municipalités du Metn,Union de municipalités,Mont-Liban,Metn,metn@example.org,",
      ),
    );
    expect(report.counts).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 6 });
    const problems = report.lines
      .filter((line) => line.outcome === "rejected")
      .map((line) => [line.line, line.problems.map((problem) => `${problem.column}:${problem.code}`)]);
    expect(problems).toEqual([
      [3, ["name:missing"]],
      [5, ["governorate:unknown_choice"]],
      [6, ["district:district_outside_governorate"]],
      [7, ["email:invalid_email"]],
      [8, ["language:unknown_language"]],
      [9, ["line:duplicate_line"]],
    ]);
    expect(report.lines.find((line) => line.line === 9)?.problems[0]?.message).toContain("line 2");

    const stored = await store.invitations.listForSurvey("census-lebanon");
    expect(
      stored.map(({ authorityName, authorityKind, governorate, district, email, locale }) => ({
        authorityName,
        authorityKind,
        governorate,
        district,
        email,
        locale,
      })),
    ).toEqual([
      {
        authorityName: "Municipalité de Jbeil",
        authorityKind: "municipality",
        governorate: "keserwan_jbeil",
        district: "jbeil",
        email: "mairie@jbeil.example",
        locale: "fr",
      },
      { authorityName: "بلدية صور", authorityKind: "municipality", governorate: "south", district: "tyre", email: "sour@example.org", locale: "ar" },
      {
        authorityName: "Union des municipalités du Metn",
        authorityKind: "union_of_municipalities",
        governorate: "mount_lebanon",
        district: "metn",
        email: "metn@example.org",
        locale: null,
      },
    ]);
  });

  it("gives each new invitation a link, in a mail-merge file, and keeps only a hash of its token", async () => {
    const { admin, store } = await world();
    const report = await imported(admin, listFile(HEADER, "Tripoli,municipality,north,tripoli,tripoli@example.org,ar", "Saida,municipality,south,saida,,fr"));
    const records = parseCsvRecords(report.mailMergeCsv!);
    expect(report.mailMergeCsv!.startsWith("\uFEFF")).toBe(true);
    expect(records.map((record) => [record.name, record.governorate, record.district, record.language])).toEqual([
      ["Tripoli", "الشمال", "طرابلس", "ar"],
      ["Saida", "Liban-Sud", "Saïda", "fr"],
    ]);
    const links = [...linksOf(report).values()];
    expect(links.map((link) => link.link)).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/surveys\/census-lebanon\/invitation#[A-Za-z0-9_-]{43}$/),
      expect.any(String),
    ]);
    expect(new Set(links.map((link) => link.token)).size).toBe(2);
    const everythingStored = JSON.stringify(await store.invitations.listForSurvey("census-lebanon"));
    for (const { token } of links) expect(everythingStored).not.toContain(token);
  });

  it("updates instead of duplicating on a second import, keeping the links already sent", async () => {
    const { app, admin, store } = await world();
    const first = await imported(admin, listFile(HEADER, "Tripoli,municipality,north,tripoli,old@example.org,ar", "Saida,municipality,south,saida,,fr"));
    const { token } = linksOf(first).get("Tripoli")!;
    const second = await imported(
      admin,
      listFile(
        "Nom;Type;Gouvernorat;Caza;Courriel;Langue",
        "TRIPOLI;municipality;north;tripoli;new@example.org;ar",
        "Saida;municipality;south;saida;;fr",
        "Zahlé;municipality;bekaa;zahle;;",
      ),
    );
    expect(second.counts).toEqual({ created: 1, updated: 1, unchanged: 1, rejected: 0 });
    expect([...linksOf(second).keys()]).toEqual(["Zahlé"]);
    const invitations = await store.invitations.listForSurvey("census-lebanon");
    expect(invitations.map((invitation) => [invitation.authorityName, invitation.email])).toEqual([
      ["TRIPOLI", "new@example.org"],
      ["Saida", ""],
      ["Zahlé", ""],
    ]);
    await request(app).get("/api/invitation").set("Authorization", `Bearer ${token}`).expect(200);
  });

  it("asks only for the name when the questionnaire fills nothing in from an invitation", async () => {
    const { app, store } = testApp();
    const admin = await signedIn(app, "admin");
    const report = (await importList(admin, "mini", listFile("name;email", "Ville de Lyon;international@lyon.example", ";nobody@lyon.example")).expect(200))
      .body as InvitationImportReport;
    expect(report.counts).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect((await store.invitations.listForSurvey("mini")).map((invitation) => [invitation.authorityName, invitation.email, invitation.district])).toEqual([
      ["Ville de Lyon", "international@lyon.example", ""],
    ]);
  });

  it("reads a two-column list separated by semicolons, blank last line included", async () => {
    const { admin, store } = await world();
    await importList(admin, "census-lebanon", "name;district\r\nTripoli;tripoli\r\n\r\n").expect(400);
    const { counts } = await imported(admin, "nom;type;gouvernorat;caza\r\nTripoli;municipality;north;tripoli\r\n;;;\r\n");
    expect(counts.created).toBe(1);
    expect((await store.invitations.listForSurvey("census-lebanon")).map((invitation) => invitation.district)).toEqual(["tripoli"]);
  });

  it("reads a semicolon list by its header even when every name holds commas", async () => {
    const { admin } = await world();
    const report = await imported(
      admin,
      listFile(
        "Nom;Type;Gouvernorat;Caza;Courriel;Langue",
        "Union du Metn, Beit Mery, Broummana;union;Mont-Liban;Metn;;fr",
        "Union du Chouf, Deir el Qamar, Beiteddine;union;Mont-Liban;Chouf;;fr",
        "Union de Jezzine, Roum, Kfarfalous;union;Liban-Sud;Jezzine;;fr",
      ),
    );
    expect(report.counts).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(report.lines.map((line) => line.authorityName)).toEqual([
      "Union du Metn, Beit Mery, Broummana",
      "Union du Chouf, Deir el Qamar, Beiteddine",
      "Union de Jezzine, Roum, Kfarfalous",
    ]);
  });

  it("refuses the second of two imports of the same new authority running together, writing it once", async () => {
    const { store, questionnaires } = testApp({ surveysDir: invitationOnlyCensus() });
    // Both imports read the list before either writes, as two administrators' uploads can.
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const listForSurvey = store.invitations.listForSurvey.bind(store.invitations);
    store.invitations.listForSurvey = async (surveyId) => {
      const listed = await listForSurvey(surveyId);
      reads += 1;
      if (reads === 2) release();
      await bothRead;
      return listed;
    };
    const deps = { store, questionnaires, now: () => new Date() };
    const file = Buffer.from(listFile(HEADER, "Tripoli,municipality,north,tripoli,,"), "utf8");
    const outcomes = await Promise.allSettled(
      [0, 1].map(() => importInvitations(deps, { surveyId: "census-lebanon", file, origin: "https://census.example.org", actor: "admin@example.org" })),
    );
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refusal = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(refusal.reason).toMatchObject({ code: "import_conflict", status: 409 });
    expect(await listForSurvey("census-lebanon")).toHaveLength(1);
  });

  it("records the import in the audit trail", async () => {
    const { admin, store } = await world();
    await imported(admin, listFile(HEADER, "Tripoli,municipality,north,tripoli,,", ",,,,,"));
    await imported(admin, listFile(HEADER, "Tripoli,municipality,north,tripoli,,", "Nowhere,municipality,north,,,"));
    const [event] = await store.audit.list({ limit: 1 });
    expect(event).toMatchObject({
      actor: "admin@example.org",
      action: "invitations_imported",
      target: "census-lebanon",
      details: { created: 0, unchanged: 1, rejected: 1, rejectedLines: [3] },
    });
  });

  it.each([
    ["an empty file", "", "empty"],
    ["a header without the district", "name,kind,governorate,email\r\nTripoli,municipality,north,a@b.example\r\n", "district"],
    ["a column twice", "name,kind,governorate,district,nom\r\n", "twice"],
    ["an unclosed quotation mark", `${HEADER}\r\n"Tripoli,municipality,north,tripoli,,\r\n`, "quotation mark"],
  ])("refuses %s as a whole, naming the problem, and writes nothing", async (_case, file, words) => {
    const { admin, store } = await world();
    const res = await importList(admin, "census-lebanon", file).expect(400);
    expect(res.body.error).toMatchObject({ code: "invalid_import", message: expect.stringContaining(words) });
    expect(await store.invitations.listForSurvey("census-lebanon")).toEqual([]);
  });

  it("refuses a file that is not UTF-8, saying how to save it", async () => {
    const { admin } = await world();
    const latin1 = Buffer.from(`${HEADER}\r\nZahlé,municipality,bekaa,zahle,,\r\n`, "latin1");
    const res = await importList(admin, "census-lebanon", latin1).expect(400);
    expect(res.body.error.message).toContain("CSV UTF-8");
  });

  it("refuses more lines than a list of authorities can have", async () => {
    const { admin } = await world();
    const lines = Array.from({ length: 5001 }, (_unused, index) => `Town ${index},municipality,north,tripoli,,`);
    const res = await importList(admin, "census-lebanon", listFile(HEADER, ...lines)).expect(400);
    expect(res.body.error.message).toContain("at most 5000");
  });

  it("takes a list of exactly 5000 authorities: blank lines and the final line break are not counted", async () => {
    const { admin, store } = await world();
    const lines = Array.from({ length: 5000 }, (_unused, index) => `Town ${index},municipality,north,tripoli,,`);
    const report = await imported(admin, listFile(HEADER, ...lines.slice(0, 2500), "", ",,,,,", ...lines.slice(2500), ""));
    expect(report.counts).toEqual({ created: 5000, updated: 0, unchanged: 0, rejected: 0 });
    expect(report.lines.at(-1)?.line).toBe(5003);
    expect(await store.invitations.listForSurvey("census-lebanon")).toHaveLength(5000);
  });

  it("wants the file itself as CSV, and an existing questionnaire", async () => {
    const { admin } = await world();
    expect((await importList(admin, "census-lebanon", "{}", "application/json").expect(415)).body.error.code).toBe("unsupported_media_type");
    expect((await importList(admin, "nothing-here", listFile(HEADER)).expect(404)).body.error.code).toBe("survey_not_found");
    const listed = (await admin.get("/api/admin/surveys/census-lebanon/invitations").expect(200)).body as InvitationList;
    expect(listed.invitations).toEqual([]);
  });
});
