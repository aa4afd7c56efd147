import type { QuestionFigures } from "@passerelle/shared";
import { questionView } from "../../../client/src/features/dashboard/question.chart";
import { facetChart } from "../../../client/src/features/dashboard/theme-facet.chart";
import { intentShares } from "../../../client/src/features/dashboard/intent";
import { ctxFor, miniQuestionnaire, plain } from "./dashboard-fixtures";

const questionnaire = miniQuestionnaire("fr");
const question = (name: string) => {
  const found = questionnaire.questions.get(name);
  if (!found) throw new Error(`no question ${name}`);
  return found;
};

describe("questionView", () => {
  it("draws a multiple choice as shares of the respondents who answered, and says they may add up past 100 %", () => {
    const figures: QuestionFigures = { kind: "counts", n: 4, counts: { security: 3, economic_crisis: 2, other: 1 } };
    const view = questionView(question("constraints"), figures, ctxFor("fr"));
    if (view.kind !== "chart") throw new Error(`expected a chart, got ${view.kind}`);
    expect(view.chart.config.data.datasets[0]?.data).toEqual([0.75, 0.5, 0.25]);
    expect(view.chart.table.rows.map((row) => [row.header, ...row.cells.map(plain)])).toEqual([
      ["security", "3", "75 %"],
      ["economic_crisis", "2", "50 %"],
      ["Autre", "1", "25 %"],
    ]);
    expect(view.chart.table.notes).toEqual([
      "Base : répondants ayant répondu à la question (4).",
      "Plusieurs réponses possibles : le total des parts peut dépasser 100 %.",
    ]);
  });

  it("labels yes/no answers from the questionnaire", () => {
    const view = questionView(question("can_host"), { kind: "counts", n: 2, counts: { true: 1, false: 1 } }, ctxFor("fr"));
    if (view.kind !== "chart") throw new Error("expected a chart");
    expect(view.chart.config.data.labels).toEqual(["Oui, volontiers", "Non"]);
  });

  it("draws a ranking as Borda scores, highest first", () => {
    const figures: QuestionFigures = {
      kind: "ranking",
      n: 3,
      items: {
        water_sanitation: { ranked: 2, share: 2 / 3, meanRank: 1.5, rankedFirst: 1, score: 3 },
        health: { ranked: 3, share: 1, meanRank: 4 / 3, rankedFirst: 2, score: 5 },
        energy: { ranked: 0, share: 0, meanRank: null, rankedFirst: 0, score: 0 },
      },
    };
    const view = questionView(question("priority_themes"), figures, ctxFor("en"));
    if (view.kind !== "chart") throw new Error("expected a chart");
    expect(view.chart.config.data.labels).toEqual(["Santé", "Eau", "Énergie"]);
    expect(view.chart.config.data.datasets[0]?.data).toEqual([5, 3, 0]);
    expect(view.chart.table.rows[2]?.cells).toEqual(["0", "0", "0%", "0", "—"]);
  });

  it("stacks a matrix's columns on one bar per row", () => {
    const view = questionView(
      question("capacities"),
      { kind: "matrix", n: 2, cells: { staff: { low: 1, high: 1 }, budget: { low: 2, high: 0 } } },
      ctxFor("fr"),
    );
    if (view.kind !== "chart") throw new Error("expected a chart");
    expect(view.chart.config.options?.scales?.x?.stacked).toBe(true);
    expect(view.chart.legend.map((item) => item.label)).toEqual(["low", "high"]);
    expect(view.chart.config.data.datasets.map((dataset) => [dataset.label, dataset.data])).toEqual([
      ["low", [1, 2]],
      ["high", [1, 0]],
    ]);
    expect(view.chart.table.rows).toEqual([
      { header: "staff", cells: ["1", "1"] },
      { header: "budget", cells: ["2", "0"] },
    ]);
  });

  it("shows a number question as a small table", () => {
    const figures: QuestionFigures = { kind: "numeric", n: 3, mean: 12500.25, median: 9000, isMedianExact: true, min: 800, max: 30000 };
    const view = questionView(question("population"), figures, ctxFor("fr"));
    if (view.kind !== "table") throw new Error("expected a table");
    expect(view.table.rows.map((row) => [row.header, plain(row.cells[0] ?? "")])).toEqual([
      ["Réponses", "3"],
      ["Moyenne", "12 500,3"],
      ["Médiane", "9 000"],
      ["Minimum", "800"],
      ["Maximum", "30 000"],
    ]);
  });

  it("marks a median estimated from counts by bucket, and says why, in each language", () => {
    const figures: QuestionFigures = { kind: "numeric", n: 5000, mean: 51234.5, median: 48900, isMedianExact: false, min: 120, max: 990000 };
    for (const [locale, note] of [
      ["fr", /Médiane estimée à 1 % près/],
      ["ar", /الوسيط تقديري/],
      ["en", /Median estimated to within 1 %/],
    ] as const) {
      const view = questionView(question("population"), figures, ctxFor(locale));
      if (view.kind !== "table") throw new Error("expected a table");
      expect(plain(view.table.rows[2]?.cells[0] ?? "")).toMatch(/^≈ /);
      expect(view.table.notes).toEqual([expect.stringMatching(note)]);
    }
    const exact = questionView(question("population"), { ...figures, isMedianExact: true }, ctxFor("fr"));
    if (exact.kind !== "table") throw new Error("expected a table");
    expect(plain(exact.table.rows[2]?.cells[0] ?? "")).toBe("48 900");
    expect(exact.table.notes).toEqual([]);
  });

  it("counts written answers without showing them", () => {
    expect(questionView(question("authority_name"), { kind: "text", n: 7 }, ctxFor("en"))).toEqual({
      kind: "message",
      text: "Written answers: 7 (the texts are not shown here).",
    });
  });

  it("says so when nobody answered", () => {
    expect(questionView(question("constraints"), { kind: "counts", n: 0, counts: {} }, ctxFor("en")).kind).toBe("message");
  });
});

describe("facetChart", () => {
  it("splits one bar into the shares of each urgency", () => {
    const figures: QuestionFigures = { kind: "counts", n: 4, counts: { immediate: 3, short_term: 1 } };
    const view = facetChart(question("urgency_water_sanitation"), figures, ctxFor("fr"));
    expect(view?.config.options?.scales?.x?.stacked).toBe(true);
    expect(view?.config.data.datasets.map((dataset) => [dataset.label, dataset.data])).toEqual([
      ["Immédiat", [0.75]],
      ["Court terme", [0.25]],
    ]);
    // The legend is HTML under the canvas, in the answers' order.
    expect(view?.legend.map((item) => item.label)).toEqual(["Immédiat", "Court terme"]);
    expect(view?.config.options?.plugins?.legend?.display).toBe(false);
  });

  it("is null when nobody answered the facet", () => {
    expect(facetChart(question("urgency_water_sanitation"), { kind: "counts", n: 0, counts: {} }, ctxFor("fr"))).toBeNull();
    expect(facetChart(question("urgency_water_sanitation"), undefined, ctxFor("fr"))).toBeNull();
  });
});

test.each([
  [{ develop_new: 2, relaunch_previous: 2, both: 1, not_now: 0 }, 5, { base: 5, newShare: 0.6, relaunchShare: 0.6 }],
  [{ develop_new: 1, relaunch_previous: 0, both: 0, not_now: 1 }, 2, { base: 2, newShare: 0.5, relaunchShare: 0 }],
  [{}, 0, { base: 0, newShare: null, relaunchShare: null }],
])("intentShares counts “both” in each share: %j", (counts, n, expected) => {
  expect(intentShares({ kind: "counts", n, counts })).toEqual(expected);
});
