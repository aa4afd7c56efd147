import type { Locale } from "@passerelle/shared";

/**
 * The validator's own messages, for the checks survey-core does not make (it trusts its form
 * to send well-formed values); survey-core's messages cover required answers and validators.
 */
const MESSAGES = {
  unknownQuestion: {
    fr: "Cette question n'existe pas dans le questionnaire.",
    ar: "هذا السؤال غير موجود في الاستبيان.",
    en: "There is no such question in this questionnaire.",
  },
  notAnswerable: {
    fr: "Cet élément du questionnaire n'attend pas de réponse.",
    ar: "هذا العنصر من الاستبيان لا يتطلب إجابة.",
    en: "This part of the questionnaire takes no answer.",
  },
  expectedText: { fr: "La réponse doit être un texte.", ar: "يجب أن تكون الإجابة نصًا.", en: "The answer must be text." },
  expectedNumber: { fr: "La réponse doit être un nombre.", ar: "يجب أن تكون الإجابة رقمًا.", en: "The answer must be a number." },
  expectedBoolean: { fr: "La réponse doit être oui ou non.", ar: "يجب أن تكون الإجابة نعم أو لا.", en: "The answer must be yes or no." },
  expectedList: { fr: "La réponse doit être une liste.", ar: "يجب أن تكون الإجابة قائمة.", en: "The answer must be a list." },
  expectedObject: {
    fr: "La réponse doit associer chaque ligne à une valeur.",
    ar: "يجب أن تربط الإجابة كل سطر بقيمة.",
    en: "The answer must map each row to a value.",
  },
  notAChoice: {
    fr: "Cette réponse ne fait pas partie des choix proposés.",
    ar: "هذه الإجابة ليست من الخيارات المقترحة.",
    en: "This answer is not one of the choices offered.",
  },
  duplicateChoice: {
    fr: "Un même choix apparaît plusieurs fois.",
    ar: "تكرر الخيار نفسه أكثر من مرة.",
    en: "The same choice appears more than once.",
  },
  tooManyChoices: {
    fr: "Trop de choix : au plus {max}.",
    ar: "عدد الخيارات كبير جدًا: {max} كحد أقصى.",
    en: "Too many choices: at most {max}.",
  },
  unknownRow: { fr: "Ligne inconnue : {row}.", ar: "سطر غير معروف: {row}.", en: "Unknown row: {row}." },
  tooLong: {
    fr: "La réponse est trop longue (au plus {max} caractères).",
    ar: "الإجابة طويلة جدًا ({max} حرف كحد أقصى).",
    en: "The answer is too long (at most {max} characters).",
  },
} satisfies Record<string, Record<Locale, string>>;

export type AnswerMessageKey = keyof typeof MESSAGES;

export interface AnswerProblem {
  key: AnswerMessageKey;
  params?: Record<string, string | number>;
}

export function formatAnswerMessage(problem: AnswerProblem, locale: Locale): string {
  return MESSAGES[problem.key][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    String(problem.params?.[name] ?? whole),
  );
}
