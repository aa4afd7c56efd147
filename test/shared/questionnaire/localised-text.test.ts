import { buildExportLayout, formLocaleFor, headerOf, questionnaireLanguages, toLocaleRecord, type JsonObject, type Locale } from "@passerelle/shared";
import { ENGINE_FIXTURES, engineFixture } from "../../support/engine-fixtures";

const spanish = engineFixture(ENGINE_FIXTURES.spanish);

describe("a questionnaire's languages", () => {
  it.each<[string, unknown, string, Record<Locale, string>]>([
    ["a plain text", "Titre", "name", { fr: "Titre", ar: "Titre", en: "Titre" }],
    ["our three languages", { default: "Census", fr: "Recensement", ar: "مسح" }, "name", { fr: "Recensement", ar: "مسح", en: "Census" }],
    ["Spanish only", { es: "Encuesta" }, "name", { fr: "Encuesta", ar: "Encuesta", en: "Encuesta" }],
    ["an empty text", "", "name", { fr: "name", ar: "name", en: "name" }],
    ["no text", undefined, "name", { fr: "name", ar: "name", en: "name" }],
  ])("reads %s in each of our languages", (_label, value, fallback, expected) => {
    expect(toLocaleRecord(value, fallback)).toEqual(expected);
  });

  it.each<[string, JsonObject, string[]]>([
    ["a Spanish form", spanish, ["es"]],
    ["a form in our languages", { title: { default: "A", fr: "B", ar: "C" }, elements: [{ type: "text", name: "q", title: "Plain" }] }, ["en", "fr", "ar"]],
    ["a form of plain texts", { title: "A", elements: [{ type: "text", name: "q", choicesByUrl: { url: "https://example.org" } }] }, []],
  ])("finds the languages of %s", (_label, definition, expected) => {
    expect([...questionnaireLanguages(definition)]).toEqual(expected);
  });

  it.each<[string, JsonObject, Locale, string]>([
    ["Spanish form, French reader", spanish, "fr", "es"],
    ["Spanish form, English reader", spanish, "en", "es"],
    ["census-like form, Arabic reader", { title: { default: "A", ar: "ب" } }, "ar", "ar"],
    ["census-like form, English reader", { title: { default: "A", ar: "ب" } }, "en", ""],
    ["form with no language of its own, reader's language missing", { title: { default: "A", fr: "B" } }, "ar", "ar"],
    ["French-only form, Arabic reader", { locale: "fr", title: { fr: "Titre" } }, "ar", "fr"],
  ])("shows a %s in the right SurveyJS locale", (_label, definition, locale, expected) => {
    expect(formLocaleFor(definition, locale)).toBe(expected);
  });

  it("labels an export of a Spanish form with its Spanish texts whatever the export's language", () => {
    const layout = buildExportLayout(spanish);
    for (const locale of ["fr", "ar", "en"] as const) {
      const headers = layout.columns.map((column) => headerOf(column, layout, { header: "labels", values: "labels", locale }));
      expect(headers).toEqual(expect.arrayContaining(["¿Qué servicio usa más?", "Comentario", "¿Está satisfecho?"]));
      expect(layout.texts.get("es_servicio")?.choices.get("luz")?.[locale]).toBe("Electricidad");
    }
  });
});
