import type { AnalyticsCrossTab } from "@passerelle/shared";
import { crossableQuestions, crossTabView, defaultAxes } from "../../../client/src/features/dashboard/cross-tab-table";
import { readDashboardQuestionnaire } from "../../../client/src/features/dashboard/dashboard-questionnaire";
import { ctxFor, FALLBACKS, miniQuestionnaire, plain } from "./dashboard-fixtures";

const questionnaire = miniQuestionnaire("fr");

test("crossable questions are the choice, ranking and yes/no ones; the default pair starts with the first breakdown field", () => {
  const names = crossableQuestions(questionnaire).map((question) => question.name);
  expect(names).toEqual(expect.arrayContaining(["governorate", "district", "priority_themes"]));
  expect(names).not.toContain("population");
  expect(names).not.toContain("authority_name");
  expect(defaultAxes(questionnaire)).toEqual({ rows: "governorate", columns: "priority_themes" });
});

test("a questionnaire with fewer than two crossable questions has no default pair", () => {
  const lonely = readDashboardQuestionnaire(
    {
      pages: [
        {
          name: "p",
          elements: [
            { type: "boolean", name: "ok" },
            { type: "text", name: "why" },
          ],
        },
      ],
    },
    "fr",
    FALLBACKS,
  );
  expect(defaultAxes(lonely)).toBeUndefined();
});

// North: 4 answered, South: 1 (withheld). Water 3 in the North, health 2.
const TABLE: AnalyticsCrossTab = {
  surveyId: "mini",
  filters: {},
  disclosure: "exact",
  minGroupSize: 3,
  respondents: 6,
  base: 5,
  rows: { question: "governorate", kind: "single", isMultiple: false, values: ["north", "south"], totals: [{ count: 4 }, { suppressed: true }] },
  columns: { question: "priority_themes", kind: "ranking", isMultiple: true, values: ["water_sanitation", "health"], totals: [{ count: 3 }, { count: 3 }] },
  cells: [
    // Health in the North: 2, under the minimum of 3.
    [{ count: 3, rowShare: 0.75, columnShare: 1 }, { suppressed: true }],
    [{ count: 0, rowShare: 0, columnShare: 0 }, { suppressed: true }],
  ],
};

const rowsOf = (view: ReturnType<typeof crossTabView>) => [...view.rows, view.totals].map((row) => [row.header, ...row.cells.map((cell) => plain(cell.text))]);

test.each([
  [
    "count",
    [
      ["Nord", "3", "—", "4"],
      ["Sud", "0", "—", "—"],
      ["Total", "3", "3", "5"],
    ],
  ],
  [
    "row",
    [
      ["Nord", "75 %", "—", "n = 4"],
      ["Sud", "0 %", "—", "—"],
      ["Total", "60 %", "60 %", "n = 5"],
    ],
  ],
  [
    "column",
    [
      ["Nord", "100 %", "—", "80 %"],
      ["Sud", "0 %", "—", "—"],
      ["Total", "n = 3", "n = 3", "n = 5"],
    ],
  ],
] as const)("the %s table: cells, each side's totals and the base", (measure, expected) => {
  const rows = questionnaire.questions.get("governorate");
  const columns = questionnaire.questions.get("priority_themes");
  if (!rows || !columns) throw new Error("the mini census has both questions");
  const view = crossTabView(TABLE, { rows, columns, measure }, ctxFor("fr"));
  expect(view.columns).toEqual(["Eau", "Santé", "Total"]);
  expect(rowsOf(view)).toEqual(expected);
  expect(view.rows[0]?.cells[1]?.description).toBe("masqué (moins de 3 répondants)");
  expect(view.notes[0]).toBe("Répondants ayant répondu aux deux questions : 5.");
  expect(view.notes.some((note) => note.includes("plusieurs réponses"))).toBe(measure !== "count");
  expect(view.notes.at(-1)).toContain("ce n'est pas zéro");
});

test("a withheld view says so instead of a base", () => {
  const rows = questionnaire.questions.get("governorate");
  const columns = questionnaire.questions.get("priority_themes");
  if (!rows || !columns) throw new Error("the mini census has both questions");
  const view = crossTabView({ ...TABLE, base: null }, { rows, columns, measure: "count" }, ctxFor("en"));
  expect(view.notes[0]).toBe("Fewer than 3 respondents match these filters: the table is withheld.");
  expect(view.totals.cells.at(-1)?.text).toBe("—");
});

test("answers nobody gave are left out, and the notes say how many", () => {
  const rows = questionnaire.questions.get("governorate");
  const columns = questionnaire.questions.get("priority_themes");
  if (!rows || !columns) throw new Error("the mini census has both questions");
  const table: AnalyticsCrossTab = {
    ...TABLE,
    rows: { ...TABLE.rows, totals: [{ count: 4 }, { count: 0 }] },
    cells: [
      TABLE.cells[0] ?? [],
      [
        { count: 0, rowShare: null, columnShare: 0 },
        { count: 0, rowShare: null, columnShare: 0 },
      ],
    ],
  };
  const view = crossTabView(table, { rows, columns, measure: "count" }, ctxFor("fr"));
  expect(view.rows.map((row) => row.header)).toEqual(["Nord"]);
  expect(view.notes).toContain("Réponses que personne n'a données, non affichées : 1.");
});
