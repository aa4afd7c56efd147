import {
  COMMENT_SUFFIX,
  forEachElement,
  isInDynamicPanel,
  isQuestionElement,
  readQuestionnaireShape,
  type Answers,
  type JsonObject,
  type QuestionShape,
  type TextSource,
} from "@passerelle/shared";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { StoredResponse } from "../store/store.port";

/**
 * A text the text browser lists and an excerpt can be taken from: a free-text question's
 * answer, the comment box beside a question (`showCommentArea`, stored as `<name>-Comment`), or
 * the "other, please specify" text of a choice question (`showOtherItem`), which survey-core
 * stores as `<name>-Comment` too unless it stores it as the answer itself
 * (`storeOthersAsComment: false`, or beside a comment box).
 */
export interface TextQuestion {
  /** The key the browser and the excerpts name it by: the question's name, `<name>-Comment`, or `<name>/other`. */
  name: string;
  theme?: string;
  source: TextSource;
  /** The question whose comment or "other" text it is (its own name for an answer). */
  question: string;
  /** The text of one response's answers, or undefined when it holds none. */
  read(answers: Answers): string | undefined;
}

/** The key of the "other" text a choice question stores as its answer (no answer key holds it alone). */
export const OTHER_AS_ANSWER_SUFFIX = "/other";

/**
 * The texts whose answers are the authorities' own words, in questionnaire order: every
 * free-text question (`text` without a numeric input type, `comment`), then beside each question
 * its comment box or its "other" text. Left out: personal questions (contact details), those an
 * invitation fills in (the authority's name, which the text browser shows beside each answer
 * anyway) and the breakdown fields; questions inside a dynamic panel, whose texts are in each
 * panel's entry rather than in the answers.
 */
export function textQuestionsOf(questionnaire: Questionnaire): TextQuestion[] {
  const filledByInvitation = new Set(Object.values(questionnaire.invitationForm.questions).map((question) => question?.name));
  const elements = topLevelElements(questionnaire.definition);
  const texts: TextQuestion[] = [];
  for (const question of readQuestionnaireShape(questionnaire.definition).questions) {
    if (question.personal || filledByInvitation.has(question.name) || questionnaire.breakdownFields.includes(question.name)) continue;
    const theme = question.theme ? { theme: question.theme } : {};
    if (question.kind === "text") texts.push({ name: question.name, ...theme, source: "answer", question: question.name, read: textAt(question.name) });
    const element = elements.get(question.name);
    if (element) texts.push(...besideTexts(questionnaire.definition, element, question).map((text) => ({ ...text, ...theme, question: question.name })));
  }
  return texts;
}

/** Reads a response's text by the key `textQuestionsOf` names it by; undefined when it holds none. */
export type TextReader = (response: StoredResponse, questionName: string) => string | undefined;

/** The reader of a questionnaire's texts, its questions read once for every excerpt it reads. */
export function textReaderOf(questionnaire: Questionnaire): TextReader {
  const byName = new Map(textQuestionsOf(questionnaire).map((question) => [question.name, question]));
  // A text the questionnaire no longer has is read where it was stored, as written.
  return (response, questionName) => (byName.get(questionName)?.read ?? textAt(questionName))(response.answers);
}

/** The authority's name as the response gives it (the question an invitation fills in), or null. */
export function authorityNameOf(questionnaire: Questionnaire, response: StoredResponse): string | null {
  const question = questionnaire.invitationForm.questions.name?.name;
  const value = question ? response.answers[question] : undefined;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** Folds case and diacritics (French accents, Arabic short vowels), so a search finds "école" by "ecole". */
export function searchKey(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("und");
}

function textAt(key: string): TextQuestion["read"] {
  return (answers) => {
    const value = answers[key];
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
  };
}

// The comment box and the "other" text of a question, where survey-core stores them (its
// `getStoreOthersAsComment`: never beside a comment box; otherwise the question's
// `storeOthersAsComment`, else the questionnaire's, true by default).
function besideTexts(definition: JsonObject, element: JsonObject, question: QuestionShape): Omit<TextQuestion, "question" | "theme">[] {
  const hasComment = element.showCommentArea === true || element.hasComment === true;
  const hasOther = element.showOtherItem === true || element.hasOther === true;
  const texts: Omit<TextQuestion, "question" | "theme">[] = [];
  const commentKey = `${question.name}${COMMENT_SUFFIX}`;
  const storesOtherAsComment = !hasComment && (element.storeOthersAsComment ?? definition.storeOthersAsComment ?? true) !== false;
  if (hasComment) texts.push({ name: commentKey, source: "comment", read: textAt(commentKey) });
  if (hasOther && storesOtherAsComment) texts.push({ name: commentKey, source: "other", read: textAt(commentKey) });
  if (hasOther && !storesOtherAsComment && !question.openChoices) {
    texts.push({ name: `${question.name}${OTHER_AS_ANSWER_SUFFIX}`, source: "other", read: otherAsAnswer(question.name, question.choices) });
  }
  return texts;
}

// The answer, or the items of a multiple choice, that are none of the question's choices: the "other" text as written.
function otherAsAnswer(name: string, choices: readonly string[]): TextQuestion["read"] {
  const known = new Set(choices);
  const isOther = (item: unknown): item is string => typeof item === "string" && item.trim() !== "" && !known.has(item);
  return (answers) => {
    const value = answers[name];
    const others = Array.isArray(value) ? value.filter(isOther) : isOther(value) ? [value] : [];
    return others.length > 0 ? others.join(" ; ") : undefined;
  };
}

// The questions outside dynamic panels by name, whose answers are keys of the answers.
function topLevelElements(definition: JsonObject): Map<string, JsonObject> {
  const elements = new Map<string, JsonObject>();
  forEachElement(definition, (element, path) => {
    if (isQuestionElement(element, path) && !isInDynamicPanel(path)) elements.set(String(element.name), element);
  });
  return elements;
}
