import { classBreaks, classColour, classLabel, classOf, type AreaValue } from "@passerelle/shared";
import type { Translate } from "../../i18n/messages";
import type { TableView } from "../dashboard/chart-view";
import { areaCodes, type AreaLevel } from "./area-codes";
import { areaCode, areaFeatures, type AreaFeature } from "./map-areas";
import type { MapsKey } from "./maps.messages";

export { CLASS_COLOURS, classBreaks, classOf, type AreaValue } from "@passerelle/shared";

/** How an area is filled: a class of the sequential scale, the hatching of a withheld figure, or blank. */
export type AreaFill = { kind: "class"; index: number; colour: string } | { kind: "suppressed" } | { kind: "none" };

export interface ChoroplethInput {
  level: AreaLevel;
  /** Keyed by answer code; codes that are no area of the level are listed in the table only. */
  values: Readonly<Record<string, AreaValue | undefined>>;
  /** What the figures are ("Respondents", "Water — share of respondents"). */
  label: string;
  format: (value: number) => string;
  /** An area's name in the reader's language (the questionnaire's choice label); the code when unknown. */
  areaLabel: (code: string) => string;
  /** Sorts the table's rows as the reader's language does. */
  intlLocale: string;
  t: Translate<MapsKey>;
}

export interface ChoroplethArea {
  code: string;
  label: string;
  feature: AreaFeature;
  /** The figure as drawn: NaN when there is none to colour by. */
  value: number;
  fill: AreaFill;
  /** The figure as written in the table. */
  text: string;
  /** "Tyre: 12", the tooltip's line. */
  tooltip: string;
}

export interface ChoroplethView {
  areas: ChoroplethArea[];
  /** The scale's classes, then the hatched and blank styles when some area uses them. */
  legend: { fill: AreaFill; label: string }[];
  /** The map in a sentence, for screen readers (the canvas's `aria-label`). */
  summary: string;
  caption: string;
  table: TableView;
}

/**
 * The map of one level and its table: each area's fill from the value's class (zero, then four
 * equal intervals up to the highest value shown; see `classBreaks`), a withheld value hatched,
 * a missing one blank. Pure, so it is tested without a canvas.
 */
export function buildChoropleth(input: ChoroplethInput): ChoroplethView {
  const { level, values, t, format } = input;
  const shown = Object.values(values).filter((value): value is number => typeof value === "number" && Number.isFinite(value));
  const classes = classBreaks(shown);
  const areas = areaFeatures(level).map((feature): ChoroplethArea => {
    const code = areaCode(feature, level);
    const label = input.areaLabel(code);
    const figure = drawn(values[code], classes, input);
    return { code, label, feature, ...figure, tooltip: t("mapAreaValue", { area: label, value: figure.text }) };
  });

  const legend: ChoroplethView["legend"] = classes.map((_bound, index) => ({
    fill: { kind: "class", index, colour: classColour(index) },
    label: classLabel(classes, index, format, shown),
  }));
  const suppressed = areas.filter((area) => area.fill.kind === "suppressed").length;
  if (suppressed > 0) legend.push({ fill: { kind: "suppressed" }, label: t("mapSuppressed") });
  if (areas.some((area) => area.fill.kind === "none")) legend.push({ fill: { kind: "none" }, label: t("mapNoFigure") });

  const by = t(level === "district" ? "mapByDistrict" : "mapByGovernorate");
  const caption = t("mapCaption", { label: input.label, by });
  return { areas, legend, caption, summary: summarise(areas, { ...input, by, suppressed }), table: tableOf(areas, caption, input) };
}

function drawn(value: AreaValue | undefined, classes: readonly number[], input: ChoroplethInput): Pick<ChoroplethArea, "value" | "fill" | "text"> {
  if (value === "suppressed") return { value: Number.NaN, fill: { kind: "suppressed" }, text: input.t("mapSuppressed") };
  if (typeof value !== "number" || !Number.isFinite(value)) return { value: Number.NaN, fill: { kind: "none" }, text: input.t("mapNoFigure") };
  const index = classOf(value, classes);
  return { value, fill: { kind: "class", index, colour: classColour(index) }, text: input.format(value) };
}

function summarise(areas: readonly ChoroplethArea[], input: ChoroplethInput & { by: string; suppressed: number }): string {
  const { t } = input;
  // Ties go to the first name in the reader's alphabet, not to the boundary file's order.
  const collator = new Intl.Collator(input.intlLocale);
  const highest = areas.filter((area) => area.fill.kind === "class").sort((a, b) => b.value - a.value || collator.compare(a.label, b.label))[0];
  const count = new Intl.NumberFormat(input.intlLocale).format(input.suppressed);
  return t("mapSummary", {
    label: input.label,
    by: input.by,
    highest: highest ? t("mapSummaryHighest", { area: highest.label, value: highest.text }) : "",
    suppressed: input.suppressed > 0 ? t("mapSummarySuppressed", { count }) : "",
  }).trim();
}

// Every area by name, then the answers that are no area of the map (a questionnaire's own
// code, "other"), so the table always holds every figure the caller gave.
function tableOf(areas: readonly ChoroplethArea[], caption: string, input: ChoroplethInput): TableView {
  const { t, level } = input;
  const collator = new Intl.Collator(input.intlLocale);
  const rows = [...areas].sort((a, b) => collator.compare(a.label, b.label)).map((area) => ({ header: area.label, cells: [area.text] }));
  const codes = areaCodes(level);
  const elsewhere = Object.entries(input.values).filter(([code, value]) => !codes.has(code) && value !== undefined);
  for (const [code, value] of elsewhere) {
    const text = value === "suppressed" ? t("mapSuppressed") : input.format(value as number);
    rows.push({ header: `${input.areaLabel(code)} (${t("mapNotOnMap")})`, cells: [text] });
  }
  const notes: string[] = [];
  if (areas.some((area) => area.fill.kind === "suppressed") || elsewhere.some(([, value]) => value === "suppressed")) notes.push(t("mapSuppressedNote"));
  if (elsewhere.length > 0) notes.push(t("mapNotOnMapNote"));
  notes.push(t("mapCredit"));
  return {
    caption,
    columns: [t(level === "district" ? "mapLevelDistrict" : "mapLevelGovernorate"), input.label],
    rows,
    notes,
  };
}
