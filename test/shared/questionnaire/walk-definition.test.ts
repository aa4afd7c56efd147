import { forEachElement, formatJsonPath, isInDynamicPanel, isQuestionElement, type JsonObject } from "@passerelle/shared";
import { ENGINE_FIXTURES, engineFixture } from "../../support/engine-fixtures";

function questionPaths(definition: JsonObject): Record<string, string> {
  const found: Record<string, string> = {};
  forEachElement(definition, (element, path) => {
    if (isQuestionElement(element, path)) found[String(element.name)] = formatJsonPath(path);
  });
  return found;
}

describe("walking a questionnaire definition", () => {
  it.each<[string, JsonObject, Record<string, string>]>([
    [
      "pages with elements, panels and a dynamic panel's template",
      {
        pages: [
          {
            name: "p",
            elements: [
              { type: "text", name: "a" },
              { type: "panel", name: "box", elements: [{ type: "text", name: "b" }] },
              { type: "paneldynamic", name: "rows", templateElements: [{ type: "text", name: "c" }] },
            ],
          },
        ],
      },
      { a: "pages[0].elements[0]", b: "pages[0].elements[1].elements[0]", rows: "pages[0].elements[2]", c: "pages[0].elements[2].templateElements[0]" },
    ],
    [
      "the older format: pages and panels with questions",
      {
        pages: [
          {
            name: "p",
            questions: [
              { type: "text", name: "a" },
              { type: "panel", name: "box", questions: [{ type: "text", name: "b" }] },
            ],
          },
        ],
      },
      { a: "pages[0].questions[0]", b: "pages[0].questions[1].questions[0]" },
    ],
    [
      "elements at the root, no pages",
      {
        elements: [
          { type: "text", name: "a" },
          { type: "boolean", name: "b" },
        ],
      },
      { a: "elements[0]", b: "elements[1]" },
    ],
  ])("finds every question in %s", (_label, definition, expected) => {
    expect(questionPaths(definition)).toEqual(expected);
  });

  it.each([
    [ENGINE_FIXTURES.legacy, ["legacy_color", "legacy_fruits", "legacy_score", "legacy_note"]],
    [ENGINE_FIXTURES.rootElements, ["root_area", "root_online", "root_staff", "root_contact"]],
  ])("finds the questions of %s", (file, names) => {
    expect(Object.keys(questionPaths(engineFixture(file)))).toEqual(names);
  });

  it("tells the questions of a dynamic panel's template from the others", () => {
    const inside: string[] = [];
    forEachElement(engineFixture(ENGINE_FIXTURES.allTypes), (element, path) => {
      if (isQuestionElement(element, path) && isInDynamicPanel(path)) inside.push(String(element.name));
    });
    expect(inside).toEqual(["site_name", "site_kind", "site_needs"]);
  });
});
