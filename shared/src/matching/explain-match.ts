import type { Locale } from "../locales";
import { SCORE_PARTS, type ScorePart } from "./match-weights";
import type { PairScore } from "./score-pair";
import { ENVELOPE_RANGES_EUR, NEED_RANGES_USD, type BudgetVerdict, type MissionLeg, type PartFacts } from "./score-parts";

/** Labels of the codes an explanation names, in each language (from the catalogue and questionnaires). */
export interface MatchVocabulary {
  label(kind: "theme" | "mode" | "governorate", code: string, locale: Locale): string;
}

export interface ExplanationContext {
  lebaneseName: string;
  frenchName: string;
  vocabulary: MatchVocabulary;
}

/** The sentence of each part that counts, and all of them joined: what staff read beside a score. */
export interface Explanation {
  text: string;
  parts: Partial<Record<ScorePart, string>>;
}

/**
 * Words a pair's score in one language, part by part: "Eau et assainissement : classée 1re par
 * Zahlé (urgence immédiate), proposée par Lyon ; budget : besoin 50–200 k USD, enveloppe 10–50 k
 * EUR : partiel ; missions : les deux ✓". Only facts are worded, never the weights.
 */
export function explainPair(pair: PairScore, context: ExplanationContext, locale: Locale): Explanation {
  const words = WORDS[locale];
  const label = (kind: "theme" | "mode" | "governorate", code: string) => context.vocabulary.label(kind, code, locale);
  const sentences: Record<ScorePart, string | null> = {
    relaunch: relaunchSentence(pair.facts.relaunch, context, words),
    themes: themesSentence(pair.facts.themes, context, words, label),
    modes: modesSentence(pair.facts.modes, words, label),
    budget: budgetSentence(pair.facts.budget, words),
    missions: missionsSentence(pair.facts.missions, words),
    language: languageSentence(pair.facts.language, words),
    geography: geographySentence(pair.facts.geography, words, label),
  };
  const parts: Explanation["parts"] = {};
  for (const part of SCORE_PARTS) {
    const sentence = sentences[part];
    if (sentence !== null) parts[part] = sentence;
  }
  return { text: Object.values(parts).join(words.separator), parts };
}

type Words = (typeof WORDS)[Locale];
type Label = (kind: "theme" | "mode" | "governorate", code: string) => string;

function relaunchSentence(facts: PartFacts["relaunch"], context: ExplanationContext, words: Words): string | null {
  if (facts.verdict === "none") return null;
  const sentence = facts.verdict === "relaunch" ? words.relaunch : words.formerPartner;
  return fill(sentence, { french: context.frenchName, lebanese: context.lebaneseName });
}

function themesSentence(facts: PartFacts["themes"], context: ExplanationContext, words: Words, label: Label): string {
  if (facts.matched.length === 0) return fill(words.noTheme, { french: context.frenchName, lebanese: context.lebaneseName });
  return facts.matched
    .map((need) =>
      fill(words.theme, {
        theme: label("theme", need.theme),
        rank: words.ordinal(need.rank),
        lebanese: context.lebaneseName,
        french: context.frenchName,
        urgency: need.urgency ? fill(words.urgencyNote, { urgency: words.urgency[need.urgency] }) : "",
      }),
    )
    .join(words.separator);
}

function modesSentence(facts: PartFacts["modes"], words: Words, label: Label): string {
  if (facts.shared === null) return words.modesUnstated;
  if (facts.shared.length === 0) return words.modesNone;
  return fill(words.modes, {
    modes: facts.shared.map((mode) => label("mode", mode)).join(words.listSeparator),
    count: String(facts.shared.length),
    wanted: String(facts.wanted.length),
  });
}

function budgetSentence(facts: PartFacts["budget"], words: Words): string {
  if (facts.verdict === "unstated" || !facts.need || !facts.envelope) return words.budgetUnstated;
  const need = NEED_RANGES_USD[facts.need];
  const envelope = ENVELOPE_RANGES_EUR[facts.envelope];
  if (!need || !envelope) return words.budgetUnstated;
  const cofunding =
    facts.cofunding && facts.cofunding in words.cofunding ? fill(words.cofundingNote, { cofunding: words.cofunding[facts.cofunding as "yes"] }) : "";
  return fill(words.budget, {
    need: formatRange(need, words, words.usd),
    envelope: formatRange(envelope, words, words.eur),
    verdict: words.budgetVerdict[facts.verdict as Exclude<BudgetVerdict, "unstated">],
    cofunding,
  });
}

function missionsSentence(facts: PartFacts["missions"], words: Words): string {
  if (facts.inLebanon === "possible" && facts.inFrance === "possible") return words.missionsBoth;
  const mark = (leg: MissionLeg) => (leg === "possible" ? "✓" : leg === "not_possible" ? "✗" : "?");
  return fill(words.missions, { lebanon: mark(facts.inLebanon), france: mark(facts.inFrance) });
}

function languageSentence(facts: PartFacts["language"], words: Words): string {
  if (facts.verdict === "unstated" || !facts.preferred) return words.languageUnstated;
  const language = words.languages[facts.preferred as "fr"];
  return fill(facts.verdict === "shared" ? words.languageShared : words.interpretation, { language });
}

function geographySentence(facts: PartFacts["geography"], words: Words, label: Label): string {
  const governorate = facts.governorate ? label("governorate", facts.governorate) : "";
  return fill(words.geography[facts.verdict], { governorate });
}

function formatRange([low, high]: readonly [number, number], words: Words, currency: string): string {
  if (low === 0) return fill(words.under, { amount: words.amount(high), currency });
  if (high === Infinity) return fill(words.over, { amount: words.amount(low), currency });
  return fill(words.between, { low: words.amount(low, false), high: words.amount(high), currency });
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => values[key] ?? "");
}

// `true` for the last amount of a range: "50–200 k" writes the unit once.
function thousands(unitK: string, unitM: string) {
  return (amount: number, withUnit = true): string => {
    const [value, unit] = amount >= 1_000_000 ? [amount / 1_000_000, unitM] : [amount / 1_000, unitK];
    return withUnit ? `${value}${unit}` : String(value);
  };
}

const WORDS = {
  fr: {
    separator: " ; ",
    listSeparator: ", ",
    ordinal: (rank: number) => (rank === 1 ? "1re" : `${rank}e`),
    relaunch: "relance : {french} est un ancien partenaire de {lebanese}",
    formerPartner: "ancien partenaire ({lebanese} souhaite un nouveau partenariat)",
    theme: "{theme} : classée {rank} par {lebanese}{urgency}, proposée par {french}",
    urgencyNote: " ({urgency})",
    urgency: { immediate: "urgence immédiate", short_term: "à court terme", medium_term: "à moyen terme" },
    noTheme: "thématiques : aucune priorité de {lebanese} n'est proposée par {french}",
    modes: "modes : {modes} ({count} sur {wanted} souhaités)",
    modesNone: "modes : aucun des modes souhaités n'est proposé",
    modesUnstated: "modes : non précisés",
    budget: "budget : besoin {need}, enveloppe {envelope} : {verdict}{cofunding}",
    budgetVerdict: { full: "couvert", partial: "partiel", short: "insuffisant" },
    cofundingNote: " (cofinancement local : {cofunding})",
    cofunding: { yes: "oui", partial: "partiel", no: "non" },
    budgetUnstated: "budget : non précisé",
    usd: "USD",
    eur: "EUR",
    amount: thousands(" k", " M"),
    under: "moins de {amount} {currency}",
    over: "plus de {amount} {currency}",
    between: "{low}–{high} {currency}",
    missionsBoth: "missions : les deux ✓",
    missions: "missions : au Liban {lebanon}, en France {france}",
    languages: { fr: "français", en: "anglais", ar: "arabe" },
    languageShared: "langue : {language} en commun",
    interpretation: "langue : {language} souhaité, absent des langues de travail : interprétation nécessaire",
    languageUnstated: "langue : non précisée",
    geography: {
      preferred: "géographie : {governorate} fait partie des gouvernorats préférés",
      no_preference: "géographie : pas de préférence de gouvernorat",
      elsewhere: "géographie : {governorate} hors des gouvernorats préférés",
      unstated: "géographie : non précisée",
    },
  },
  en: {
    separator: "; ",
    listSeparator: ", ",
    ordinal: (rank: number) => `${rank}${rank === 1 ? "st" : rank === 2 ? "nd" : rank === 3 ? "rd" : "th"}`,
    relaunch: "relaunch: {french} is a former partner of {lebanese}",
    formerPartner: "former partner ({lebanese} wants a new partnership)",
    theme: "{theme}: ranked {rank} by {lebanese}{urgency}, offered by {french}",
    urgencyNote: " ({urgency})",
    urgency: { immediate: "immediate", short_term: "short term", medium_term: "medium term" },
    noTheme: "themes: none of {lebanese}'s priorities is offered by {french}",
    modes: "modes: {modes} ({count} of {wanted} wanted)",
    modesNone: "modes: none of the modes wanted is offered",
    modesUnstated: "modes: not stated",
    budget: "budget: needs {need}, envelope {envelope}: {verdict}{cofunding}",
    budgetVerdict: { full: "covered", partial: "partial", short: "short" },
    cofundingNote: " (local co-funding: {cofunding})",
    cofunding: { yes: "yes", partial: "partial", no: "no" },
    budgetUnstated: "budget: not stated",
    usd: "USD",
    eur: "EUR",
    amount: thousands("k", "M"),
    under: "under {amount} {currency}",
    over: "over {amount} {currency}",
    between: "{low}–{high} {currency}",
    missionsBoth: "missions: both ✓",
    missions: "missions: in Lebanon {lebanon}, in France {france}",
    languages: { fr: "French", en: "English", ar: "Arabic" },
    languageShared: "language: {language} in common",
    interpretation: "language: prefers {language}, not a working language: needs interpretation",
    languageUnstated: "language: not stated",
    geography: {
      preferred: "geography: {governorate} is a preferred governorate",
      no_preference: "geography: no preference of governorate",
      elsewhere: "geography: {governorate} is not among the preferred governorates",
      unstated: "geography: not stated",
    },
  },
  ar: {
    separator: "؛ ",
    listSeparator: "، ",
    ordinal: (rank: number) => ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة"][rank - 1] ?? String(rank),
    relaunch: "إعادة إطلاق: {french} شريك سابق لـ{lebanese}",
    formerPartner: "شريك سابق ({lebanese} تريد شراكة جديدة)",
    theme: "{theme}: في المرتبة {rank} لدى {lebanese}{urgency}، تعرضها {french}",
    urgencyNote: " ({urgency})",
    urgency: { immediate: "فوري", short_term: "على المدى القصير", medium_term: "على المدى المتوسط" },
    noTheme: "المجالات: لا تعرض {french} أيًّا من أولويات {lebanese}",
    modes: "أشكال التعاون: {modes} ({count} من {wanted} مطلوبة)",
    modesNone: "أشكال التعاون: لا يُعرض أيّ من الأشكال المطلوبة",
    modesUnstated: "أشكال التعاون: غير محدّدة",
    budget: "الميزانية: الحاجة {need}، المخصّص {envelope}: {verdict}{cofunding}",
    budgetVerdict: { full: "مغطّاة", partial: "جزئية", short: "غير كافية" },
    cofundingNote: " (تمويل محلي مشترك: {cofunding})",
    cofunding: { yes: "نعم", partial: "جزئي", no: "لا" },
    budgetUnstated: "الميزانية: غير محدّدة",
    usd: "دولار",
    eur: "يورو",
    amount: thousands(" ألف", " مليون"),
    under: "أقل من {amount} {currency}",
    over: "أكثر من {amount} {currency}",
    between: "{low}–{high} {currency}",
    missionsBoth: "البعثات: كلتاهما ✓",
    missions: "البعثات: في لبنان {lebanon}، في فرنسا {france}",
    languages: { fr: "الفرنسية", en: "الإنكليزية", ar: "العربية" },
    languageShared: "اللغة: {language} مشتركة",
    interpretation: "اللغة: {language} مفضّلة وليست من لغات العمل: يلزم مترجم",
    languageUnstated: "اللغة: غير محدّدة",
    geography: {
      preferred: "الجغرافيا: {governorate} من المحافظات المفضّلة",
      no_preference: "الجغرافيا: لا تفضيل لمحافظة",
      elsewhere: "الجغرافيا: {governorate} ليست من المحافظات المفضّلة",
      unstated: "الجغرافيا: غير محدّدة",
    },
  },
} satisfies Record<Locale, unknown>;
