import { toLocaleRecord, type Locale } from "@passerelle/shared";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { ResponseFilter } from "../store/store.port";
import type { ExportRow } from "./exports.service";

const WORDS: Record<Locale, Record<"about" | "questionnaire" | "versions" | "date" | "filters" | "none" | "from" | "to" | "rule", string>> = {
  fr: {
    about: "À propos",
    questionnaire: "Questionnaire",
    versions: "Version(s) du questionnaire (la version actuelle d'abord)",
    date: "Exporté le",
    filters: "Filtres",
    none: "aucun : toutes les réponses envoyées",
    from: "envoyées à partir du",
    to: "envoyées jusqu'au",
    rule: "Règle des petits groupes",
  },
  ar: {
    about: "حول الملف",
    questionnaire: "الاستبيان",
    versions: "نسخة (نسخ) الاستبيان (الحالية أولاً)",
    date: "تاريخ التصدير",
    filters: "عوامل التصفية",
    none: "لا شيء: كل الإجابات المرسلة",
    from: "المرسلة ابتداءً من",
    to: "المرسلة حتى",
    rule: "قاعدة المجموعات الصغيرة",
  },
  en: {
    about: "About",
    questionnaire: "Questionnaire",
    versions: "Questionnaire version(s) (the current one first)",
    date: "Exported on",
    filters: "Filters",
    none: "none: every submitted response",
    from: "submitted from",
    to: "submitted until",
    rule: "Small-group rule",
  },
};

const RULE: Record<Locale, (minimum: number) => string> = {
  fr: (minimum) =>
    `Dans les feuilles de synthèse, les chiffres des groupes de moins de ${minimum} répondants sont laissés vides. Les réponses brutes sont complètes.`,
  ar: (minimum) => `في أوراق الملخّص تُترك أرقام المجموعات التي تضم أقل من ${minimum} مجيبين فارغة. أما الإجابات الخام فكاملة.`,
  en: (minimum) => `In the summary sheets, the figures of groups of fewer than ${minimum} respondents are left empty. The raw responses are complete.`,
};

/** The name of a workbook's first sheet, in its language. */
export function aboutSheetName(locale: Locale): string {
  return WORDS[locale].about;
}

/**
 * A workbook's first sheet: what the file holds (questionnaire, versions, date, filters, the
 * small-group rule of its summaries), so that a copy passed on says where its figures come from.
 */
export function aboutRows(options: {
  questionnaire: Questionnaire;
  versions: readonly string[];
  filter: ResponseFilter;
  now: Date;
  minGroupSize: number;
  locale: Locale;
}): ExportRow[] {
  const { questionnaire, filter, locale } = options;
  const words = WORDS[locale];
  const title = toLocaleRecord(
    questionnaire.definition.title,
    questionnaire.id,
    typeof questionnaire.definition.locale === "string" ? questionnaire.definition.locale : undefined,
  )[locale];
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const filters = [
    ...Object.entries(filter.breakdown ?? {}).map(([field, value]) => `${field} = ${value}`),
    ...(filter.submittedFrom ? [`${words.from} ${day(filter.submittedFrom)}`] : []),
    ...(filter.submittedBefore ? [`${words.to} ${day(new Date(filter.submittedBefore.getTime() - 24 * 3600 * 1000))}`] : []),
  ];
  return [
    [words.about, ""],
    [words.questionnaire, `${title} (${questionnaire.id})`],
    [words.versions, [questionnaire.version, ...options.versions.filter((version) => version !== questionnaire.version)].join(", ")],
    [words.date, options.now.toISOString()],
    [words.filters, filters.length > 0 ? filters.join("; ") : words.none],
    [words.rule, RULE[locale](options.minGroupSize)],
  ];
}
