import type { Answers, JsonObject } from "@passerelle/shared";

/**
 * Number answers written with Eastern Arabic (٠-٩) or Persian (۰-۹) digits, as text (an API
 * client, or a phone keyboard behind another form): read as the numbers they are, as the
 * respondent app does, before the answers are checked. Only answers to number questions
 * (`"type": "text"`, `"inputType": "number"` or `"range"`) that contain such digits are touched;
 * anything else is left for the validator to judge.
 */
export function withAsciiDigitNumbers(definition: JsonObject, answers: Answers): Answers {
  const numberQuestions = numberQuestionsOf(definition);
  let result: Answers | null = null;
  for (const [name, value] of Object.entries(answers)) {
    if (typeof value !== "string" || !numberQuestions.has(name)) continue;
    const number = easternDigitNumber(value);
    if (number === undefined) continue;
    result ??= { ...answers };
    result[name] = number;
  }
  return result ?? answers;
}

/** The number a text written with Eastern digits stands for; undefined for any other text. */
export function easternDigitNumber(text: string): number | undefined {
  const ascii = toAsciiDigits(text).trim();
  return ascii !== text.trim() && DECIMAL_NUMBER.test(ascii) ? Number(ascii) : undefined;
}

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;
// U+066B ARABIC DECIMAL SEPARATOR, U+066C ARABIC THOUSANDS SEPARATOR.
const DECIMAL_SEPARATOR = "\u066b";
const THOUSANDS_SEPARATOR = "\u066c";
// No exponent, no hexadecimal: what a number typed in a form looks like.
const DECIMAL_NUMBER = /^[+-]?\d+(\.\d+)?$/;

function toAsciiDigits(text: string): string {
  let result = "";
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code >= ARABIC_INDIC_ZERO && code <= ARABIC_INDIC_ZERO + 9) result += String(code - ARABIC_INDIC_ZERO);
    else if (code >= PERSIAN_ZERO && code <= PERSIAN_ZERO + 9) result += String(code - PERSIAN_ZERO);
    else if (character === DECIMAL_SEPARATOR) result += ".";
    else if (character !== THOUSANDS_SEPARATOR) result += character;
  }
  return result;
}

const numberQuestionsCache = new WeakMap<JsonObject, Set<string>>();

/** Value names of the definition's number questions, at any depth of pages and panels. */
function numberQuestionsOf(definition: JsonObject): Set<string> {
  let names = numberQuestionsCache.get(definition);
  if (names) return names;
  names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    const element = node as Record<string, unknown>;
    if (element.type === "text" && (element.inputType === "number" || element.inputType === "range")) {
      const name = typeof element.valueName === "string" ? element.valueName : element.name;
      if (typeof name === "string") names?.add(name);
    }
    // A dynamic panel's template holds its own answers, nested: not top-level names.
    if (element.type !== "paneldynamic") visit(element.elements);
    visit(element.pages);
  };
  visit(definition);
  numberQuestionsCache.set(definition, names);
  return names;
}
