import { Model } from "survey-core";
import { orderByRanking } from "../../../client/src/features/responses/ranked-panels";

// A questionnaire of these tests' own: a ranking of four items, a detail panel per item on the
// next page between two ordinary questions, and a question tied to another (checkbox) answer.
const definition = {
  pages: [
    {
      name: "choose",
      elements: [
        { type: "ranking", name: "ranked", choices: ["roads", "water", "schools", "power"], selectToRankEnabled: true },
        { type: "checkbox", name: "ticked", choices: ["a", "b"] },
      ],
    },
    {
      name: "details",
      elements: [
        { type: "text", name: "intro" },
        ...["roads", "water", "schools", "power"].map((item) => ({
          type: "panel",
          name: `panel_${item}`,
          visibleIf: `{ranked} contains '${item}'`,
          elements: [{ type: "comment", name: `need_${item}` }],
        })),
        { type: "text", name: "about_a", visibleIf: "{ticked} contains 'a'" },
        { type: "text", name: "outro" },
      ],
    },
  ],
};

const pageOrder = (model: Model) => model.getPageByName("details").elements.map((element) => element.name);

test.each([
  [[], ["intro", "panel_roads", "panel_water", "panel_schools", "panel_power", "about_a", "outro"]],
  [
    ["schools", "water"],
    ["intro", "panel_schools", "panel_water", "panel_roads", "panel_power", "about_a", "outro"],
  ],
  [
    ["power", "roads", "water", "schools"],
    ["intro", "panel_power", "panel_roads", "panel_water", "panel_schools", "about_a", "outro"],
  ],
])("ranked %j, the details page reads %j", (ranking, expected) => {
  const model = new Model(definition);
  orderByRanking(model);
  model.setValue("ranked", ranking);
  expect(pageOrder(model)).toEqual(expected);
});

test("re-ranking moves the panels again and keeps the answers typed in them", () => {
  const model = new Model(definition);
  orderByRanking(model);
  model.setValue("ranked", ["water", "power"]);
  model.setValue("need_power", "a substation");
  model.setValue("ranked", ["power", "water"]);
  expect(pageOrder(model).slice(1, 3)).toEqual(["panel_power", "panel_water"]);
  expect(model.getValue("need_power")).toBe("a substation");
  expect(model.getQuestionByName("need_power").isVisible).toBe(true);
});

test("a resumed response opens with its panels in its ranking's order", () => {
  const model = new Model(definition);
  model.data = { ranked: ["schools", "roads"] };
  orderByRanking(model);
  expect(pageOrder(model).slice(1, 3)).toEqual(["panel_schools", "panel_roads"]);
});

test("a questionnaire without ranked panels is left as it is", () => {
  const model = new Model({
    elements: [
      { type: "text", name: "a" },
      { type: "text", name: "b", visibleIf: "{a} = 1" },
    ],
  });
  orderByRanking(model);
  expect(model.pages[0]?.elements.map((element) => element.name)).toEqual(["a", "b"]);
});
