import { contrastRatio, heatColours, heatTable } from "../../../client/src/features/dashboard/heat-table";
import { themeLabels } from "../../../client/src/features/dashboard/themes.chart";
import { ctxFor, groupCell, miniQuestionnaire, plain, someThemes } from "./dashboard-fixtures";

const questionnaire = miniQuestionnaire("fr");
const governorate = questionnaire.breakdownFields[0];
if (!governorate) throw new Error("the mini census has a governorate field");
const labels = themeLabels(questionnaire);

test("cells are shares per governorate; withheld cells read — and say why", () => {
  const view = heatTable(someThemes(), { groupField: governorate, labels, order: ["energy", "water_sanitation", "health"] }, ctxFor("fr"));
  expect(view.columns).toEqual([
    { value: "north", label: "Nord", base: "n = 4" },
    { value: "south", label: "Sud", base: null },
  ]);
  expect(view.rows.map((row) => [row.label, ...row.cells.map((cell) => plain(cell.text))])).toEqual([
    ["Énergie", "100 %", "—"],
    ["Eau", "75 %", "—"],
    ["Santé", "50 %", "—"],
  ]);
  expect(view.rows[0]?.cells[1]?.description).toBe("masqué (moins de 3 répondants)");
  expect(view.notes).toContain("— : moins de 3 répondants dans ce groupe ; chiffre masqué pour préserver l'anonymat.");
});

test("groups nobody in the view belongs to are left out, and the notes say how many", () => {
  const themes = someThemes();
  const empty = groupCell({ respondents: 0, share: null, score: null });
  themes.themes = themes.themes.map((theme) => ({ ...theme, byGroup: { ...theme.byGroup, south: empty } }));
  const view = heatTable(themes, { groupField: governorate, labels, order: [] }, ctxFor("en"));
  expect(view.columns.map((column) => column.value)).toEqual(["north"]);
  expect(view.notes).toContain("Columns without responses not shown: 1.");
  expect(view.rows.map((row) => row.theme)).toEqual(["water_sanitation", "health", "energy"]);
});

const SHARES = [0, 0.1, 0.25, 0.4, 0.5, 0.55, 0.6, 0.7, 0.75, 0.9, 1];

test.each(SHARES)("the text on a %s share's shade has a contrast of at least 4.5:1", (share) => {
  const { background, colour } = heatColours(share);
  const rgb = (hex: string) => [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));
  expect(contrastRatio(rgb(background), rgb(colour))).toBeGreaterThanOrEqual(4.5);
});

test("a higher share is darker", () => {
  expect(heatColours(0).background).toBe("#ffffff");
  expect(heatColours(1).background).toBe("#0e5a6b");
});
