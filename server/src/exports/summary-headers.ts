import type { Locale } from "@passerelle/shared";

/** The first row of a summary: everyone the filters keep, before each governorate's rows. */
export const ALL_RESPONDENTS_LABEL: Record<Locale, string> = { fr: "Ensemble des répondants", ar: "جميع المجيبين", en: "All respondents" };

type SummaryColumn =
  | "scope"
  | "theme"
  | "theme_label"
  | "respondents"
  | "cited"
  | "share"
  | "score"
  | "mean_rank"
  | "ranked_first"
  | "note"
  | "question"
  | "question_label"
  | "item"
  | "item_label"
  | "answered"
  | "count"
  | "mean"
  | "median"
  | "min"
  | "max"
  | "rows";

const COLUMN_WORDS: Record<Locale, Record<SummaryColumn, string>> = {
  fr: {
    scope: "Périmètre",
    theme: "Code de la thématique",
    theme_label: "Thématique",
    respondents: "Répondants",
    cited: "L'ont citée",
    share: "Part (%)",
    score: "Score de priorité (Borda)",
    mean_rank: "Rang moyen",
    ranked_first: "Classée première",
    note: "Note",
    question: "Code de la question",
    question_label: "Question",
    item: "Code de la réponse",
    item_label: "Réponse",
    answered: "Ont répondu",
    count: "Nombre",
    mean: "Moyenne",
    median: "Médiane",
    min: "Minimum",
    max: "Maximum",
    rows: "Lignes",
  },
  ar: {
    scope: "النطاق",
    theme: "رمز المجال",
    theme_label: "المجال",
    respondents: "المجيبون",
    cited: "ذكروه",
    share: "النسبة (%)",
    score: "درجة الأولوية (بوردا)",
    mean_rank: "متوسط الترتيب",
    ranked_first: "في المرتبة الأولى",
    note: "ملاحظة",
    question: "رمز السؤال",
    question_label: "السؤال",
    item: "رمز الإجابة",
    item_label: "الإجابة",
    answered: "أجابوا",
    count: "العدد",
    mean: "المتوسط",
    median: "الوسيط",
    min: "الأدنى",
    max: "الأعلى",
    rows: "الأسطر",
  },
  en: {
    scope: "Scope",
    theme: "Theme code",
    theme_label: "Theme",
    respondents: "Respondents",
    cited: "Cited it",
    share: "Share (%)",
    score: "Priority score (Borda)",
    mean_rank: "Mean rank",
    ranked_first: "Ranked first",
    note: "Note",
    question: "Question code",
    question_label: "Question",
    item: "Answer code",
    item_label: "Answer",
    answered: "Answered",
    count: "Count",
    mean: "Mean",
    median: "Median",
    min: "Minimum",
    max: "Maximum",
    rows: "Rows",
  },
};

/** How a summary's header and shares are written: codes and fractions, or words and percentages. */
export interface SummaryHeader {
  header: "names" | "labels";
  locale: Locale;
}

/**
 * A summary's header row: the column codes as they are (stable, for scripts), or, with
 * `labels`, in words of the reader's language; `own` gives the words of the columns a
 * questionnaire brings (its breakdown field, its facets' choices).
 */
export function summaryHeader(codes: readonly string[], view: SummaryHeader, own: ReadonlyMap<string, string> = new Map()): string[] {
  if (view.header === "names") return [...codes];
  const words = COLUMN_WORDS[view.locale] as Record<string, string | undefined>;
  return codes.map((code) => own.get(code) ?? words[code] ?? code);
}

/** A share as written: a fraction to 4 places with codes, a percentage to 1 place with labels. */
export function presentShare(share: number, view: SummaryHeader): number {
  return view.header === "labels" ? Number((share * 100).toFixed(1)) : Number(share.toFixed(4));
}
