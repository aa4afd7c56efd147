import { formLocaleFor, registerCustomProperties, surveyJsLocale, toLocaleRecord, type ErrorDetail, type Locale } from "@passerelle/shared";
import { Model, settings, surveyLocalization, type Question } from "survey-core";
// SurveyJS's own words (Next, Complete, "Response required.") in our languages; the Arabic
// pack also declares Arabic right-to-left, so the form root gets dir="rtl".
import "survey-core/i18n/arabic";
import "survey-core/i18n/french";

// SurveyJS animates questions appearing and pages changing, whatever the system setting says;
// respect "reduce motion" (also kinder to low-end phones).
if (typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches) {
  settings.animationEnabled = false;
}

/**
 * Builds the SurveyJS model of a questionnaire definition, set up for respondents on phones
 * with slow connections. Call once per definition (the caller memoises it).
 */
export function createSurveyModel(definition: Record<string, unknown>, locale: Locale): Model {
  registerCustomProperties();
  const model = new Model(definition);
  definitions.set(model, definition);
  applyFormLocale(model, locale);
  explainUnloadedLists(model);
  // Answers reach `model.data` while typing (not only on blur), so autosave sees them.
  model.textUpdateMode = "onTyping";
  // Our own completion page follows the server's acceptance; SurveyJS's would come too early.
  model.showCompletePage = false;
  // The page's single h1 is rendered by the app from the same localised title.
  model.showTitle = false;
  model.applyTheme({
    cssVariables: {
      // The fontless stylesheet fetches nothing from Google Fonts; use the device's fonts,
      // which also cover Arabic script.
      "--sjs2-typography-font-family-text": "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', Tahoma, sans-serif",
      // SurveyJS's green (#19B394) gives focus rings and buttons 2.4:1 on the form; this one 4.8:1.
      "--sjs2-color-project-brand-600": "#0b7a63",
    },
  });
  return model;
}

const definitions = new WeakMap<Model, Record<string, unknown>>();
const readers = new WeakMap<Model, Locale>();

// SurveyJS's own words for a list it could not fetch ("The request returned error ''") tell a
// respondent nothing; these say what happened and what to do.
const LIST_NOT_LOADED: Record<Locale, string> = {
  fr: "La liste des choix n'a pas pu être chargée (service injoignable ou non autorisé). Réessayez plus tard ; si cela continue, prévenez les organisateurs du questionnaire.",
  ar: "تعذّر تحميل قائمة الخيارات (الخدمة غير متاحة أو غير مسموح بها). حاول لاحقًا، وإذا استمرّ ذلك فأبلغ منظّمي الاستبيان.",
  en: "The list of choices could not be loaded (the service is unreachable or not allowed). Try again later; if this goes on, tell the questionnaire's organisers.",
};

/** A question whose `choicesByUrl` list failed to load says so, in the reader's language. */
function explainUnloadedLists(model: Model): void {
  model.onChoicesLoaded.add((_, options) => {
    const error = (options.question as { choicesByUrl?: { error?: { text?: string } | null } }).choicesByUrl?.error;
    if (error) error.text = LIST_NOT_LOADED[readers.get(model) ?? "en"];
  });
}
// SurveyJS's own buttons, worded in the reader's language when the form is in another one.
const NAVIGATION_TEXTS = ["pagePrevText", "pageNextText", "completeText", "startSurveyText"] as const;

/**
 * Shows the form to a reader of `locale`: in that language when the questionnaire is written in
 * it, else in the questionnaire's own (`"locale": "es"`), with SurveyJS's buttons still in the
 * reader's language (SurveyJS has no words of its own for most languages).
 */
export function applyFormLocale(model: Model, locale: Locale): void {
  const definition = definitions.get(model) ?? {};
  readers.set(model, locale);
  const formLocale = formLocaleFor(definition, locale);
  model.locale = formLocale;
  const reader = surveyJsLocale(locale);
  if (formLocale === reader) return;
  for (const name of NAVIGATION_TEXTS) {
    if (definition[name] === undefined) model[name] = String(surveyLocalization.getString(name, reader || "en"));
  }
}

// Languages written right to left, of those a questionnaire may be written in.
const RIGHT_TO_LEFT = new Set(["ar", "fa", "he", "ur"]);

/**
 * The `lang` and `dir` of the form when it is in a language other than the page's (a Spanish
 * questionnaire read with the Arabic interface), so its texts are read and laid out as
 * Spanish; nothing when it follows the page.
 */
export function formLanguageAttributes(model: Model, locale: Locale): { lang?: string; dir?: "ltr" | "rtl" } {
  const formLocale = model.locale;
  if (formLocale === surveyJsLocale(locale)) return {};
  const language = formLocale || "en";
  return { lang: language, dir: RIGHT_TO_LEFT.has(language.split("-")[0] ?? "") ? "rtl" : "ltr" };
}

/** Shows the questions, but lets nobody change them (the authority's identity, from its invitation). */
export function lockQuestions(model: Model, names: readonly string[]): void {
  for (const name of names) {
    const question = model.getQuestionByName(name);
    if (question) question.readOnly = true;
  }
}

/**
 * The answers to send on submission: what SurveyJS itself would keep on completing, i.e.
 * without the answers to questions hidden by other answers (a theme's needs after the theme was
 * unranked), unless the questionnaire asks to keep them (`clearInvisibleValues: "none"`).
 * Drafts keep everything, in case the respondent shows the question again.
 */
export function answersToSubmit(model: Model): Record<string, unknown> {
  const answers = { ...(model.data as Record<string, unknown>) };
  if (model.clearInvisibleValues === "none") return answers;
  const questions = model.getAllQuestions();
  const shown = new Set(questions.filter((question) => question.isVisibleInSurvey).map((question) => question.getValueName()));
  for (const question of questions) {
    const name = question.getValueName();
    if (shown.has(name) || question.clearIfInvisible === "none") continue;
    delete answers[name];
    delete answers[name + model.commentSuffix];
  }
  return answers;
}

/**
 * Shows the server's verdict on the answers (422 `details`) on the questions concerned, then
 * moves to the first of them (switching page if needed) and focuses it. Returns the details
 * that name no question of the form, for the caller to show elsewhere.
 */
export function showServerErrors(model: Model, details: readonly ErrorDetail[]): ErrorDetail[] {
  const unplaced: ErrorDetail[] = [];
  let first: Question | null = null;
  for (const detail of details) {
    const question = findQuestion(model, detail.question);
    if (!question) {
      unplaced.push(detail);
      continue;
    }
    question.addError(detail.message);
    first ??= question;
  }
  first?.focus(true);
  return unplaced;
}

/** `budget` or, for an answer inside a panel or matrix (`needs.water[0].budget`), its top question. */
function findQuestion(model: Model, name: string): Question | null {
  const exact = model.getQuestionByName(name) as Question | null;
  if (exact) return exact;
  const top = name.split(/[.[]/)[0];
  return top ? ((model.getQuestionByName(top) as Question | null) ?? null) : null;
}

/**
 * A text of the definition (`"Title"` or `{ default, fr, ar }`) in `locale`, falling back to
 * English (`default`), as SurveyJS itself does, then to any language the text has.
 */
export function localisedText(value: unknown, locale: Locale): string {
  // Then in any language it has: a questionnaire written in Spanish only keeps its title.
  return toLocaleRecord(value, "")[locale];
}
