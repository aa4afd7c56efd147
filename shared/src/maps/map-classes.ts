/**
 * The choropleths' scale, shared by the maps the browser draws and those the server draws into
 * the Word brief, so that an area falls in the same class on the page and on paper.
 */

/** Five classes, light to dark, of the dashboard's teal (the darkest at least 3:1 against white). */
export const CLASS_COLOURS = ["#d8eef1", "#9fd0d8", "#5aaab7", "#23798a", "#0c4552"] as const;

/** The hatching of a withheld figure ("too few to show"): light grey ground, darker grey stripes. */
export const HATCH_COLOURS = { ground: "#ececec", stripe: "#7a7a7a" } as const;

/** The areas' borders. */
export const BORDER_COLOUR = "#4a4a4a";

/**
 * Upper bounds of the classes: zero on its own (nobody there, or nobody citing, is a finding of
 * its own), then four equal intervals up to the highest value. Whole numbers (counts) get whole
 * bounds, so no class reads "1.2–2.4 respondents", and fewer classes when there are fewer
 * distinct values to tell apart.
 */
export function classBreaks(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const max = Math.max(0, ...values);
  const isWhole = values.every((value) => Number.isInteger(value));
  const bounds = [0];
  const intervals = CLASS_COLOURS.length - 1;
  for (let index = 1; max > 0 && index <= intervals; index += 1) {
    const bound = (max * index) / intervals;
    const rounded = isWhole ? Math.ceil(bound) : bound;
    if (bounds[bounds.length - 1] !== rounded) bounds.push(rounded);
  }
  return bounds;
}

/** The class of a value: the first whose upper bound it does not pass. */
export function classOf(value: number, bounds: readonly number[]): number {
  const index = bounds.findIndex((bound) => value <= bound);
  return index < 0 ? bounds.length - 1 : index;
}

/** The colour of a class. */
export function classColour(index: number): string {
  return CLASS_COLOURS[index] ?? CLASS_COLOURS[0];
}

/**
 * A class's legend label: "0", then "1–3", "4–5" for whole numbers; "0", "0 %–12 %",
 * "12 %–24 %" otherwise (bounds shared, as on a scale).
 */
export function classLabel(bounds: readonly number[], index: number, format: (value: number) => string, values: readonly number[]): string {
  const upper = bounds[index] ?? 0;
  const previous = index === 0 ? undefined : bounds[index - 1];
  const isWhole = values.every((value) => Number.isInteger(value));
  const lower = previous === undefined ? 0 : isWhole ? previous + 1 : previous;
  return lower === upper ? format(upper) : `${format(lower)}–${format(upper)}`;
}
