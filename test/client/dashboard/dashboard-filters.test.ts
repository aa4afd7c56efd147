import {
  countActiveFilters,
  groupChoices,
  offeredChoices,
  parseFilters,
  periodProblem,
  toQueryString,
  withFilter,
} from "../../../client/src/features/dashboard/dashboard-filters";
import { parseRoute, dashboardPath } from "../../../client/src/app/routes";
import { miniQuestionnaire } from "./dashboard-fixtures";

const fields = miniQuestionnaire("fr").breakdownFields;

describe("parseFilters", () => {
  test.each([
    ["nothing", "", {}],
    ["a governorate", "?governorate=north", { governorate: "north" }],
    ["a governorate and one of its districts", "?governorate=south&district=tyre", { governorate: "south", district: "tyre" }],
    ["a district alone", "?district=koura", { district: "koura" }],
    ["a period", "?from=2026-06-01&to=2026-06-30", { from: "2026-06-01", to: "2026-06-30" }],
  ])("keeps %s", (_case, search, expected) => {
    expect(parseFilters(search, fields)).toEqual(expected);
  });

  test.each([
    ["an unknown parameter", "?colour=blue", {}],
    ["a value that is not a choice", "?governorate=mars", {}],
    ["a district of another governorate", "?governorate=north&district=tyre", { governorate: "north" }],
    ["a malformed date", "?from=01/06/2026", {}],
    ["a date that does not exist", "?to=2026-02-31", {}],
  ])("drops %s", (_case, search, expected) => {
    expect(parseFilters(search, fields)).toEqual(expected);
  });
});

test("toQueryString writes the API's parameters in a stable order, leaving empty ones out", () => {
  expect(toQueryString({ to: "2026-06-30", district: "tyre", governorate: "south", from: "" }, fields)).toBe("governorate=south&district=tyre&to=2026-06-30");
  expect(toQueryString({}, fields)).toBe("");
});

test("filters survive the round trip through the address", () => {
  const filters = { governorate: "south", district: "tyre", from: "2026-06-01" };
  expect(parseFilters(`?${toQueryString(filters, fields)}`, fields)).toEqual(filters);
});

describe("withFilter", () => {
  it("clears the district when another governorate is chosen", () => {
    expect(withFilter({ governorate: "south", district: "tyre" }, "governorate", "north", fields)).toEqual({ governorate: "north" });
  });

  it("keeps the district when its governorate is chosen", () => {
    expect(withFilter({ district: "tyre" }, "governorate", "south", fields)).toEqual({ governorate: "south", district: "tyre" });
  });

  it("clears a filter set to the empty value", () => {
    expect(withFilter({ governorate: "south", from: "2026-06-01" }, "from", "", fields)).toEqual({ governorate: "south" });
  });
});

test("the district list follows the chosen governorate, grouped by governorate when none is chosen", () => {
  const district = fields[1];
  if (!district) throw new Error("the mini census has a district field");
  expect(offeredChoices(district, { governorate: "north" }).map((choice) => choice.value)).toEqual(["tripoli", "koura"]);
  const north = { governorate: "north" };
  expect(groupChoices(district, north, fields)).toEqual([{ label: null, choices: offeredChoices(district, north) }]);
  expect(groupChoices(district, {}, fields).map((group) => [group.label, group.choices.map((choice) => choice.value)])).toEqual([
    ["Nord", ["tripoli", "koura"]],
    ["Sud", ["tyre"]],
  ]);
});

test.each([
  [{ from: "2026-06-02", to: "2026-06-01" }, "inverted"],
  [{ from: "2026-06-01", to: "2026-06-01" }, null],
  [{ from: "2026-06-01" }, null],
  [{}, null],
])("periodProblem(%j) is %s", (filters, expected) => {
  expect(periodProblem(filters)).toBe(expected);
});

test("countActiveFilters counts set values only", () => {
  expect(countActiveFilters({ governorate: "north", from: "" })).toBe(1);
});

describe("the dashboard's address", () => {
  test.each([
    ["/surveys/census/dashboard", { name: "dashboard", surveyId: "census" }],
    ["/surveys/census/dashboard/", { name: "dashboard", surveyId: "census" }],
    ["/surveys/census/dashboard/more", { name: "not-found" }],
  ])("parseRoute(%s)", (pathname, expected) => {
    expect(parseRoute(pathname, "")).toEqual(expected);
  });

  it("carries the filters in its query string", () => {
    expect(dashboardPath("census lebanon")).toBe("/surveys/census%20lebanon/dashboard");
    expect(dashboardPath("census", "governorate=south")).toBe("/surveys/census/dashboard?governorate=south");
  });
});
