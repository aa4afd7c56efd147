import { forEachElement, isJsonObject, isQuestionElement, type JsonObject } from "../questionnaire/walk-definition";

/** How a question's answers are counted. */
export type QuestionKind = "single" | "multi" | "ranking" | "numeric" | "boolean" | "matrix" | "text";

export interface QuestionShape {
  name: string;
  kind: QuestionKind;
  /** Choice values in questionnaire order (single, multi, ranking, rating scale). */
  choices: string[];
  /** Theme id when the question belongs to a theme. */
  theme?: string;
  /** What a theme's question is about: need, urgency, studies, budget, cofunding. */
  themeFacet?: string;
  /** Theme id of each choice that stands for a theme (the census's priority ranking). */
  choiceThemes?: Record<string, string>;
  /** Matrix rows and columns. */
  rows?: string[];
  columns?: string[];
  /** For rankings: how many items can be ranked (the Borda base). */
  maxRanked?: number;
  /** Personal data (a name, a phone number): never shown to viewers, even as a count. */
  personal?: true;
}

/** What the statistics need to know of one questionnaire version. */
export interface QuestionnaireShape {
  questions: QuestionShape[];
  breakdownFields: string[];
}

const KIND_BY_TYPE: Record<string, QuestionKind> = {
  radiogroup: "single",
  dropdown: "single",
  buttongroup: "single",
  imagepicker: "single",
  checkbox: "multi",
  tagbox: "multi",
  ranking: "ranking",
  rating: "numeric",
  boolean: "boolean",
  matrix: "matrix",
  text: "text",
  comment: "text",
};
const NUMERIC_INPUT_TYPES = new Set(["number", "range"]);
const DEFAULT_RATING_SCALE = ["1", "2", "3", "4", "5"];

/**
 * Reads, from a questionnaire definition, the questions statistics are computed for and how
 * each is counted. Works on the JSON alone (no survey-core model), so it is cheap to call for
 * every questionnaire version a set of responses was given against.
 */
export function readQuestionnaireShape(definition: JsonObject): QuestionnaireShape {
  const questions: QuestionShape[] = [];
  forEachElement(definition, (element, path) => {
    if (!isQuestionElement(element, path)) return;
    const shape = toQuestionShape(element);
    if (shape) questions.push(shape);
  });
  const breakdownFields = Array.isArray(definition.breakdownFields)
    ? definition.breakdownFields.filter((field): field is string => typeof field === "string")
    : [];
  return { questions, breakdownFields };
}

function toQuestionShape(element: JsonObject): QuestionShape | undefined {
  const type = String(element.type);
  let kind = KIND_BY_TYPE[type];
  if (type === "imagepicker" && element.multiSelect === true) kind = "multi";
  if (type === "text" && NUMERIC_INPUT_TYPES.has(String(element.inputType))) kind = "numeric";
  if (!kind) return undefined;
  const shape: QuestionShape = {
    name: String(element.name),
    kind,
    choices: type === "rating" ? ratingScale(element) : choiceValues(element),
  };
  if (typeof element.theme === "string") shape.theme = element.theme;
  if (typeof element.themeFacet === "string") shape.themeFacet = element.themeFacet;
  if (element.personal === true) shape.personal = true;
  const choiceThemes = themesOfChoices(element.choices);
  if (choiceThemes) shape.choiceThemes = choiceThemes;
  if (kind === "matrix") {
    shape.rows = itemValues(element.rows);
    shape.columns = itemValues(element.columns);
  }
  if (kind === "ranking") {
    const max = Number(element.maxSelectedChoices);
    shape.maxRanked = Number.isInteger(max) && max > 0 ? Math.min(max, shape.choices.length) : shape.choices.length;
  }
  return shape;
}

function choiceValues(element: JsonObject): string[] {
  const values = itemValues(element.choices);
  if (element.showNoneItem === true || element.hasNone === true) values.push("none");
  if (element.showOtherItem === true || element.hasOther === true) values.push("other");
  return values;
}

function ratingScale(element: JsonObject): string[] {
  const listed = itemValues(element.rateValues);
  if (listed.length > 0) return listed;
  const min = typeof element.rateMin === "number" ? element.rateMin : 1;
  const max = typeof element.rateMax === "number" ? element.rateMax : 5;
  const step = typeof element.rateStep === "number" && element.rateStep > 0 ? element.rateStep : 1;
  if (min === 1 && max === 5 && step === 1) return [...DEFAULT_RATING_SCALE];
  const scale: string[] = [];
  for (let value = min; value <= max; value += step) scale.push(String(value));
  return scale;
}

function themesOfChoices(items: unknown): Record<string, string> | undefined {
  if (!Array.isArray(items)) return undefined;
  const entries = items
    .filter(isJsonObject)
    .filter((item) => typeof item.theme === "string")
    .map((item) => [String(item.value), item.theme as string] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function itemValues(items: unknown): string[] {
  if (!Array.isArray(items)) return [];
  return items.map((item) => String(isJsonObject(item) ? item.value : item));
}
