import { isJsonObject, type JsonObject } from "../questionnaire/walk-definition";

/** Every question of a definition by name, where a question can copy its choices from. */
export type ChoiceSources = ReadonlyMap<string, JsonObject>;

const DEFAULT_RATING_SCALE = ["1", "2", "3", "4", "5"];
// A chain of `choicesFromQuestion` longer than this is a loop.
const MAX_SOURCE_DEPTH = 8;

/**
 * A choice question's values in questionnaire order, "none" and "other" included when offered:
 * its own list, its source question's (`choicesFromQuestion`: whatever the mode, the copied
 * values are among the source's), or the numbers of `choicesMin`…`choicesMax`.
 */
export function choiceValues(element: JsonObject, sources: ChoiceSources, depth = 0): string[] {
  const values = ownOrCopiedValues(element, sources, depth);
  if (element.showNoneItem === true || element.hasNone === true) values.push("none");
  if (element.showOtherItem === true || element.hasOther === true) values.push("other");
  return [...new Set(values)];
}

function ownOrCopiedValues(element: JsonObject, sources: ChoiceSources, depth: number): string[] {
  const source = sourceOf(element, sources);
  if (source && depth < MAX_SOURCE_DEPTH) return choiceValues(source, sources, depth + 1).filter((value) => value !== "none");
  const listed = itemValues(element.choices);
  if (listed.length > 0) return listed;
  const min = element.choicesMin;
  const max = element.choicesMax;
  if (typeof min === "number" && typeof max === "number" && max >= min) {
    const step = typeof element.choicesStep === "number" && element.choicesStep > 0 ? element.choicesStep : 1;
    const numbers: string[] = [];
    for (let value = min; value <= max && numbers.length < 1000; value += step) numbers.push(String(value));
    return numbers;
  }
  return [];
}

/**
 * Are the question's choices known only when the form runs? A list loaded from a web service
 * (`choicesByUrl`), or copied from a question that has no list either. The statistics then
 * count the values the respondents gave.
 */
export function resolvesChoicesAtRunTime(element: JsonObject, sources: ChoiceSources, depth = 0): boolean {
  if (isJsonObject(element.choicesByUrl) && typeof element.choicesByUrl.url === "string" && element.choicesByUrl.url !== "") return true;
  const source = sourceOf(element, sources);
  if (source) return depth >= MAX_SOURCE_DEPTH || resolvesChoicesAtRunTime(source, sources, depth + 1);
  return ownOrCopiedValues(element, sources, depth).length === 0;
}

function sourceOf(element: JsonObject, sources: ChoiceSources): JsonObject | undefined {
  const name = element.choicesFromQuestion;
  return typeof name === "string" && name !== element.name ? sources.get(name) : undefined;
}

/** A rating's scale: its own values, or `rateMin`…`rateMax` (or `rateCount` values) by `rateStep`. */
export function ratingScale(element: JsonObject): string[] {
  const listed = itemValues(element.rateValues);
  if (listed.length > 0) return listed;
  const min = typeof element.rateMin === "number" ? element.rateMin : 1;
  const step = typeof element.rateStep === "number" && element.rateStep > 0 ? element.rateStep : 1;
  const counted = typeof element.rateCount === "number" && element.rateMax === undefined ? min + (element.rateCount - 1) * step : undefined;
  const max = typeof element.rateMax === "number" ? element.rateMax : (counted ?? 5);
  if (min === 1 && max === 5 && step === 1) return [...DEFAULT_RATING_SCALE];
  const scale: string[] = [];
  for (let value = min; value <= max && scale.length < 1000; value += step) scale.push(String(value));
  return scale;
}

/** The values of a list of items (`"a"` or `{ value: "a", text }`), as strings. */
export function itemValues(items: unknown): string[] {
  if (!Array.isArray(items)) return [];
  return items.map((item) => String(isJsonObject(item) ? item.value : item));
}
