import type { QuestionFigures } from "@passerelle/shared";
import { readDashboardQuestionnaire } from "../../../client/src/features/dashboard/dashboard-questionnaire";
import { exportLinks } from "../../../client/src/features/dashboard/export-links";
import { questionView } from "../../../client/src/features/dashboard/question.chart";
import { ENGINE_FIXTURES, engineFixture } from "../../support/engine-fixtures";
import { FALLBACKS, ctxFor } from "./dashboard-fixtures";

const read = (file: string, locale: "fr" | "ar" | "en" = "en") => readDashboardQuestionnaire(engineFixture(file), locale, FALLBACKS);

describe("the dashboard's reading of any questionnaire", () => {
  it.each([
    [
      ENGINE_FIXTURES.legacy,
      [
        ["first", ["Favourite colour", "Fruits"]],
        ["second", ["Score", "Note"]],
      ],
    ],
    [ENGINE_FIXTURES.rootElements, [["Root elements", ["Area", "Online services", "Staff", "Contact"]]]],
  ])("shows every question of %s in its section", (file, expected) => {
    const sections = read(file).sections.map((section) => [
      section.title,
      section.groups.flatMap((group) => group.questions.map((question) => question.title)),
    ]);
    expect(sections).toEqual(expected);
  });

  it("shows a dynamic panel's questions inside it, never as questions of their own", () => {
    const questionnaire = read(ENGINE_FIXTURES.allTypes);
    expect(questionnaire.questions.has("site_kind")).toBe(false);
    const sites = questionnaire.questions.get("sites");
    expect(sites?.repeated).toBe(true);
    expect(sites?.parts?.map((part) => part.title)).toEqual(["Site name", "Kind of site", "Needs"]);
    expect(sites?.parts?.[1]?.choices.map((choice) => choice.value)).toEqual(["school", "clinic"]);
  });

  it("titles the parts of a matrix of dropdowns, a dynamic matrix and a multiple text", () => {
    const questionnaire = read(ENGINE_FIXTURES.allTypes);
    expect(
      questionnaire.questions
        .get("equipment")
        ?.parts?.slice(0, 4)
        .map((part) => [part.title, part.kind]),
    ).toEqual([
      ["Trucks — State", "single"],
      ["Trucks — Count", "numeric"],
      ["Trucks — Working", "boolean"],
      ["Trucks — Uses", "multi"],
    ]);
    expect(questionnaire.questions.get("projects")?.parts?.map((part) => part.title)).toEqual(["Name", "Sector", "Cost"]);
    expect(questionnaire.questions.get("staff")?.parts?.map((part) => part.title)).toEqual(["Paid", "Volunteers", "Head of staff"]);
  });

  it("offers each repeated answer's table as a download of its own, with the same filters", () => {
    const { repeats } = read(ENGINE_FIXTURES.allTypes);
    expect(repeats).toEqual([
      { name: "projects", title: "Projects" },
      { name: "sites", title: "Sites" },
    ]);
    const links = exportLinks("engine-all-types", "region=north", "en", true, repeats).filter((link) => link.label === "downloadRepeat");
    expect(links.map((link) => [new URL(link.href, "http://localhost").searchParams.get("repeat"), link.params?.title])).toEqual([
      ["projects", "Projects"],
      ["sites", "Sites"],
    ]);
    expect(links[0]?.href).toContain("region=north");
    expect(exportLinks("engine-all-types", "", "en", false, repeats).some((link) => link.label === "downloadRepeat")).toBe(false);
  });

  it("puts calculated values kept in the results in a section of their own", () => {
    const questionnaire = read(ENGINE_FIXTURES.runtimeChoices, "fr");
    const computed = questionnaire.sections.find((section) => section.title === FALLBACKS.computed);
    expect(computed?.groups.flatMap((group) => group.questions.map((question) => question.name))).toEqual(["fruit_count"]);
    expect(questionnaire.questions.get("best")?.choices.map((choice) => choice.value)).toEqual(["apple", "pear", "fig"]);
  });

  it.each(["fr", "ar", "en"] as const)("shows a Spanish-only questionnaire in Spanish to a reader in %s", (locale) => {
    const questionnaire = read(ENGINE_FIXTURES.spanish, locale);
    expect(questionnaire.title).toBe("Encuesta municipal");
    expect(questionnaire.sections[0]?.title).toBe("Preguntas");
    const service = questionnaire.questions.get("es_servicio");
    expect([service?.title, ...(service?.choices.map((choice) => choice.label) ?? [])]).toEqual(["¿Qué servicio usa más?", "Agua", "Electricidad"]);
    expect(questionnaire.questions.get("es_satisfecho")?.choices.map((choice) => choice.label)).toEqual(["Sí", "No"]);
  });
});

describe("question views of every type", () => {
  const allTypes = read(ENGINE_FIXTURES.allTypes);
  const runtime = read(ENGINE_FIXTURES.runtimeChoices);
  const ctx = ctxFor("en");

  it("draws a dynamic panel as one view per question, saying how many panels from how many respondents", () => {
    const figures: QuestionFigures = {
      kind: "group",
      n: 2,
      entries: 3,
      parts: {
        site_name: { kind: "text", n: 3 },
        site_kind: { kind: "counts", n: 3, counts: { school: 2, clinic: 1 } },
        site_needs: { kind: "counts", n: 0, counts: { power: 0, water: 0 } },
      },
    };
    const view = questionView(allTypes.questions.get("sites")!, figures, ctx);
    if (view.kind !== "parts") throw new Error(`expected parts, got ${view.kind}`);
    expect(view.notes).toEqual(["3 rows filled in by 2 respondents; each chart counts rows."]);
    expect(view.parts.map((part) => [part.title, part.view.kind])).toEqual([
      ["Site name", "message"],
      ["Kind of site", "chart"],
      ["Needs", "message"],
    ]);
  });

  it("draws the values given to a question whose choices load at run time, most given first", () => {
    const view = questionView(runtime.questions.get("country")!, { kind: "counts", n: 3, counts: { France: 1, Lebanon: 2 } }, ctx);
    if (view.kind !== "chart") throw new Error("expected a chart");
    expect(view.chart.config.data.labels).toEqual(["Lebanon", "France"]);
    expect(view.chart.table.notes).toContain("Choices loaded when the form opens: the values respondents gave.");
  });

  it("shows computed numbers in five figures and computed words as choices", () => {
    const numbers = questionView(
      runtime.questions.get("fruit_count")!,
      { kind: "values", n: 2, numbers: { n: 2, mean: 2, median: 2, isMedianExact: true, min: 1, max: 3 }, counts: {} },
      ctx,
    );
    expect(numbers.kind).toBe("table");
    const words = questionView(
      runtime.questions.get("picked_label")!,
      { kind: "values", n: 3, numbers: { n: 0, mean: null, median: null, isMedianExact: true, min: null, max: null }, counts: { few: 1, many: 2 } },
      ctx,
    );
    if (words.kind !== "chart") throw new Error("expected a chart");
    expect(words.chart.config.data.labels).toEqual(["many", "few"]);
  });

  it("counts files and signatures without showing them", () => {
    expect(questionView(allTypes.questions.get("plan_file")!, { kind: "text", n: 4 }, ctx)).toEqual({
      kind: "message",
      text: "Files attached: 4 answers (the files are not shown here).",
    });
    expect(questionView(allTypes.questions.get("signature")!, { kind: "text", n: 2 }, ctx)).toEqual({ kind: "message", text: "Signatures: 2." });
  });
});
