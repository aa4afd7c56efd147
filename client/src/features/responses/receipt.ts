import type { Answers, Locale } from "@passerelle/shared";
import { QuestionSelectBase, type Question } from "survey-core";
import { createSurveyModel } from "./survey-model";

/** One answered question as the receipt shows it. */
export interface ReceiptAnswer {
  question: string;
  /** The answer in words (choices by their label), one line per item for lists and rankings. */
  lines: string[];
}

/** The answers of one page of the questionnaire, under the page's title. */
export interface ReceiptSection {
  /** Empty for a page without a title. */
  title: string;
  answers: ReceiptAnswer[];
}

/**
 * What a respondent's copy of their response says, for any questionnaire: page by page, each
 * question they answered (visible given their other answers) with its answer as the form shows
 * it, in `locale`. Built with survey-core, the engine of the form, so labels and conditions are
 * those the respondent saw.
 */
export function receiptSections(definition: Record<string, unknown>, answers: Answers, locale: Locale): ReceiptSection[] {
  const model = createSurveyModel(definition, locale);
  model.data = answers;
  const sections: ReceiptSection[] = [];
  for (const page of model.visiblePages) {
    const answered = page.questions.filter((question) => question.isVisible && question.isParentVisible && !question.isEmpty());
    const items = answered.map((question) => ({ question: plainTitle(question), lines: answerLines(question) })).filter((item) => item.lines.length > 0);
    // A page without a title of its own is not named by its internal name.
    if (items.length > 0) sections.push({ title: page.processedTitle, answers: items });
  }
  return sections;
}

function plainTitle(question: Question): string {
  return question.processedTitle || question.name;
}

function answerLines(question: Question): string[] {
  const value: unknown = question.value;
  if (Array.isArray(value) && question instanceof QuestionSelectBase) {
    const items = value.map((item) => question.choices.find((choice) => choice.value === item)?.text ?? String(item));
    return question.getType() === "ranking" ? items.map((item, index) => `${index + 1}. ${item}`) : items;
  }
  const shown: unknown = question.displayValue;
  if (question.getType() === "boolean") return [String(shown)];
  if (Array.isArray(shown)) return shown.map(String);
  if (shown !== null && typeof shown === "object") {
    return Object.entries(shown as Record<string, unknown>).map(
      ([key, value]) => `${key}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`,
    );
  }
  const text = String(shown ?? "").trim();
  return text === "" ? [] : [text];
}
