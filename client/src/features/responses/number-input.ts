import { settings } from "survey-core";

/**
 * Numbers typed with Eastern Arabic (٠-٩) or Persian (۰-۹) digits, as an Arabic keyboard gives
 * them: a browser's `<input type="number">` silently drops them, and SurveyJS's number parsing
 * reads only ASCII digits. Number questions are therefore rendered as text inputs with a numeric
 * keyboard (`inputmode="decimal"`, see `number-text-input.tsx`), and their text is read with
 * every digit normalised. The server
 * applies the same normalisation to number answers sent as text.
 */

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;
// U+066B ARABIC DECIMAL SEPARATOR, U+066C ARABIC THOUSANDS SEPARATOR.
const DECIMAL_SEPARATOR = "\u066b";
const THOUSANDS_SEPARATOR = "\u066c";

/** The text with Eastern Arabic and Persian digits (and the Arabic decimal separator) in ASCII. */
export function toAsciiDigits(text: string): string {
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

/** What a number typed in a form looks like once in ASCII: no exponent, no hexadecimal. */
const DECIMAL_NUMBER = /^[+-]?\d+(\.\d+)?$/;

let isParsingInstalled = false;

/** Makes every SurveyJS number (answers, validators) read Eastern digits too; idempotent. */
export function acceptEasternDigits(): void {
  if (isParsingInstalled) return;
  isParsingInstalled = true;
  const parseNumber = settings.parseNumber;
  settings.parseNumber = (stringValue: unknown, numericValue: number): number => {
    if (typeof stringValue !== "string" || !Number.isNaN(numericValue)) return parseNumber(stringValue, numericValue);
    const ascii = toAsciiDigits(stringValue).trim();
    return ascii !== stringValue.trim() && DECIMAL_NUMBER.test(ascii) ? Number(ascii) : parseNumber(stringValue, numericValue);
  };
}
