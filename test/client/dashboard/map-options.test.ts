import { readDashboardQuestionnaire } from "../../../client/src/features/dashboard/dashboard-questionnaire";
import { mapOptions } from "../../../client/src/features/dashboard/map-options";
import { FALLBACKS, miniQuestionnaire } from "./dashboard-fixtures";

test("a questionnaire coded with Lebanon's areas gets both maps, labelled in the reader's language, and its theme measures", () => {
  const options = mapOptions(miniQuestionnaire("fr"));
  expect(options.levels.map((level) => [level.level, level.field.name])).toEqual([
    ["district", "district"],
    ["governorate", "governorate"],
  ]);
  expect(options.levels[0]?.areaLabels.get("tyre")).toBe("Tyr");
  expect(options.themeQuestion?.name).toBe("priority_themes");
  expect(options.measures).toEqual(["score", "share"]);
});

test("a questionnaire whose breakdown codes are no area of Lebanon gets no map, and no error", () => {
  const definition = {
    breakdownFields: ["region"],
    pages: [
      {
        name: "p",
        elements: [
          { type: "dropdown", name: "region", choices: ["occitanie", "bretagne"] },
          { type: "checkbox", name: "activities", choices: ["culture", "aid"] },
        ],
      },
    ],
  };
  const options = mapOptions(readDashboardQuestionnaire(definition, "en", FALLBACKS));
  expect(options.levels).toEqual([]);
  expect(options.themeQuestion).toBeUndefined();
  expect(options.measures).toEqual(["share"]);
});
