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
  hiddenChoice: {
    fr: "Ce choix n'est pas proposé avec vos autres réponses.",
    ar: "هذا الخيار غير متاح مع إجاباتك الأخرى.",
    en: "This choice is not offered given your other answers.",
  },
  expectedRows: { fr: "La réponse doit être une liste de lignes.", ar: "يجب أن تكون الإجابة قائمة من الأسطر.", en: "The answer must be a list of rows." },
  tooManyRows: { fr: "Trop de lignes : au plus {max}.", ar: "عدد الأسطر كبير جدًا: {max} كحد أقصى.", en: "Too many rows: at most {max}." },
  tooFewRows: { fr: "Trop peu de lignes : au moins {min}.", ar: "عدد الأسطر قليل جدًا: {min} على الأقل.", en: "Too few rows: at least {min}." },
  expectedPanels: { fr: "La réponse doit être une liste de blocs.", ar: "يجب أن تكون الإجابة قائمة من الأقسام.", en: "The answer must be a list of panels." },
  tooManyPanels: { fr: "Trop de blocs : au plus {max}.", ar: "عدد الأقسام كبير جدًا: {max} كحد أقصى.", en: "Too many panels: at most {max}." },
  tooFewPanels: { fr: "Trop peu de blocs : au moins {min}.", ar: "عدد الأقسام قليل جدًا: {min} على الأقل.", en: "Too few panels: at least {min}." },
  expectedFiles: {
    fr: "La réponse doit être une liste de fichiers (nom, type, contenu).",
    ar: "يجب أن تكون الإجابة قائمة ملفات (الاسم، النوع، المحتوى).",
    en: "The answer must be a list of files (name, type, content).",
  },
  tooManyFiles: { fr: "Trop de fichiers : au plus {max}.", ar: "عدد الملفات كبير جدًا: {max} كحد أقصى.", en: "Too many files: at most {max}." },
  fileTypeRefused: {
    fr: "Le fichier {name} n'est pas d'un type accepté.",
    ar: "نوع الملف {name} غير مقبول.",
    en: "The file {name} is not of an accepted type.",
  },
  fileTooLarge: {
    fr: "Le fichier {name} est trop gros (au plus {max} octets).",
    ar: "الملف {name} كبير جدًا ({max} بايت كحد أقصى).",
    en: "The file {name} is too large (at most {max} bytes).",
  },
  expectedSignature: {
    fr: "La réponse doit être une signature dessinée.",
    ar: "يجب أن تكون الإجابة توقيعًا مرسومًا.",
    en: "The answer must be a drawn signature.",
  },
  signatureTooLarge: { fr: "La signature est trop volumineuse.", ar: "التوقيع كبير الحجم جدًا.", en: "The signature is too large." },
  outOfScale: {
    fr: "La réponse doit être comprise entre {min} et {max}.",
    ar: "يجب أن تكون الإجابة بين {min} و{max}.",
    en: "The answer must be between {min} and {max}.",
  },
  tooManyAnswers: {
    fr: "Trop de réponses inconnues : la vérification s'est arrêtée aux {max} premières.",
    ar: "إجابات غير معروفة كثيرة جدًا: توقف التحقق عند أول {max}.",
    en: "Too many unknown answers: checking stopped at the first {max}.",
  },
} satisfies Record<string, Record<Locale, string>>;

export type AnswerMessageKey = keyof typeof MESSAGES;

export interface AnswerProblem {
  key: AnswerMessageKey;
  params?: Record<string, string | number>;
  /** Where inside a nested answer, after the question's name: `[2].amount`, `.row1.column`. */
  at?: string;
}

export function formatAnswerMessage(problem: AnswerProblem, locale: Locale): string {
  return MESSAGES[problem.key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => String(problem.params?.[name] ?? whole));
}
