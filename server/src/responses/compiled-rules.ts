import {
  ConditionRunner,
  EmailValidator,
  Helpers,
  QuestionCheckboxModel,
  QuestionSelectBase,
  QuestionTextModel,
  settings,
  type Model,
  type PageModel,
  type PanelModel,
  type Question,
  type SurveyValidator,
} from "survey-core";
import { CHOICE_LIST_KEYS, forEachElement, isJsonObject, type Answers, type JsonObject } from "@passerelle/shared";

/**
 * survey-core's rules for one questionnaire version, compiled once from survey-core's own parts
 * (its `ConditionRunner` for every `visibleIf`, its validator classes) into plain checks that
 * hold no state: a submission is judged without setting it on a model, which costs a few
 * hundredths of what `model.data = answers` and a validation do.
 *
 * It answers one question only, "would survey-core's completed form accept these answers, and
 * keep what?", and only for what it compiles: a questionnaire using anything else (triggers,
 * calculated values, a start page, `enableIf`, `requiredIf`, default values, computed choices,
 * masks, dynamic panels and matrices…) is not compiled at all (`compileRules` gives undefined),
 * and answers it does not find valid are judged by survey-core itself, which also words the
 * errors. So it can make validation faster, never different: the differential test compares it
 * with a fresh survey-core model on the shipped questionnaires.
 */
export interface CompiledRules {
  /** The answers survey-core's completed form keeps, when it would accept them; else undefined. */
  acceptedAnswers(answers: Answers): Answers | undefined;
}

const COMPILED_TYPES = new Set(["text", "comment", "radiogroup", "dropdown", "checkbox", "ranking", "boolean", "html"]);
const TEXT_INPUT_TYPES = new Set(["text", "email", "tel", "url", "number"]);
const COMPILED_VALIDATORS = new Set(["numericvalidator", "textvalidator", "emailvalidator", "regexvalidator", "expressionvalidator", "answercountvalidator"]);
// Properties of a question, panel or page whose effect is not compiled.
const UNCOMPILED_PROPERTIES = [
  "enableIf",
  "readOnly",
  "requiredIf",
  "defaultValue",
  "defaultValueExpression",
  "setValueIf",
  "setValueExpression",
  "resetValueIf",
  "valueName",
  "choicesFromQuestion",
  "choicesByUrl",
  "choicesVisibleIf",
  "choicesEnableIf",
  "hideIfChoicesEmpty",
  "showCommentArea",
  "hasComment",
  "storeOthersAsComment",
  "max",
  "minValueExpression",
  "maxValueExpression",
  "step",
  "maskType",
  "maskSettings",
  "isUnique",
  "correctAnswer",
  "allowSpaceAsAnswer",
  "showSelectAllItem",
  "hasSelectAll",
  "valuePropertyName",
  "isExclusive",
  "minWidth",
  "requiredErrorText",
];
const UNCOMPILED_CHOICE_PROPERTIES = ["enableIf", "showCommentArea", "isCommentRequired", "isExclusive"];

interface CompiledQuestion {
  name: string;
  isVisible(values: Answers): boolean;
  /** True when survey-core would report no error on this visible question. */
  isValid(values: Answers): boolean;
  /** The `-Comment` key survey-core keeps only while "other" is chosen. */
  otherCommentKey: string | undefined;
  isOtherChosen(value: unknown): boolean;
}

/** Compiles the questionnaire's rules, or gives undefined when it uses something not compiled. */
export function compileRules(model: Model, definition: JsonObject): CompiledRules | undefined {
  const staticallyHidden = new Set<string>();
  if (!isCompilableSurvey(model, definition, staticallyHidden)) return undefined;
  const properties = model.getFilteredProperties();
  const questions: CompiledQuestion[] = [];
  for (const question of model.getAllQuestions(false, false, true)) {
    const compiled = compileQuestion(question, properties, staticallyHidden);
    if (!compiled) return undefined;
    questions.push(compiled);
  }
  return {
    acceptedAnswers(answers) {
      const kept: Answers = { ...answers };
      for (const question of questions) {
        if (!question.isVisible(answers)) {
          // clearInvisibleValues "onComplete": a hidden question's answer and comment go.
          clearHiddenValue(kept, question.name);
          clearComment(kept, question.name + settings.commentSuffix);
          continue;
        }
        if (!question.isValid(answers)) return undefined;
        if (question.otherCommentKey && !question.isOtherChosen(answers[question.name])) clearComment(kept, question.otherCommentKey);
      }
      return kept;
    },
  };
}

// survey-core clears a hidden question's value only when it is not empty: an empty text or an
// empty list of choices stays in its data.
function clearHiddenValue(kept: Answers, key: string): void {
  const value = kept[key];
  const isEmpty = value === null || value === "" || (Array.isArray(value) && value.length === 0);
  if (!isEmpty) delete kept[key];
}

// survey-core clears a comment only when it holds something: an empty one ("") stays in its data.
function clearComment(kept: Answers, key: string): void {
  if (kept[key]) delete kept[key];
}

// Read off the file, not the model: serialising a model's pages back to JSON costs seconds.
function isCompilableSurvey(model: Model, definition: JsonObject, staticallyHidden: Set<string>): boolean {
  if (!hasOnlyCompiledProperties(definition)) return false;
  const surveyKeys = [
    "triggers",
    "calculatedValues",
    "firstPageIsStartPage",
    "questionsOnPageMode",
    "validationEnabled",
    "validationAllowSwitchPages",
    "validationAllowComplete",
    "clearInvisibleValues",
    "storeOthersAsComment",
    "showPreviewBeforeComplete",
  ];
  if (surveyKeys.some((key) => definition[key] !== undefined && definition[key] !== false && definition[key] !== "onComplete")) return false;
  if (!["onNextPage", "onValueChanged", "onComplete"].includes(model.checkErrorsMode)) return false;
  let isCompilable = (definition.pages === undefined || Array.isArray(definition.pages)) && definition.elements === undefined;
  const pages = Array.isArray(definition.pages) ? definition.pages : [];
  if (pages.some((page) => isJsonObject(page) && page.questions !== undefined)) isCompilable = false;
  if (pages.some((page) => isJsonObject(page) && !hasOnlyCompiledProperties(page))) isCompilable = false;
  forEachElement(definition, (element) => {
    if (!hasOnlyCompiledProperties(element) || (element.isRequired === true && element.type === "panel")) isCompilable = false;
    if (element.visible === false && typeof element.name === "string") staticallyHidden.add(element.name);
    for (const key of CHOICE_LIST_KEYS) {
      const items = element[key];
      if (!Array.isArray(items)) continue;
      if (items.some((item) => isJsonObject(item) && UNCOMPILED_CHOICE_PROPERTIES.some((property) => item[property] !== undefined))) isCompilable = false;
    }
  });
  return isCompilable;
}

function hasOnlyCompiledProperties(element: JsonObject): boolean {
  return UNCOMPILED_PROPERTIES.every((key) => element[key] === undefined);
}

function compileQuestion(question: Question, properties: object, staticallyHidden: ReadonlySet<string>): CompiledQuestion | undefined {
  const type = question.getType();
  if (!COMPILED_TYPES.has(type) || question.customWidget) return undefined;
  if (question instanceof QuestionTextModel && !(TEXT_INPUT_TYPES.has(question.inputType) && typeof question.min !== "string")) return undefined;
  if (question instanceof QuestionTextModel && question.min !== undefined && question.min !== null && question.inputType !== "number") return undefined;
  if (!question.validators.every((validator) => COMPILED_VALIDATORS.has(validator.getType()))) return undefined;
  const isVisible = visibilityOf(question, properties, staticallyHidden);
  if (!isVisible) return undefined;
  const checks = [
    requiredCheck(question),
    ...typeChecks(question, properties),
    ...question.validators.map((validator) => validatorCheck(question, validator, properties)),
  ];
  if (checks.some((check) => check === undefined)) return undefined;
  const select = question instanceof QuestionSelectBase ? question : undefined;
  const otherValue = select?.hasOther ? select.otherItem.value : undefined;
  return {
    name: question.getValueName(),
    isVisible,
    isValid: (values) => (checks as ValueCheck[]).every((check) => check(values[question.getValueName()], values)),
    otherCommentKey: select?.hasOther ? question.getValueName() + settings.commentSuffix : undefined,
    isOtherChosen: (value) => (Array.isArray(value) ? value.includes(otherValue) : value === otherValue),
  };
}

type ValueCheck = (value: unknown, values: Answers) => boolean;

// Visible when the question, and each panel and the page holding it, is visible.
function visibilityOf(question: Question, properties: object, staticallyHidden: ReadonlySet<string>): ((values: Answers) => boolean) | undefined {
  const conditions: ((values: Answers) => boolean)[] = [];
  for (let element: Question | PanelModel | PageModel | null = question; element; element = parentOf(element)) {
    // `visible` on the model is already the outcome of `visibleIf` on no answers: read the file's.
    if (element.visibleIf) conditions.push(condition(element.visibleIf, properties));
    else if (staticallyHidden.has(element.name)) return () => false;
  }
  return (values) => conditions.every((isTrue) => isTrue(values));
}

function parentOf(element: Question | PanelModel | PageModel): PanelModel | PageModel | null {
  if (element.isPage) return null;
  return (element.parent as PanelModel | PageModel | null) ?? null;
}

function condition(expression: string, properties: object): (values: Answers) => boolean {
  const runner = new ConditionRunner(expression);
  return (values) => runner.runValues(values, properties);
}

// As survey-core's `isValueEmpty(value, trimString)`: blank text is no answer.
function isEmpty(value: unknown): boolean {
  return Helpers.isValueEmpty(typeof value === "string" ? value.trim() : value);
}

function requiredCheck(question: Question): ValueCheck {
  return question.isRequired ? (value: unknown) => !isEmpty(value) : () => true;
}

function typeChecks(question: Question, properties: object): (ValueCheck | undefined)[] {
  const checks: (ValueCheck | undefined)[] = [];
  if (question instanceof QuestionSelectBase) {
    checks.push(visibleChoiceCheck(question, properties));
    if (question.hasOther) {
      const otherValue = question.otherItem.value;
      const commentKey = question.getValueName() + settings.commentSuffix;
      checks.push((value, values) => !(Array.isArray(value) ? value.includes(otherValue) : value === otherValue) || !isEmpty(values[commentKey]));
    }
    if (question instanceof QuestionCheckboxModel && question.minSelectedChoices > 0) {
      const min = question.minSelectedChoices;
      const noneValue = question.hasNone ? question.noneItem.value : undefined;
      checks.push((value) => {
        const length = Array.isArray(value) ? value.length : 0;
        return (length === 1 && (value as unknown[])[0] === noneValue) || length >= min;
      });
    }
  }
  if (question instanceof QuestionTextModel) {
    if (question.inputType === "number" && typeof question.min === "number") {
      const min = question.min;
      checks.push((value) => isEmpty(value) || !(Number(value) < min));
    }
    if (question.inputType === "email" && !question.validators.some((validator) => validator.getType() === "emailvalidator")) {
      checks.push(implicitEmailCheck(question));
    }
  }
  return checks;
}

// The choices a select question shows given the other answers: its items whose `visibleIf` holds,
// and "other" and "none" when shown.
function visibleChoiceCheck(question: QuestionSelectBase, properties: object): ValueCheck | undefined {
  const items: { value: unknown; isVisible: (values: Answers) => boolean }[] = [];
  for (const item of question.choices) {
    const visibleIf = item.visibleIf;
    items.push({ value: item.value, isVisible: visibleIf ? condition(visibleIf, properties) : () => true });
  }
  const special = [question.hasOther ? question.otherItem.value : undefined, question.hasNone ? question.noneItem.value : undefined].filter(
    (value) => value !== undefined,
  );
  return (value, values) => {
    if (isEmpty(value)) return true;
    return (Array.isArray(value) ? value : [value]).every(
      (chosen) => special.includes(chosen) || items.some((item) => item.value === chosen && item.isVisible(values)),
    );
  };
}

// A text question of input type email checks the address even without an email validator.
function implicitEmailCheck(question: QuestionTextModel): ValueCheck {
  const validator = new EmailValidator();
  const title = question.getValidatorTitle();
  return (value) => !validator.validate(value, title)?.error;
}

// survey-core's own validator object, run on the request's value; an expression validator's
// expression runs on the request's values. Warnings and information do not block.
function validatorCheck(question: Question, validator: SurveyValidator, properties: object): ValueCheck | undefined {
  if (validator.notificationType !== "error") return () => true;
  const title = question.getValidatorTitle();
  if (validator.getType() === "expressionvalidator") {
    const expression = (validator as SurveyValidator & { expression?: string }).expression;
    if (!expression) return () => true;
    const isTrue = condition(expression, properties);
    return (_value, values) => isTrue(values);
  }
  return (value) => {
    const result = validator.validate(value, title, properties as never);
    return !result?.error;
  };
}
