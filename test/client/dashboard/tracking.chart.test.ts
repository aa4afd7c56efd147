import { fillQuietDays, trackingChart } from "../../../client/src/features/dashboard/tracking.chart";
import { ctxFor, plain } from "./dashboard-fixtures";

const tracking = [
  { date: "2026-06-01", started: 3, submitted: 1 },
  { date: "2026-06-04", started: 1, submitted: 2 },
];

test("fillQuietDays puts the days without activity at zero", () => {
  expect(fillQuietDays(tracking)).toEqual([
    { date: "2026-06-01", started: 3, submitted: 1 },
    { date: "2026-06-02", started: 0, submitted: 0 },
    { date: "2026-06-03", started: 0, submitted: 0 },
    { date: "2026-06-04", started: 1, submitted: 2 },
  ]);
  expect(fillQuietDays([])).toEqual([]);
});

describe("trackingChart", () => {
  it("draws started and submitted responses per day as two lines", () => {
    const view = trackingChart(tracking, "Suivi", ctxFor("fr"));
    expect(view?.config.type).toBe("line");
    expect(view?.config.data.labels).toHaveLength(4);
    expect(view?.config.data.datasets.map((dataset) => [dataset.label, dataset.data])).toEqual([
      ["Commencées", [3, 0, 0, 1]],
      ["Envoyées", [1, 0, 0, 2]],
    ]);
  });

  it("lists the active days in its table and sums the period up", () => {
    const view = trackingChart(tracking, "Suivi", ctxFor("fr"));
    expect(view?.table.rows).toEqual([
      { header: "1 juin 2026", cells: ["3", "1"] },
      { header: "4 juin 2026", cells: ["1", "2"] },
    ]);
    expect(plain(view?.summary ?? "")).toBe("Suivi : du 1 juin 2026 au 4 juin 2026 ; réponses commencées : 4, envoyées : 3");
  });

  it("runs time leftwards with the values on the right, in Arabic", () => {
    const scales = trackingChart(tracking, "Suivi", ctxFor("ar"))?.config.options?.scales;
    expect(scales?.x?.reverse).toBe(true);
    expect(scales?.y?.position).toBe("right");
  });

  it("is null without any activity", () => {
    expect(trackingChart([], "Suivi", ctxFor("fr"))).toBeNull();
  });
});
