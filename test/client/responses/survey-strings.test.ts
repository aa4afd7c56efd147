import { Model } from "survey-core";
import { correctSurveyStrings } from "../../../client/src/features/responses/survey-strings";

test("the Arabic 'required' message ends with its full stop instead of starting with it", () => {
  correctSurveyStrings();
  const model = new Model({ elements: [{ type: "text", name: "name", isRequired: true }] });
  model.locale = "ar";
  model.validate(true);
  const message = model.getQuestionByName("name").errors[0]?.getText() ?? "";
  expect(message).toBe("يرجى الإجابة على السؤال.");
  expect(message.startsWith(".")).toBe(false);
});
