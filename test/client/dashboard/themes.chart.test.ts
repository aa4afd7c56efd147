import catalogue from "../../../surveys/themes.json";
import { createChartContext, horizontalChartHeight, labelWidth, wrapLabel } from "../../../client/src/features/dashboard/chart-view";
import { hasScores, rankThemes, themeLabels, themesChart } from "../../../client/src/features/dashboard/themes.chart";
import { ctxFor, miniQuestionnaire, plain, someThemes, themeFigures } from "./dashboard-fixtures";

const colourOf = (id: string) => catalogue.themes.find((theme) => theme.id === id)?.colour;
const labels = themeLabels(miniQuestionnaire("fr"));
const options = (metric: "score" | "share") => ({ metric, labels, maxRanked: 5, title: "Thématiques prioritaires" });

describe("themesChart", () => {
  it("ranks the themes by Borda score as horizontal bars in the catalogue's colours", () => {
    const view = themesChart(someThemes(), options("score"), ctxFor("fr"));
    expect(view?.config.type).toBe("bar");
    expect(view?.config.options?.indexAxis).toBe("y");
    expect(view?.config.data.labels).toEqual(["Énergie", "Eau", "Santé"]);
    expect(view?.config.data.datasets[0]?.data).toEqual([21, 18, 8]);
    expect(view?.config.data.datasets[0]?.backgroundColor).toEqual([colourOf("energy"), colourOf("water_sanitation"), colourOf("health")]);
  });

  it("ranks by share on a 0–100 % axis when asked", () => {
    const view = themesChart(someThemes(), options("share"), ctxFor("fr"));
    expect(view?.config.data.datasets[0]?.data).toEqual([1, 0.8, 0.4]);
    expect(view?.config.options?.scales?.x?.max).toBe(1);
  });

  it("keeps the catalogue order between themes of equal score", () => {
    const themes = someThemes();
    themes.themes = themes.themes.map((theme) => ({ ...theme, overall: themeFigures({ theme: theme.theme, score: 4 }) }));
    expect(rankThemes(themes, "score", labels).map((row) => row.theme)).toEqual(["water_sanitation", "health", "energy"]);
  });

  it("puts every figure in the table, formatted for the reader", () => {
    const view = themesChart(someThemes(), options("score"), ctxFor("fr"));
    expect(view?.table.columns).toEqual(["Thématique", "Score", "Citée par", "Part", "Classée 1re", "Rang moyen"]);
    expect(view?.table.rows.map((row) => [row.header, ...row.cells.map(plain)])).toEqual([
      ["Énergie", "21", "5", "100 %", "2", "1,8"],
      ["Eau", "18", "4", "80 %", "2", "1,5"],
      ["Santé", "8", "2", "40 %", "1", "2"],
    ]);
    expect(view?.table.notes.join(" ")).toContain("le rang 1 rapporte 5 points");
  });

  it("writes Arabic numbers and lays the chart out right to left: categories on the right, bars growing leftwards", () => {
    const view = themesChart(someThemes(), options("score"), ctxFor("ar"));
    expect(view?.table.rows[0]?.cells[0]).toBe("٢١");
    const scales = view?.config.options?.scales;
    expect(scales?.y?.position).toBe("right");
    expect(scales?.x?.reverse).toBe(true);
    expect(view?.config.options?.plugins?.tooltip?.rtl).toBe(true);
    expect(view?.config.options?.locale).toBe("ar-LB");
  });

  it("lays it out left to right in French", () => {
    const scales = themesChart(someThemes(), options("score"), ctxFor("fr"))?.config.options?.scales;
    expect(scales?.y?.position).toBe("left");
    expect(scales?.x?.reverse).toBe(false);
  });

  it("sums the chart up for screen readers", () => {
    const english = { ...options("score"), labels: themeLabels(miniQuestionnaire("en")), title: "Priority themes" };
    expect(themesChart(someThemes(), english, ctxFor("en"))?.summary).toBe("Priority themes (Score): Energy 21, Water 18, Health 8");
  });

  it("formats the value axis and the tooltips for the reader", () => {
    const view = themesChart(someThemes(), options("share"), ctxFor("fr"));
    const x = view?.config.options?.scales?.x as { ticks: { callback: (value: number) => string } };
    expect(plain(x.ticks.callback.call(undefined, 0.5))).toBe("50 %");
    const tooltip = view?.config.options?.plugins?.tooltip?.callbacks as { label: (item: unknown) => string };
    expect(plain(tooltip.label({ dataset: { label: "Part" }, parsed: { x: 0.8 } }))).toBe("Part : 80 %");
  });

  it("is null when the filters narrow the respondents to a group too small to show", () => {
    const themes = someThemes();
    themes.themes = themes.themes.map((theme) => ({ ...theme, overall: { suppressed: true as const } }));
    expect(themesChart(themes, options("score"), ctxFor("fr"))).toBeNull();
  });

  it("has shares only for a theme question that is not a ranking", () => {
    const themes = someThemes();
    const sharesOnly = (theme: string) => themeFigures({ theme, score: null, cited: 1, share: 0.2 });
    themes.themes = themes.themes.map((theme) => ({ ...theme, overall: sharesOnly(theme.theme) }));
    expect(hasScores(themes)).toBe(false);
    expect(themesChart(themes, options("share"), ctxFor("fr"))?.table.columns).toEqual(["Thématique", "Citée par", "Part"]);
  });
});

describe("labels beside bars", () => {
  it("wrap long labels into lines, sooner on a phone", () => {
    expect(wrapLabel("Urbanisme, mobilité et eaux pluviales", 28)).toEqual(["Urbanisme, mobilité et eaux", "pluviales"]);
    expect(wrapLabel("Urbanisme, mobilité et eaux pluviales", 16)).toEqual(["Urbanisme,", "mobilité et eaux", "pluviales"]);
    expect(wrapLabel("Santé", 16)).toBe("Santé");
    expect(labelWidth(createChartContext("fr", { isAnimated: false, isCompact: true }))).toBeLessThan(labelWidth(ctxFor("fr")));
  });

  it("give every row the height of the longest label", () => {
    expect(horizontalChartHeight(["a", "b"])).toBeLessThan(horizontalChartHeight(["a", ["b", "c", "d"]]));
    expect(horizontalChartHeight(["a", ["b", "c", "d"]])).toBe(2 * (3 * 16 + 8) + 40);
  });
});
