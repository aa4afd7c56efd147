/** A JSON object inside a questionnaire definition (page, panel, question, choice). */
export type JsonObject = Record<string, unknown>;

/** A location inside a definition, printed as `pages[2].elements[0]`. */
export type JsonPath = (string | number)[];

export function formatJsonPath(path: JsonPath): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${key}` : key), "");
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Where SurveyJS nests elements: pages and panels hold `elements` (`questions` in the older
// format survey-core still reads, and a survey may put `elements` at its root with no pages),
// dynamic panels a template.
const CHILD_KEYS = ["pages", "elements", "questions", "templateElements"] as const;

/**
 * Visits every page, panel and question of a SurveyJS definition, depth first, in document
 * order, with its path from the root. Reads the JSON itself (no survey-core model), so it
 * works on files that do not load yet and reports where things are.
 */
export function forEachElement(definition: JsonObject, visit: (element: JsonObject, path: JsonPath) => void): void {
  const walk = (node: JsonObject, path: JsonPath) => {
    for (const key of CHILD_KEYS) {
      const children = node[key];
      if (!Array.isArray(children)) continue;
      children.forEach((child, index) => {
        if (!isJsonObject(child)) return;
        const childPath = [...path, key, index];
        visit(child, childPath);
        walk(child, childPath);
      });
    }
  };
  walk(definition, []);
}

/** Is this element a question (something that holds an answer), rather than a page or panel? */
export function isQuestionElement(element: JsonObject, path: JsonPath): boolean {
  const isPage = path[path.length - 2] === "pages";
  return !isPage && typeof element.type === "string" && element.type !== "panel" && typeof element.name === "string";
}

/**
 * Is this element inside a dynamic panel's template? Its answers are then stored in each panel
 * of the dynamic panel's value, not under its own name at the top of the answers.
 */
export function isInDynamicPanel(path: JsonPath): boolean {
  return path.includes("templateElements");
}

// Properties of a question that hold lists of items with `value` (and possibly `theme`).
export const CHOICE_LIST_KEYS = ["choices", "rows", "columns", "rateValues"] as const;
