import type { Locale } from "@passerelle/shared";
import { numberFormats } from "../../../client/src/features/dashboard/number-format";
import { translatorFor } from "../../../client/src/i18n/feature-messages";
import { buildChoropleth, classBreaks, classOf, CLASS_COLOURS, type AreaValue } from "../../../client/src/features/maps/choropleth";
import { mapsMessages } from "../../../client/src/features/maps/maps.messages";

const INTL: Record<Locale, string> = { fr: "fr-FR", ar: "ar-LB", en: "en-GB" };
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ").replace(/\u061c/g, "");

function build(
  values: Record<string, AreaValue | undefined>,
  options: { locale?: Locale; level?: "district" | "governorate"; format?: "integer" | "percent" } = {},
) {
  const locale = options.locale ?? "en";
  const formats = numberFormats(INTL[locale]);
  return buildChoropleth({
    level: options.level ?? "district",
    values,
    label: "Respondents",
    format: formats[options.format ?? "integer"],
    areaLabel: (code) => code.toUpperCase(),
    intlLocale: INTL[locale],
    t: translatorFor(mapsMessages, locale),
  });
}

describe("class breaks", () => {
  it.each([
    [[], []],
    [[0, 0], [0]],
    [
      [10, 3, 0],
      [0, 3, 5, 8, 10],
    ],
    // Whole numbers: bounds rounded up and repeated bounds merged, so no "1.2–2.4 respondents".
    [
      [1, 2],
      [0, 1, 2],
    ],
    [[3], [0, 1, 2, 3]],
    [
      [0.5, 0.25],
      [0, 0.125, 0.25, 0.375, 0.5],
    ],
  ])("of %j are %j", (values, bounds) => {
    expect(classBreaks(values)).toEqual(bounds);
  });

  it.each([
    [0, 0],
    [0.5, 1],
    [2, 1],
    [3, 2],
    [8, 4],
    [11, 4],
  ])("%s falls in class %s of 0, 2, 4, 6, 8", (value, index) => {
    expect(classOf(value, [0, 2, 4, 6, 8])).toBe(index);
  });
});

test("areas are filled by class, a withheld figure hatched (not zero), a missing one blank", () => {
  const view = build({ tyre: 10, saida: 0, jezzine: "suppressed" });
  const fill = (code: string) => view.areas.find((area) => area.code === code)?.fill;
  expect(fill("tyre")).toEqual({ kind: "class", index: 4, colour: CLASS_COLOURS[4] });
  expect(fill("saida")).toEqual({ kind: "class", index: 0, colour: CLASS_COLOURS[0] });
  expect(fill("jezzine")).toEqual({ kind: "suppressed" });
  expect(fill("akkar")).toEqual({ kind: "none" });
  expect(view.areas).toHaveLength(26);
  expect(view.legend.map((item) => item.label)).toEqual(["0", "1–3", "4–5", "6–8", "9–10", "too few to show", "no answers"]);
  expect(view.summary).toBe("Map of Lebanon, Respondents by district. Highest: TYRE (10). Too few respondents to show: 1.");
});

test("the table lists every area by name, with the words of the legend, and credits the boundaries", () => {
  const view = build({ tyre: 10, jezzine: "suppressed" }, { level: "governorate" });
  expect(view.table.columns).toEqual(["Governorate (mohafaza)", "Respondents"]);
  expect(view.table.rows).toHaveLength(9 + 2);
  expect(view.table.rows[0]).toEqual({ header: "AKKAR", cells: ["no answers"] });
  // Tyre and Jezzine are districts, no governorate: listed as off the map rather than dropped.
  expect(view.table.rows.slice(-2)).toEqual([
    { header: "TYRE (not on the map)", cells: ["10"] },
    { header: "JEZZINE (not on the map)", cells: ["too few to show"] },
  ]);
  expect(view.table.notes).toEqual([
    expect.stringContaining("Hatched: too few respondents"),
    expect.stringContaining("not on the map"),
    "Boundaries: geoBoundaries (www.geoboundaries.org), public domain; credit: Wikimedia Commons user Rarelibra.",
  ]);
});

test("shares read as percentages in the reader's language, Arabic included", () => {
  const view = build({ tyre: 0.5, saida: 0.25 }, { locale: "ar", format: "percent" });
  expect(plain(view.areas.find((area) => area.code === "tyre")?.text ?? "")).toBe("٥٠٪");
  expect(view.legend.map((item) => plain(item.label))).toEqual(["٠٪", "٠٪–١٢٫٥٪", "١٢٫٥٪–٢٥٪", "٢٥٪–٣٧٫٥٪", "٣٧٫٥٪–٥٠٪", "لا إجابات"]);
  expect(view.caption).toBe("Respondents حسب القضاء");
  // The number of withheld areas is a count, whatever the figures are.
  const withheld = build({ tyre: 0.5, saida: 0.5, zahle: "suppressed" }, { locale: "fr", format: "percent" });
  expect(plain(withheld.summary)).toBe("Carte du Liban, Respondents par caza. Valeur la plus élevée : SAIDA (50 %). Trop peu de répondants pour afficher : 1.");
  const french = build({ tyre: 0.5 }, { locale: "fr", format: "percent" });
  expect(plain(french.areas.find((area) => area.code === "tyre")?.tooltip ?? "")).toBe("TYRE : 50 %");
});

test("a map with nothing to show says so in its legend and draws no class", () => {
  const view = build({});
  expect(view.legend).toEqual([{ fill: { kind: "none" }, label: "no answers" }]);
  expect(view.summary).toBe("Map of Lebanon, Respondents by district.");
});
