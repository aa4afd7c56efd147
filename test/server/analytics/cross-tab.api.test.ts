import path from "node:path";
import fc from "fast-check";
import request from "supertest";
import type { AnalyticsCrossTab, Answers } from "@passerelle/shared";
import { parseCsvRecords } from "../../support/download";
import { miniAnswers } from "../../support/builders";
import { signedIn, testApp } from "../../support/test-app";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";

const TWINNING_DIR = path.join(__dirname, "../../fixtures/cross-tab");
const twinning = loadQuestionnaires(TWINNING_DIR);
const ANALYTICS = "/api/surveys/twinning/analytics";

function association(overrides: Answers): Answers {
  return { association: "Amitiés", region: "occitanie", ...overrides };
}

/** Seven associations; the figures below are counted by hand from this list. */
const SEVEN: Answers[] = [
  association({ region: "occitanie", size: "small", activities: ["exchanges", "culture"], wishes: ["visits", "funding"], has_partner: true }),
  association({ region: "occitanie", size: "large", activities: ["exchanges"], wishes: ["funding"], has_partner: true }),
  association({ region: "occitanie", size: "small", activities: ["culture", "other"], "activities-Comment": "Jazz", wishes: ["training"], has_partner: false }),
  association({ region: "occitanie", size: "small", activities: ["aid"], has_partner: false }),
  association({ region: "bretagne", size: "large", activities: ["exchanges", "aid"], wishes: ["visits"], has_partner: true }),
  association({ region: "bretagne", size: "small", activities: ["exchanges"], has_partner: true }),
  // Answers neither activities nor has_partner: outside any table crossing them.
  association({ region: "ile_de_france", size: "large" }),
];

async function twinningWith(responses: Answers[], minGroupSize = 2) {
  const context = testApp({ questionnaires: twinning, minGroupSize });
  for (const answers of responses) {
    await request(context.app).post("/api/surveys/twinning/responses").send({ answers, status: "submitted", locale: "fr" }).expect(201);
  }
  return context;
}

describe("cross-tables", () => {
  it("cross a breakdown field with a multiple choice: counts, row and column shares, totals, the small-group rule", async () => {
    const { app } = await twinningWith(SEVEN);
    const res = await (await signedIn(app)).get(`${ANALYTICS}/crosstab?rows=region&columns=activities`).expect(200);
    const table = res.body as AnalyticsCrossTab;
    expect(table).toMatchObject({ surveyId: "twinning", disclosure: "exact", minGroupSize: 2, respondents: 7, base: 6 });
    expect(table.rows).toEqual({
      question: "region",
      kind: "single",
      isMultiple: false,
      values: ["occitanie", "bretagne", "ile_de_france"],
      totals: [{ count: 4 }, { count: 2 }, { count: 0 }],
    });
    expect(table.columns).toMatchObject({ question: "activities", kind: "multi", isMultiple: true, values: ["exchanges", "culture", "aid", "other"] });
    // exchanges 4, culture 2, aid 2, other 1 (withheld: one association, under the minimum of 2).
    expect(table.columns.totals).toEqual([{ count: 4 }, { count: 2 }, { count: 2 }, { suppressed: true }]);
    // Occitanie: exchanges 2 of 4, culture 2, aid 1 (withheld), other 1 (withheld).
    expect(table.cells[0]).toEqual([
      { count: 2, rowShare: 2 / 4, columnShare: 2 / 4 },
      { count: 2, rowShare: 2 / 4, columnShare: 2 / 2 },
      { suppressed: true },
      { suppressed: true },
    ]);
    // Bretagne: exchanges 2 of 2, culture 0 (shown: a zero reveals nobody), aid 1 (withheld).
    expect(table.cells[1]).toEqual([
      { count: 2, rowShare: 1, columnShare: 2 / 4 },
      { count: 0, rowShare: 0, columnShare: 0 },
      { suppressed: true },
      { count: 0, rowShare: 0, columnShare: 0 },
    ]);
    // Île-de-France answered no activity: a row of zeros without shares.
    expect(table.cells[2]).toEqual(Array(4).fill({ count: 0, rowShare: null, columnShare: 0 }));
  });

  it("cross a ranking with a yes/no question, and follow the filters", async () => {
    const { app } = await twinningWith(SEVEN, 1);
    const analyst = await signedIn(app);
    const all = (await analyst.get(`${ANALYSTS_PATH}?rows=wishes&columns=has_partner`).expect(200)).body as AnalyticsCrossTab;
    expect(all.base).toBe(4);
    expect(all.columns.values).toEqual(["true", "false"]);
    // visits: 2 with a partner; funding: 2 with a partner; training: 1 without.
    expect(all.cells.map((line) => line.map((cell) => ("count" in cell ? cell.count : "withheld")))).toEqual([
      [2, 0],
      [2, 0],
      [0, 1],
    ]);
    const occitanie = (await analyst.get(`${ANALYSTS_PATH}?rows=wishes&columns=has_partner&region=occitanie`).expect(200)).body as AnalyticsCrossTab;
    expect(occitanie).toMatchObject({ filters: { region: "occitanie" }, respondents: 4, base: 3 });
    expect(occitanie.cells.map((line) => line.map((cell) => ("count" in cell ? cell.count : "withheld")))).toEqual([
      [1, 0],
      [2, 0],
      [0, 1],
    ]);
  });

  it("withholds the whole table when the filters narrow the respondents below the minimum", async () => {
    const { app } = await twinningWith(SEVEN, 3);
    const res = await (await signedIn(app)).get(`${ANALYSTS_PATH}?rows=size&columns=has_partner&region=bretagne`).expect(200);
    expect(res.body).toMatchObject({ respondents: 2, base: null });
    expect(res.body.cells.flat()).toEqual(Array(4).fill({ suppressed: true }));
    expect(res.body.rows.totals).toEqual([{ suppressed: true }, { suppressed: true }]);
  });

  it("downloads as a CSV with titles and labels in the chosen language, French decimal commas with ;", async () => {
    const { app } = await twinningWith(SEVEN);
    const res = await (await signedIn(app)).get(`${ANALYSTS_PATH}.csv?rows=region&columns=has_partner&lang=fr&delimiter=%3B`).expect(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="twinning-crosstab-region-x-has_partner.csv"');
    const records = parseCsvRecords(res.text, ";");
    expect(Object.keys(records[0] ?? {})).toEqual(["Région", "Déjà une ville partenaire ?", "Répondants", "% de la ligne", "% de la colonne"]);
    expect(records.slice(0, 4).map(Object.values)).toEqual([
      ["Occitanie", "Déjà", "2", "50,0", "50,0"],
      ["Occitanie", "Pas encore", "2", "50,0", "100,0"],
      ["Bretagne", "Déjà", "2", "100,0", "50,0"],
      ["Bretagne", "Pas encore", "0", "0,0", "0,0"],
    ]);
    expect(records.map(Object.values)).toContainEqual(["Total", "Total", "6", "", ""]);
    expect(records.map(Object.values)).toContainEqual(["Total", "Déjà", "4", "", ""]);
    const english = await (await signedIn(app)).get(`${ANALYSTS_PATH}.csv?rows=activities&columns=size&lang=en`).expect(200);
    const englishRecords = parseCsvRecords(english.text);
    expect(englishRecords).toContainEqual({
      Activities: "Other",
      Members: "Under 50",
      Respondents: "withheld (fewer than 2)",
      "% of row": "",
      "% of column": "",
    });
  });

  it("writes each download to the audit trail", async () => {
    const { app, store } = await twinningWith(SEVEN);
    await (await signedIn(app)).get(`${ANALYSTS_PATH}.csv?rows=region&columns=size`).expect(200);
    const events = await store.audit.list({ limit: 10 });
    expect(events.map((event) => [event.action, event.target])).toContainEqual(["export", "twinning-crosstab-region-x-size.csv"]);
  });

  it("works on the census's breakdown fields too", async () => {
    const { app } = testApp({ minGroupSize: 1 });
    for (const answers of [miniAnswers(), miniAnswers({ governorate: "south", district: "tyre", authority_kind: "union_of_municipalities" })]) {
      await request(app).post("/api/surveys/mini/responses").send({ answers, status: "submitted", locale: "fr" }).expect(201);
    }
    const res = await (await signedIn(app)).get("/api/surveys/mini/analytics/crosstab?rows=district&columns=authority_kind").expect(200);
    expect(res.body.rows.values).toEqual(expect.arrayContaining(["tripoli", "tyre"]));
    const tyre = res.body.rows.values.indexOf("tyre");
    expect(res.body.cells[tyre]).toEqual([
      { count: 0, rowShare: 0, columnShare: 0 },
      { count: 1, rowShare: 1, columnShare: 1 },
    ]);
  });
});

const ANALYSTS_PATH = `${ANALYTICS}/crosstab`;

describe("a cross-table's figures", () => {
  // Straightforward: every pair of values, every response, counted again from the answers sent.
  function recount(responses: Answers[], rows: string, columns: string, rowValues: string[], columnValues: string[]) {
    const valuesOf = (answer: unknown) => new Set((Array.isArray(answer) ? answer : answer === undefined ? [] : [answer]).map(String));
    const answered = responses.filter((answers) => valuesOf(answers[rows]).size > 0 && valuesOf(answers[columns]).size > 0);
    return {
      base: answered.length,
      cells: rowValues.map((row) =>
        columnValues.map((column) => answered.filter((answers) => valuesOf(answers[rows]).has(row) && valuesOf(answers[columns]).has(column)).length),
      ),
    };
  }

  const answersArbitrary = fc.record(
    {
      association: fc.constant("Amitiés"),
      region: fc.constantFrom("occitanie", "bretagne", "ile_de_france"),
      size: fc.constantFrom("small", "large"),
      activities: fc.uniqueArray(fc.constantFrom("exchanges", "culture", "aid"), { minLength: 1, maxLength: 3 }),
      wishes: fc.uniqueArray(fc.constantFrom("visits", "funding", "training"), { minLength: 1, maxLength: 3 }),
      has_partner: fc.boolean(),
    },
    { requiredKeys: ["association", "region"] },
  );
  const pairs = [
    ["region", "activities"],
    ["activities", "wishes"],
    ["wishes", "has_partner"],
    ["has_partner", "size"],
  ] as const;

  it("equal a recount of the answers sent, for any answers and any pair (small-group rule off)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answersArbitrary, { maxLength: 8 }), fc.constantFrom(...pairs), async (responses, [rows, columns]) => {
        const { app } = await twinningWith(responses as Answers[], 1);
        const table = (await (await signedIn(app)).get(`${ANALYSTS_PATH}?rows=${rows}&columns=${columns}`).expect(200)).body as AnalyticsCrossTab;
        const expected = recount(responses as Answers[], rows, columns, table.rows.values, table.columns.values);
        expect(table.base).toBe(expected.base);
        expect(table.cells.map((line) => line.map((cell) => ("count" in cell ? cell.count : -1)))).toEqual(expected.cells);
      }),
      { numRuns: 12 },
    );
  });
});

describe("a cross-table read from the summary cube", () => {
  // A free period (not from a month's first day) is counted from the responses; the same
  // responses under a filter the cube answers must give the very same table.
  const FREE_PERIOD = "from=2000-01-02";
  const answersArbitrary = fc.record(
    {
      association: fc.constant("Amitiés"),
      region: fc.constantFrom("occitanie", "bretagne", "ile_de_france", "atlantis", 7),
      size: fc.constantFrom("small", "large"),
      activities: fc.oneof(fc.uniqueArray(fc.constantFrom("exchanges", "culture", "aid", "unknown"), { maxLength: 4 }), fc.constant("culture")),
      wishes: fc.uniqueArray(fc.constantFrom("visits", "funding", "training"), { minLength: 1, maxLength: 3 }),
      has_partner: fc.boolean(),
    },
    { requiredKeys: ["association"] },
  );
  const pairs = [
    ["region", "activities"],
    ["activities", "region"],
    ["region", "size"],
    ["size", "has_partner"],
    ["wishes", "size"],
  ] as const;

  it("gives the table counting every response gives, rows, columns, totals and shares, filtered or not", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(answersArbitrary, { maxLength: 10 }),
        fc.constantFrom(...pairs),
        fc.constantFrom("", "region=occitanie&", "size=large&"),
        async (responses, [rows, columns], filter) => {
          // Sent straight to the store: the form would refuse some of these answers, stored data may
          // hold them. No small-group rule: a filtered view of a few is withheld, an unfiltered one not.
          const context = testApp({ questionnaires: twinning, minGroupSize: 1 });
          const at = new Date("2026-06-03T10:00:00Z");
          await context.store.responses.insertMany(
            responses.map((answers, index) => ({
              id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
              surveyId: "twinning",
              version: context.questionnaires.get("twinning").version,
              status: "submitted" as const,
              locale: "fr",
              answers,
              breakdown: Object.fromEntries(
                ["region", "size"].flatMap((field) =>
                  typeof answers[field as keyof typeof answers] === "string" ? [[field, String(answers[field as keyof typeof answers])]] : [],
                ),
              ),
              tokenHash: "0".repeat(64),
              revision: 1,
              createdAt: at,
              updatedAt: at,
              submittedAt: at,
            })),
          );
          const analyst = await signedIn(context.app);
          const fromCube = (await analyst.get(`${ANALYSTS_PATH}?${filter}rows=${rows}&columns=${columns}`).expect(200)).body as AnalyticsCrossTab;
          const counted = (await analyst.get(`${ANALYSTS_PATH}?${filter}${FREE_PERIOD}&rows=${rows}&columns=${columns}`).expect(200)).body as AnalyticsCrossTab;
          expect({ ...fromCube, filters: undefined }).toEqual({ ...counted, filters: undefined });
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("a cross-table over versions that asked a side otherwise", () => {
  // One response to an older version changed by `change`, one to the current version.
  async function withOlderVersion(
    change: (definition: { breakdownFields: string[]; pages: { elements: { name: string; choices?: unknown[] }[] }[] }) => void,
    activities: string[],
  ) {
    const context = testApp({ questionnaires: twinning, minGroupSize: 1 });
    const current = context.questionnaires.get("twinning");
    const old = structuredClone(current.definition) as Parameters<typeof change>[0];
    change(old);
    await context.store.questionnaireVersions.save({
      version: "0ld0ld0ld0ld0ld0",
      surveyId: "twinning",
      definition: old,
      firstSeenAt: new Date("2026-05-01T00:00:00Z"),
    });
    const at = new Date("2026-06-03T10:00:00Z");
    const stored = (id: string, version: string, answered: string[]) => ({
      id,
      surveyId: "twinning",
      version,
      status: "submitted" as const,
      locale: "fr" as const,
      answers: { association: "Amitiés", region: "occitanie", size: "small", activities: answered },
      breakdown: { region: "occitanie", size: "small" },
      tokenHash: "0".repeat(64),
      revision: 1,
      createdAt: at,
      updatedAt: at,
      submittedAt: at,
    });
    await context.store.responses.insertMany([
      stored("00000000-0000-4000-8000-000000000b01", "0ld0ld0ld0ld0ld0", activities),
      stored("00000000-0000-4000-8000-000000000b02", current.version, ["culture"]),
    ]);
    const analyst = await signedIn(context.app);
    return (await analyst.get(`${ANALYSTS_PATH}?rows=region&columns=activities`).expect(200)).body as AnalyticsCrossTab;
  }

  it("counts the responses, as the cells would count what the current version no longer offers", async () => {
    // An older version also offered "sport" among the activities.
    const table = await withOlderVersion(
      (old) => {
        old.pages
          .flatMap((page) => page.elements)
          .find((element) => element.name === "activities")
          ?.choices?.push({ value: "sport" });
      },
      ["sport"],
    );
    // "sport" is no choice of the current version: the old response answered nothing it offers.
    expect(table.base).toBe(1);
    expect(table.columns.values).toEqual(["exchanges", "culture", "aid", "other"]);
  });

  it("counts the responses when an older version did not make the breakdown side a breakdown field", async () => {
    // The older version's cells know no region: only its answers do.
    const table = await withOlderVersion(
      (old) => {
        old.breakdownFields = ["size"];
      },
      ["culture"],
    );
    expect(table.base).toBe(2);
    const occitanie = table.rows.values.indexOf("occitanie");
    const culture = table.columns.values.indexOf("culture");
    expect(table.cells[occitanie]?.[culture]).toMatchObject({ count: 2 });
  });
});

describe("cross-tables refuse", () => {
  it.each([
    ["an unknown question", "rows=region&columns=favourite_colour", 404, "question_not_found", "columns"],
    ["a question that cannot be crossed (a text)", "rows=remarks&columns=region", 400, "invalid_request", "rows"],
    ["a question that cannot be crossed (a rating)", "rows=region&columns=satisfaction", 400, "invalid_request", "columns"],
    ["the same question twice", "rows=region&columns=region", 400, "invalid_request", "columns"],
    ["a missing side", "rows=region", 400, "invalid_request", "columns"],
    ["two values for one side", "rows=region&rows=size&columns=activities", 400, "invalid_request", "rows"],
    ["an unknown filter value", "rows=region&columns=size&region=normandie", 400, "invalid_request", "region"],
  ])("%s with a JSON error naming it", async (_case, query, status, code, parameter) => {
    const { app, store } = await twinningWith(SEVEN.slice(0, 2));
    const analyst = await signedIn(app);
    const before = await store.audit.list({ limit: 100 });
    const res = await analyst.get(`${ANALYSTS_PATH}?${query}`).expect(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.details.map((detail: { question: string }) => detail.question)).toContain(parameter);
    // And nothing is written: the download of a refused table is not audited either.
    const csv = await analyst.get(`${ANALYSTS_PATH}.csv?${query}`).expect(status);
    expect(csv.body.error.code).toBe(code);
    expect(await store.audit.list({ limit: 100 })).toEqual(before);
  });

  it("a download option it does not know", async () => {
    const { app } = await twinningWith([]);
    const res = await (await signedIn(app)).get(`${ANALYSTS_PATH}.csv?rows=region&columns=size&delimiter=tab`).expect(400);
    expect(res.body.error).toMatchObject({ code: "invalid_request", details: [{ question: "delimiter" }] });
  });

  it("viewers, who get no cross-table at all", async () => {
    const { app } = await twinningWith(SEVEN);
    const res = await (await signedIn(app, "viewer")).get(`${ANALYSTS_PATH}?rows=region&columns=size`).expect(403);
    expect(res.body.error.code).toBe("forbidden");
  });
});
