import { readQuestionnaireShape, type PartShape } from "@passerelle/shared";
import { ENGINE_FIXTURES, engineFixture } from "../../support/engine-fixtures";

const shapeOf = (file: string) => readQuestionnaireShape(engineFixture(file));
const byName = (file: string) => new Map(shapeOf(file).questions.map((question) => [question.name, question]));

describe("reading a questionnaire's shape", () => {
  it("counts every question type, html and image aside, dynamic panels' questions as its parts", () => {
    const kinds = Object.fromEntries(shapeOf(ENGINE_FIXTURES.allTypes).questions.map((question) => [question.name, question.kind]));
    expect(kinds).toEqual({
      region: "single",
      town: "text",
      budget: "numeric",
      remarks: "text",
      size: "single",
      services: "multi",
      partners: "multi",
      has_plan: "boolean",
      satisfaction: "numeric",
      priorities: "ranking",
      emblem: "single",
      budget_per_head: "expression",
      quality: "matrix",
      staff: "group",
      equipment: "group",
      projects: "group",
      sites: "group",
      plan_file: "file",
      signature: "file",
      staff_total: "expression",
    });
  });

  it.each<[string, string, Partial<PartShape>[]]>([
    [
      "multiple text: one part per item",
      "staff",
      [
        { name: "paid", kind: "numeric", path: ["paid"] },
        { name: "volunteers", kind: "numeric", path: ["volunteers"] },
        { name: "head", kind: "text", path: ["head"] },
      ],
    ],
    [
      "dynamic matrix: one part per column, its own choices",
      "projects",
      [
        { name: "project_name", kind: "text", path: ["project_name"] },
        { name: "sector", kind: "single", choices: ["water", "energy"], path: ["sector"] },
        { name: "cost", kind: "numeric", path: ["cost"] },
      ],
    ],
    [
      "dynamic panel: one part per question of the template",
      "sites",
      [
        { name: "site_name", kind: "text", path: ["site_name"] },
        { name: "site_kind", kind: "single", choices: ["school", "clinic"], path: ["site_kind"] },
        { name: "site_needs", kind: "multi", choices: ["power", "water"], path: ["site_needs"] },
      ],
    ],
  ])("%s", (_label, name, parts) => {
    const question = byName(ENGINE_FIXTURES.allTypes).get(name);
    expect(question?.parts).toHaveLength(parts.length);
    parts.forEach((part, index) => expect(question?.parts?.[index]).toMatchObject(part));
  });

  it("gives a matrix of dropdowns a part per row × column, cells typed by their column or the matrix", () => {
    const equipment = byName(ENGINE_FIXTURES.allTypes).get("equipment");
    expect(equipment?.repeated).toBeUndefined();
    expect(equipment?.parts?.map((part) => [part.name, part.kind, part.path.join("/"), part.choices.join(",")])).toEqual([
      ["trucks.state", "single", "trucks/state", "none,some,enough"],
      ["trucks.count", "numeric", "trucks/count", ""],
      ["trucks.working", "boolean", "trucks/working", ""],
      ["trucks.uses", "multi", "trucks/uses", "daily,weekly"],
      ["pumps.state", "single", "pumps/state", "none,some,enough"],
      ["pumps.count", "numeric", "pumps/count", ""],
      ["pumps.working", "boolean", "pumps/working", ""],
      ["pumps.uses", "multi", "pumps/uses", "daily,weekly"],
    ]);
    expect(byName(ENGINE_FIXTURES.allTypes).get("projects")?.repeated).toBe(true);
    expect(byName(ENGINE_FIXTURES.allTypes).get("sites")?.repeated).toBe(true);
  });

  it("reads runtime choices from their source question, or counts what respondents gave", () => {
    const questions = byName(ENGINE_FIXTURES.runtimeChoices);
    expect(questions.get("best")).toMatchObject({ kind: "single", choices: ["apple", "pear", "fig"] });
    expect(questions.get("best")?.openChoices).toBeUndefined();
    expect(questions.get("country")).toMatchObject({ kind: "single", choices: [], openChoices: true });
    expect(questions.get("fruit_count")).toMatchObject({ kind: "expression" });
    expect(questions.has("hidden_helper")).toBe(false);
  });

  it.each([
    [ENGINE_FIXTURES.legacy, ["legacy_color", "legacy_fruits", "legacy_score", "legacy_note"]],
    [ENGINE_FIXTURES.rootElements, ["root_area", "root_online", "root_staff", "root_contact"]],
    [ENGINE_FIXTURES.spanish, ["es_servicio", "es_comentario", "es_satisfecho"]],
  ])("reads the questions of %s", (file, names) => {
    expect(shapeOf(file).questions.map((question) => question.name)).toEqual(names);
  });
});
