import { readFileSync } from "node:fs";
import path from "node:path";
import { answersToSubmit, createSurveyModel, localisedText, showServerErrors } from "../../../client/src/features/responses/survey-model";

const census = JSON.parse(readFileSync(path.resolve(__dirname, "../../../surveys/census-lebanon.json"), "utf8")) as Record<string, unknown>;

test("answers to questions hidden by other answers are not submitted; drafts keep them", () => {
  const model = createSurveyModel(census, "fr");
  model.data = {
    authority_name: "Jbeil",
    priority_themes: ["energy"],
    need_energy: "solar",
    need_water_sanitation: "left from when water was ranked",
    urgency_water_sanitation: "immediate",
  };
  const answers = answersToSubmit(model);
  expect(answers).toMatchObject({ authority_name: "Jbeil", priority_themes: ["energy"], need_energy: "solar" });
  expect(answers).not.toHaveProperty("need_water_sanitation");
  expect(answers).not.toHaveProperty("urgency_water_sanitation");
  expect(model.data).toHaveProperty("need_water_sanitation");
});

test("server objections land on their questions; unknown names are handed back", () => {
  const model = createSurveyModel(census, "ar");
  const unplaced = showServerErrors(model, [
    { question: "authority_name", message: "اسم غير معروف" },
    { question: "answers", message: "bad envelope" },
  ]);
  expect(model.getQuestionByName("authority_name").errors.map((error) => error.text)).toEqual(["اسم غير معروف"]);
  expect(unplaced).toEqual([{ question: "answers", message: "bad envelope" }]);
});

test.each([
  ["Title", "ar", "Title"],
  [{ default: "Census", fr: "Recensement", ar: "مسح" }, "fr", "Recensement"],
  [{ default: "Census", fr: "Recensement", ar: "مسح" }, "en", "Census"],
  [{ default: "Census" }, "ar", "Census"],
  [undefined, "fr", ""],
] as const)("localisedText(%j, %s)", (value, locale, expected) => {
  expect(localisedText(value, locale)).toBe(expected);
});
