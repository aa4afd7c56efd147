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

describe("a questionnaire in a language of its own", () => {
  const spanish = JSON.parse(readFileSync(path.resolve(__dirname, "../../fixtures/engine/spanish.json"), "utf8")) as Record<string, unknown>;

  it.each(["fr", "ar", "en"] as const)("shows a Spanish-only form in Spanish to a reader in %s, SurveyJS's buttons in the reader's language", (locale) => {
    const model = createSurveyModel(spanish, locale);
    expect(model.locale).toBe("es");
    const question = model.getQuestionByName("es_servicio");
    expect(question.title).toBe("¿Qué servicio usa más?");
    expect(question.choices.map((choice: { text: string }) => choice.text)).toEqual(["Agua", "Electricidad"]);
    expect(model.getQuestionByName("es_comentario").title).toBe("Comentario");
    expect(model.completeText).toBe({ fr: "Terminer", ar: "إرسال البيانات", en: "Complete" }[locale]);
    expect(localisedText(spanish.title, locale)).toBe("Encuesta municipal");
  });

  it("keeps the reader's language for a questionnaire written in it", () => {
    expect(createSurveyModel(census, "ar").locale).toBe("ar");
    expect(createSurveyModel(census, "en").locale).toBe("");
  });
});

it("says in the reader's language when a list of choices could not be loaded", async () => {
  // Port 9 (discard) refuses the connection: the fetch fails as a blocked one does.
  const model = createSurveyModel({ elements: [{ type: "dropdown", name: "country", choicesByUrl: { url: "http://127.0.0.1:9/countries" } }] }, "fr");
  const question = model.getQuestionByName("country");
  await new Promise<void>((resolve) => model.onChoicesLoaded.add(() => setTimeout(resolve, 0)));
  expect(question.errors.map((error: { getText(): string }) => error.getText())).toEqual([
    expect.stringContaining("La liste des choix n'a pas pu être chargée"),
  ]);
});
