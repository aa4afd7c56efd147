import { readFileSync } from "node:fs";
import path from "node:path";
import { findFacetQuestion, localise, parseShownWhen, readDashboardQuestionnaire } from "../../../client/src/features/dashboard/dashboard-questionnaire";
import { FALLBACKS, miniQuestionnaire } from "./dashboard-fixtures";

const ROOT = path.resolve(__dirname, "../../..");

test.each([
  ["a plain string", "Nom", "fr", "Nom"],
  ["the locale's text", { default: "Name", fr: "Nom", ar: "الاسم" }, "ar", "الاسم"],
  ["English under default", { default: "Name", fr: "Nom" }, "en", "Name"],
  ["English when the locale's text is missing", { default: "Name" }, "fr", "Name"],
  ["the fallback when there is no text", undefined, "fr", "fallback"],
  ["the fallback for a blank text", "  ", "fr", "fallback"],
] as const)("localise gives %s", (_case, text, locale, expected) => {
  expect(localise(text, locale, "fallback")).toBe(expected);
});

test.each([
  ["{governorate} = 'south'", { field: "governorate", value: "south" }],
  [" {governorate}='north' ", { field: "governorate", value: "north" }],
  ["{governorate} = 'south' or {x} = 'y'", undefined],
  ["{governorate} contains 'south'", undefined],
  [undefined, undefined],
])("parseShownWhen(%j)", (expression, expected) => {
  expect(parseShownWhen(expression)).toEqual(expected);
});

describe("readDashboardQuestionnaire", () => {
  it("lists the questions with statistics in document order, with the server's kinds and localised labels", () => {
    const questionnaire = miniQuestionnaire("fr");
    expect(questionnaire.title).toBe("Mini recensement");
    expect([...questionnaire.questions.values()].map((question) => [question.name, question.kind])).toEqual([
      ["authority_name", "text"],
      ["governorate", "single"],
      ["district", "single"],
      ["population", "numeric"],
      ["priority_themes", "ranking"],
      ["need_water_sanitation", "text"],
      ["urgency_water_sanitation", "single"],
      ["constraints", "multi"],
      ["can_host", "boolean"],
      ["capacities", "matrix"],
    ]);
    expect(questionnaire.questions.get("governorate")?.choices).toEqual([
      { value: "north", label: "Nord" },
      { value: "south", label: "Sud" },
    ]);
  });

  it("leaves the questions marked personal out for a reader who may not see them (viewers)", () => {
    const definition = JSON.parse(readFileSync(path.join(ROOT, "surveys/census-lebanon.json"), "utf8")) as Record<string, unknown>;
    const personal = ["contact_name", "contact_role", "contact_email", "contact_phone"];
    const forAnalysts = readDashboardQuestionnaire(definition, "fr", FALLBACKS);
    const forViewers = readDashboardQuestionnaire(definition, "fr", FALLBACKS, false);
    expect(personal.filter((name) => forAnalysts.questions.has(name))).toEqual(personal);
    expect(personal.filter((name) => forViewers.questions.has(name))).toEqual([]);
    const inSections = forViewers.sections.flatMap((section) => section.groups.flatMap((group) => group.questions.map((question) => question.name)));
    expect(inSections.filter((name) => personal.includes(name))).toEqual([]);
    expect(forViewers.questions.size).toBe(forAnalysts.questions.size - personal.length);
  });

  it("labels choices the questionnaire leaves unlabelled: other, yes and no, matrix rows", () => {
    const questionnaire = miniQuestionnaire("fr");
    const constraints = questionnaire.questions.get("constraints");
    expect(constraints?.choices.map((choice) => choice.label)).toEqual(["security", "economic_crisis", "Autre"]);
    expect(questionnaire.questions.get("can_host")?.choices).toEqual([
      { value: "true", label: "Oui, volontiers" },
      { value: "false", label: FALLBACKS.no },
    ]);
    expect(questionnaire.questions.get("capacities")?.rows?.map((row) => row.value)).toEqual(["staff", "budget"]);
  });

  it("reads the breakdown fields, with each district's governorate", () => {
    const [governorate, district] = miniQuestionnaire("ar").breakdownFields;
    expect(governorate?.title).toBe("المحافظة");
    expect(district?.choices).toContainEqual({ value: "tyre", label: "صور", shownWhen: { field: "governorate", value: "south" } });
  });

  it("finds the theme question, its Borda base and each theme's facet questions", () => {
    const questionnaire = miniQuestionnaire("en");
    expect(questionnaire.themeQuestion?.name).toBe("priority_themes");
    expect(questionnaire.themeQuestion?.choices[0]).toEqual({ value: "water_sanitation", label: "Water", theme: "water_sanitation" });
    expect(questionnaire.maxRanked).toBe(2);
    expect(findFacetQuestion(questionnaire, "water_sanitation", "urgency")?.name).toBe("urgency_water_sanitation");
    expect(findFacetQuestion(questionnaire, "health", "urgency")).toBeUndefined();
  });

  it("groups questions by page, and within a page by panel", () => {
    const sections = miniQuestionnaire("fr").sections;
    expect(sections.map((section) => section.title)).toEqual(["Identité", "Priorités"]);
    expect(sections[1]?.groups.map((group) => [group.title, group.questions.map((question) => question.name)])).toEqual([
      [null, ["priority_themes"]],
      ["Eau : votre besoin", ["need_water_sanitation", "urgency_water_sanitation"]],
      [null, ["constraints", "can_host", "capacities"]],
    ]);
  });

  it("reads the real census: its breakdown fields, about a hundred questions and 16 theme panels", () => {
    const definition = JSON.parse(readFileSync(path.join(ROOT, "surveys/census-lebanon.json"), "utf8")) as Record<string, unknown>;
    const census = readDashboardQuestionnaire(definition, "fr", FALLBACKS);
    // The questionnaire's own list (governorate first: the themes' heat table is by governorate).
    expect(census.breakdownFields.map((field) => field.name)).toEqual(definition.breakdownFields);
    expect(census.breakdownFields[0]?.name).toBe("governorate");
    expect(census.questions.size).toBeGreaterThan(90);
    expect(census.themeQuestion?.name).toBe("priority_themes");
    expect(census.maxRanked).toBe(5);
    const needs = census.sections.find((section) => section.name === "needs_by_theme");
    expect(needs?.groups).toHaveLength(16);
    expect(census.questions.get("cooperation_intent")?.choices.map((choice) => choice.value)).toEqual(["develop_new", "relaunch_previous", "both", "not_now"]);
  });
});
