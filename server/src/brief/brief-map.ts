import {
  classBreaks,
  classColour,
  classLabel,
  classOf,
  fillMapWords,
  findAreaField,
  type AreaLevel,
  type AreaValues,
  type Locale,
  type QuestionnaireShape,
} from "@passerelle/shared";
import { boundaryAreas } from "./map-boundaries";
import { choroplethPng, MAP_WIDTH, mapHeight, type AreaPaint } from "./map-png";

export interface BriefMapInput {
  level: AreaLevel;
  /** Keyed by answer code, as the analytics API gives them (withheld ones `"suppressed"`). */
  values: AreaValues;
  /** What the figures are ("Respondents", "Water — share"). */
  label: string;
  format: (value: number) => string;
  locale: Locale;
}

/** A map of the Word brief: its picture, and the words Word lays out around it. */
export interface BriefMapView {
  level: AreaLevel;
  caption: string;
  png: Buffer;
  width: number;
  height: number;
  /** The scale's classes, then the hatching and the blank when some area uses them. */
  legend: { paint: AreaPaint; label: string }[];
  /** What the hatching means (when an area is hatched), then the boundaries' credit line. */
  notes: string[];
}

/**
 * The map the brief page draws for the same figures, for Word: the same classes (shared with
 * the browser's maps), withheld areas hatched and named "too few to show" in the legend, never
 * drawn as zero; areas with no figure blank.
 */
export function briefMap(input: BriefMapInput): BriefMapView {
  const word = (key: Parameters<typeof fillMapWords>[1], values: Record<string, string> = {}) => fillMapWords(input.locale, key, values);
  // Every figure given sets the scale, as on the page (where those off the map go in its table).
  const shown = Object.values(input.values).filter((value): value is number => typeof value === "number" && Number.isFinite(value));
  const bounds = classBreaks(shown);
  const paintOf = (code: string): AreaPaint => {
    const value = input.values[code];
    if (value === "suppressed") return { kind: "suppressed" };
    if (typeof value !== "number" || !Number.isFinite(value)) return { kind: "none" };
    return { kind: "class", colour: classColour(classOf(value, bounds)) };
  };
  const paints = boundaryAreas(input.level).map((area) => paintOf(area.code));
  const legend: BriefMapView["legend"] = bounds.map((_bound, index) => ({
    paint: { kind: "class", colour: classColour(index) },
    label: classLabel(bounds, index, input.format, shown),
  }));
  const isHatched = paints.some((paint) => paint.kind === "suppressed");
  if (isHatched) legend.push({ paint: { kind: "suppressed" }, label: word("mapSuppressed") });
  if (paints.some((paint) => paint.kind === "none")) legend.push({ paint: { kind: "none" }, label: word("mapNoFigure") });
  const by = word(input.level === "district" ? "mapByDistrict" : "mapByGovernorate");
  return {
    level: input.level,
    caption: word("mapCaption", { label: input.label, by }),
    png: choroplethPng(input.level, paintOf),
    width: MAP_WIDTH,
    height: mapHeight(input.level),
    legend,
    notes: [...(isHatched ? [word("mapSuppressedNote")] : []), word("mapCredit")],
  };
}

/** The breakdown field of a questionnaire whose answers are the areas of the first level of `levels` that has one. */
export function areaFieldOf(shape: QuestionnaireShape, levels: readonly AreaLevel[]): { field: string; level: AreaLevel } | undefined {
  const fields = shape.breakdownFields
    .map((name) => shape.questions.find((question) => question.name === name))
    .filter((question) => question !== undefined)
    .map((question) => ({ name: question.name, choices: question.choices.map((value) => ({ value })) }));
  for (const level of levels) {
    const field = findAreaField(fields, level);
    if (field) return { field: field.name, level };
  }
  return undefined;
}
