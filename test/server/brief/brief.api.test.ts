import JSZip from "jszip";
import request from "supertest";
import type { ExcerptList, ThematicBrief } from "@passerelle/shared";
import { CSRF_HEADER, signedIn, type StaffAgent } from "../../support/test-app";
import { voicesWorld } from "../../support/voices-world";

const FILTERS = ["", "?province=north", "?province=south", "?province=bekaa", "?from=2026-06-01&to=2026-06-30"];

async function briefOf(agent: StaffAgent, query = "") {
  return (await agent.get(`/api/surveys/voices/brief${query}`).expect(200)).body as ThematicBrief;
}

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => callback(null, Buffer.concat(chunks)));
};

async function documentXml(agent: StaffAgent, query: string): Promise<string> {
  const res = await agent.get(`/api/surveys/voices/brief.docx${query}`).buffer(true).parse(binary).expect(200);
  expect(res.headers["content-type"]).toContain("wordprocessingml");
  const zip = await JSZip.loadAsync(res.body as Buffer);
  return zip.file("word/document.xml")!.async("string");
}

describe("the thematic brief", () => {
  it.each(["analyst", "viewer"] as const)("gives a %s the analytics API's own figures for the same filters", async (role) => {
    const { app } = await voicesWorld({ now: () => new Date("2026-06-15T10:00:00Z") });
    const agent = await signedIn(app, role);
    for (const query of FILTERS) {
      const res = await agent.get(`/api/surveys/voices/brief${query}`);
      if (res.status !== 200) {
        // A viewer's filters are those the analytics API accepts from them, with the same refusal.
        const analytics = await agent.get(`/api/surveys/voices/analytics/overview${query}`);
        expect([res.status, res.body.error.code]).toEqual([analytics.status, analytics.body.error.code]);
        continue;
      }
      const brief = res.body as ThematicBrief;
      const same = async (path: string) => (await agent.get(`/api/surveys/voices/analytics/${path}${query}`).expect(200)).body;
      expect(brief.overview).toEqual(await same("overview"));
      expect(brief.themes).toEqual(await same("themes"));
      expect(brief.themeQuestion).toEqual(await same("questions/top_needs"));
      expect(brief.disclosure).toBe(role === "viewer" ? "controlled" : "exact");
    }
  });

  it("ranks the themes by Borda score, and crosses the other multiple choices with those who cite each", async () => {
    const { app } = await voicesWorld();
    const brief = await briefOf(await signedIn(app, "analyst"));
    // Two ranked: 2 points for the first, 1 for the second. w: 2+2+1+2+2=9, h: 1+2+2+2+1=8, e: 1+2+1=4.
    expect(brief.priorities).toEqual(["water_sanitation", "health", "energy"]);
    expect(brief.crossedQuestions).toEqual(["ways", "obstacles"]);
    expect(brief.citers.water_sanitation).toEqual({
      cited: 5,
      questions: {
        ways: { kind: "counts", n: 3, counts: { expertise: 2, training: 1, funding: 1 } },
        obstacles: { kind: "counts", n: 2, counts: { security: 1, staff: 1 } },
      },
    });
    // Energy's citers are three: shown to an analyst; health's four.
    expect(brief.citers.energy).toMatchObject({ cited: 3 });
    expect(brief.facetQuestions.water_sanitation).toEqual({ need: "water_words", urgency: "water_when", budget: "water_cost" });
    expect(brief.invited).toBeNull();
    expect(brief.versions.map((version) => version.version)).toHaveLength(1);
  });

  it("withholds a theme's crossing from viewers when those who do not cite it are too few", async () => {
    const { app } = await voicesWorld();
    const brief = await briefOf(await signedIn(app, "viewer"));
    // Eight respondents: water and health are cited by 5 each (3 do not), energy by 3 (5 do not).
    expect(brief.citers.water_sanitation).toMatchObject({ cited: 5 });
    expect(brief.citers.health).toMatchObject({ cited: 5 });
    expect(brief.citers.energy).toMatchObject({ cited: 3 });
    const { app: stricter } = await voicesWorld({ minGroupSize: 4 });
    const viewers = await briefOf(await signedIn(stricter, "viewer"));
    expect([viewers.citers.water_sanitation, viewers.citers.health, viewers.citers.energy]).toEqual([
      { suppressed: true },
      { suppressed: true },
      { suppressed: true },
    ]);
    // An analyst, who reads the responses anyway, sees every crossing of at least four.
    const analysts = await briefOf(await signedIn(stricter, "analyst"));
    expect([analysts.citers.water_sanitation, analysts.citers.health, analysts.citers.energy]).toEqual([
      expect.objectContaining({ cited: 5 }),
      expect.objectContaining({ cited: 5 }),
      { suppressed: true },
    ]);
  });

  it("holds the published excerpts only, filtered like the rest, and none in a group too small", async () => {
    const { app, submitted } = await voicesWorld();
    const analyst = await signedIn(app, "analyst");
    const publish = (council: string, questionName: string) =>
      analyst
        .post("/api/surveys/voices/excerpts")
        .set(CSRF_HEADER, analyst.csrfToken)
        .send({ responseId: submitted.get(council)!.id, questionName, keepAuthority: true })
        .expect(201);
    await publish("Batroun", "water_words");
    await publish("Zahlé", "water_words");
    const viewer = await signedIn(app, "viewer");
    expect((await briefOf(viewer)).excerpts.map((excerpt) => excerpt.authorityName)).toEqual(["Batroun", "Zahlé"]);
    expect((await briefOf(viewer, "?province=north")).excerpts.map((excerpt) => excerpt.authorityName)).toEqual(["Batroun"]);
    // The Bekaa has one respondent: its figures are withheld, and so are its words.
    expect((await briefOf(analyst, "?province=bekaa")).excerpts).toEqual([]);
    const raw = JSON.stringify(await briefOf(viewer));
    expect(raw).not.toContain(submitted.get("Batroun")!.id);
    expect(raw).not.toContain("The clinic has no doctor");
    const all = (await viewer.get("/api/surveys/voices/excerpts").expect(200)).body as ExcerptList;
    expect(all.excerpts).toHaveLength(2);
  });

  it("counts the authorities invited, those withdrawn aside", async () => {
    const { app } = await voicesWorld();
    const admin = await signedIn(app, "admin");
    expect((await briefOf(admin)).invited).toBeNull();
    const imported = await admin
      .post("/api/admin/surveys/voices/invitations/import")
      .set(CSRF_HEADER, admin.csrfToken)
      .set("Content-Type", "text/csv")
      .send("name,governorate\r\nBatroun,north\r\nTyr,south\r\nHermel,bekaa\r\n")
      .expect(200);
    const withdrawn = imported.body.lines[2].invitationId as string;
    await admin.post(`/api/admin/surveys/voices/invitations/${withdrawn}/revoke`).set(CSRF_HEADER, admin.csrfToken).expect(200);
    expect((await briefOf(await signedIn(app, "viewer"))).invited).toBe(2);
  });

  it("refuses a bad filter or language with a 400 naming it", async () => {
    const { app } = await voicesWorld();
    const analyst = await signedIn(app, "analyst");
    expect((await analyst.get("/api/surveys/voices/brief?province=mars").expect(400)).body.error.details[0].question).toBe("province");
    expect((await analyst.get("/api/surveys/voices/brief.docx?locale=de").expect(400)).body.error.details[0].question).toBe("locale");
    expect((await analyst.get("/api/surveys/voices/brief.docx?colour=red").expect(400)).body.error.details[0].question).toBe("colour");
  });
});

describe("the Word brief", () => {
  it("opens and holds the figures, the themes in priority order, each on its own page, with its charts", async () => {
    const { app } = await voicesWorld();
    const viewer = await signedIn(app, "viewer");
    const brief = await briefOf(viewer);
    const xml = await documentXml(viewer, "?locale=fr");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("Note thématique");
    expect(text).toContain("Eau et assainissement");
    const water = brief.themes.themes.find((entry) => entry.theme === "water_sanitation")!.overall as { score: number; share: number };
    expect(text).toContain(new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 }).format(water.share));
    expect(text).toContain(`${water.score}`);
    expect(text.indexOf("Eau et assainissement")).toBeLessThan(text.indexOf("Énergie"));
    expect((xml.match(/<w:pageBreakBefore\/>/g) ?? []).length).toBeGreaterThanOrEqual(1 + 3);
    expect((xml.match(/<pic:pic/g) ?? []).length).toBeGreaterThan(3);
    expect(xml).not.toContain("<w:bidi/>");
  });

  it("writes Arabic right to left, with Arabic digits, and each excerpt in its own direction", async () => {
    const { app, submitted } = await voicesWorld();
    const analyst = await signedIn(app, "analyst");
    await analyst
      .post("/api/surveys/voices/excerpts")
      .set(CSRF_HEADER, analyst.csrfToken)
      .send({ responseId: submitted.get("Batroun")!.id, questionName: "water_words" })
      .expect(201);
    const xml = await documentXml(analyst, "?locale=ar&province=north");
    expect(xml).toContain("<w:bidi/>");
    expect(xml).toContain("<w:rtl/>");
    expect(xml).toContain("مذكرة موضوعية");
    expect(xml).toContain("المياه والصرف الصحي");
    const brief = await briefOf(analyst, "?province=north");
    expect(xml).toContain(new Intl.NumberFormat("ar-LB").format(brief.overview.respondents!));
    // The French excerpt's paragraph is left to right inside the Arabic document.
    const paragraph = xml.split("</w:p>").find((part) => part.includes("Le réseau d&apos;eau potable") || part.includes("Le réseau d'eau potable"))!;
    expect(paragraph).toBeDefined();
    expect(paragraph).not.toContain("<w:bidi/>");
  });
});
