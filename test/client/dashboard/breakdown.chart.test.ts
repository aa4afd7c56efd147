import { breakdownChart } from "../../../client/src/features/dashboard/breakdown.chart";
import { ctxFor, miniQuestionnaire } from "./dashboard-fixtures";

const governorate = miniQuestionnaire("fr").breakdownFields[0];
if (!governorate) throw new Error("the mini census has a governorate field");

test("respondents per governorate: a withheld count has no bar, reads — in the table, and the table says why", () => {
  const view = breakdownChart(
    [
      { value: "north", respondents: { count: 4 } },
      { value: "south", respondents: { suppressed: true } },
    ],
    governorate,
    3,
    ctxFor("fr"),
  );
  expect(view.config.data.labels).toEqual(["Nord", "Sud"]);
  expect(view.config.data.datasets[0]?.data).toEqual([4, null]);
  expect(view.table.columns).toEqual(["Gouvernorat", "Répondants"]);
  expect(view.table.rows).toEqual([
    { header: "Nord", cells: ["4"] },
    { header: "Sud", cells: ["—"] },
  ]);
  expect(view.table.notes).toEqual(["— : moins de 3 répondants dans ce groupe ; chiffre masqué pour préserver l'anonymat."]);
  expect(view.summary).toBe("Répondants — Gouvernorat : Nord 4 et Sud masqué");
});
