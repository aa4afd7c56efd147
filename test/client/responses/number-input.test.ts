import fc from "fast-check";
import { Model, type QuestionTextModel } from "survey-core";
import { acceptEasternDigits, toAsciiDigits } from "../../../client/src/features/responses/number-input";
import { easternDigitNumber } from "../../../server/src/responses/eastern-digits";

test.each([
  ["١٢٣٤٥٦٧٨٩٠", "1234567890"],
  ["۱۲۳۴۵۶۷۸۹۰", "1234567890"],
  ["١٢٬٠٠٠٫٥", "12000.5"],
  ["abc 12", "abc 12"],
])("toAsciiDigits(%j) is %j", (text, expected) => {
  expect(toAsciiDigits(text)).toBe(expected);
});

function numberQuestion(): QuestionTextModel {
  const model = new Model({ elements: [{ type: "text", name: "population", inputType: "number" }] });
  acceptEasternDigits();
  return model.getQuestionByName("population") as QuestionTextModel;
}

test("a number question keeps the number typed in Eastern Arabic or Persian digits", () => {
  const question = numberQuestion();
  question.inputValue = "١٢٠٠٠";
  expect(question.value).toBe(12000);
  question.inputValue = "۴۲٫۵";
  expect(question.value).toBe(42.5);
});

// The form and the server must read the same text as the same number (or both refuse it).
test("the form and the server agree on every text written with Eastern digits", () => {
  const question = numberQuestion();
  const pieces = ["٠", "١", "٥", "٩", "۰", "۴", "۹", "٫", "٬", "1", "7", ".", "-", "+", " ", "e", "x", "a"];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }), (parts) => {
      const text = parts.join("");
      fc.pre(/[\u0660-\u0669\u06f0-\u06f9]/.test(text));
      question.clearValue();
      question.inputValue = text;
      const onServer = easternDigitNumber(text);
      const inForm = typeof question.value === "number" ? question.value : undefined;
      expect({ text, inForm }).toEqual({ text, inForm: onServer });
    }),
    { numRuns: 500 },
  );
});
