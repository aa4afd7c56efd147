import { buildExportLayout, cellOf, headerOf, repeatEntries, type ExportOptions } from "@passerelle/shared";

const NAMES: ExportOptions = { header: "names", values: "codes", locale: "en" };

const definition = {
  elements: [
    {
      type: "paneldynamic",
      name: "sites",
      templateElements: [
        { type: "text", name: "site_name" },
        {
          type: "matrixdynamic",
          name: "visits",
          columns: [
            { name: "day", cellType: "text" },
            { name: "people", cellType: "text", inputType: "number" },
          ],
        },
      ],
    },
  ],
};

const response = {
  id: "r1",
  status: "submitted",
  submittedAt: null,
  locale: "en",
  version: "v1",
  breakdown: {},
  answers: {
    sites: [{ site_name: "A", visits: [{ day: "Mon", people: 3 }, { day: "Tue" }] }, { site_name: "B", visits: [{ day: "Wed", people: 1 }] }, "not a panel"],
  },
};

describe("repeat tables", () => {
  const layout = buildExportLayout(definition);
  const rowsOf = (name: string) => {
    const table = layout.repeats.find((candidate) => candidate.name === name)!;
    return [
      table.columns.map((column) => headerOf(column, layout, NAMES)),
      ...repeatEntries(table, layout, response).map((entry) => table.columns.map((column) => cellOf(column, response, layout, NAMES, entry))),
    ];
  };

  it("gives a repeat inside a repeat its own table, joined to its parent's rows", () => {
    expect(layout.repeats.map((table) => [table.name, table.parent])).toEqual([
      ["sites", undefined],
      ["sites.visits", "sites"],
    ]);
    expect(rowsOf("sites")).toEqual([
      ["response_id", "row", "site_name", "visits.count"],
      ["r1", 1, "A", 2],
      ["r1", 2, "B", 1],
    ]);
    expect(rowsOf("sites.visits")).toEqual([
      ["response_id", "parent_row", "row", "day", "people"],
      ["r1", 1, 1, "Mon", 3],
      ["r1", 1, 2, "Tue", ""],
      ["r1", 2, 1, "Wed", 1],
    ]);
  });

  it("counts the panels in the responses' own table", () => {
    expect(layout.columns.map((column) => headerOf(column, layout, NAMES)).slice(-1)).toEqual(["sites.count"]);
    expect(cellOf(layout.columns[layout.columns.length - 1]!, response, layout, NAMES)).toBe(3);
  });
});
