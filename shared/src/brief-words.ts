import type { Locale } from "./locales";

/**
 * The thematic brief's own words, in the three languages: read by the brief page and by the
 * Word document the server writes, so the two say the same. `{name}` placeholders are filled
 * by `fillBriefWords`.
 */
const fr = {
  briefTitle: "Note thématique",
  briefSubtitle: "« {title} »",
  briefGenerated: "Établie le {date}",
  briefFilters: "Filtres : {filters}",
  briefNoFilter: "aucun filtre (toutes les réponses envoyées)",
  briefWhoAnswered: "Qui a répondu",
  briefRespondents: "Collectivités ayant répondu",
  briefInvited: "Collectivités invitées",
  briefResponseRate: "{respondents} sur {invited} invitées ({share})",
  briefPeriod: "Période des réponses",
  briefPeriodValue: "du {from} au {to}",
  briefVersions: "Version(s) du questionnaire",
  briefVersionValue: "{version} (en service depuis le {date})",
  briefByGroup: "Réponses par {field}",
  briefOverTime: "Réponses envoyées au fil du temps",
  briefMethod: "Méthode",
  briefMethodScore:
    "Les priorités sont classées par score de Borda : une collectivité qui classe {base} thèmes donne {base} points au premier, {base1} au deuxième, et ainsi de suite ; la part est le nombre de collectivités qui citent le thème sur celles qui ont répondu au classement.",
  briefMethodChoice: "Les thèmes sont classés par nombre de collectivités qui les citent ; la part est ce nombre sur celles qui ont répondu à la question.",
  briefMethodSmallGroups:
    "Règle des petits groupes : aucun chiffre ne porte sur moins de {min} collectivités ; une case « trop peu pour être montré » n'est pas un zéro.",
  briefMethodControlled:
    "Chiffres protégés : ni minimum ni maximum, moyennes et médianes arrondies, pas de groupe que l'on pourrait retrouver par soustraction.",
  briefMethodLeftOut:
    "Sont laissés de côté : les brouillons non envoyés, les coordonnées des personnes, les textes libres non publiés ; les extraits cités ont été choisis et, le cas échéant, anonymisés par les analystes.",
  briefPriorities: "Les priorités",
  briefTheme: "Thème",
  briefScore: "Score de Borda",
  briefShare: "Part",
  briefCited: "Citée par",
  briefRank: "Rang",
  briefCitedBy: "{count} collectivités citent ce thème ({share} des répondantes)",
  briefRankedFirst: "Au premier rang pour {count} ; rang moyen {rank}",
  briefWhere: "Où",
  briefUrgency: "Urgence",
  briefBudget: "Budget",
  briefStudies: "Études existantes",
  briefCofunding: "Cofinancement local",
  briefNeed: "Besoin décrit",
  briefCrossed: "Parmi celles qui citent ce thème",
  briefExcerpts: "Dans leurs mots",
  briefNoExcerpt: "Aucun extrait publié pour ce thème.",
  briefWithheld: "trop peu pour être montré",
  briefAnswers: "Réponses",
  briefCount: "Nombre",
  briefValue: "Réponse",
  briefPage: "Page",
  briefUnattributed: "collectivité non nommée",
  briefOtherExcerpts: "Autres extraits",
  briefNoRespondents: "Aucune réponse envoyée ne correspond à ces filtres, ou elles sont trop peu nombreuses pour être montrées.",
} as const;

export type BriefWordKey = keyof typeof fr;

const ar: Record<BriefWordKey, string> = {
  briefTitle: "مذكرة موضوعية",
  briefSubtitle: "«{title}»",
  briefGenerated: "أُعدّت في {date}",
  briefFilters: "عوامل التصفية: {filters}",
  briefNoFilter: "بلا تصفية (كل الإجابات المرسلة)",
  briefWhoAnswered: "من أجاب",
  briefRespondents: "السلطات المحلية التي أجابت",
  briefInvited: "السلطات المحلية المدعوّة",
  briefResponseRate: "{respondents} من أصل {invited} مدعوّة ({share})",
  briefPeriod: "فترة الإجابات",
  briefPeriodValue: "من {from} إلى {to}",
  briefVersions: "نسخة (نسخ) الاستبيان",
  briefVersionValue: "{version} (معتمدة منذ {date})",
  briefByGroup: "الإجابات حسب {field}",
  briefOverTime: "الإجابات المرسلة مع مرور الوقت",
  briefMethod: "المنهجية",
  briefMethodScore:
    "تُرتَّب الأولويات وفق نقاط بوردا: السلطة التي ترتّب {base} مواضيع تمنح الأول {base} نقاط والثاني {base1} وهكذا؛ والحصة هي عدد السلطات التي تذكر الموضوع من بين التي أجابت عن الترتيب.",
  briefMethodChoice: "تُرتَّب المواضيع حسب عدد السلطات التي تذكرها؛ والحصة هي هذا العدد من بين التي أجابت عن السؤال.",
  briefMethodSmallGroups: "قاعدة المجموعات الصغيرة: لا يتناول أي رقم أقل من {min} سلطات محلية؛ وخانة «أقل من أن تُعرض» ليست صفراً.",
  briefMethodControlled: "أرقام محمية: لا حد أدنى ولا أقصى، والمتوسطات والوسيطات مقرّبة، ولا مجموعة يمكن استنتاجها بالطرح.",
  briefMethodLeftOut:
    "يُستبعد: المسودات غير المرسلة، وبيانات الاتصال بالأشخاص، والنصوص الحرة غير المنشورة؛ وقد اختار المحللون المقتطفات المذكورة وجعلوها مجهولة المصدر عند الاقتضاء.",
  briefPriorities: "الأولويات",
  briefTheme: "الموضوع",
  briefScore: "نقاط بوردا",
  briefShare: "الحصة",
  briefCited: "ذكرته",
  briefRank: "المرتبة",
  briefCitedBy: "{count} سلطة محلية تذكر هذا الموضوع ({share} من المجيبات)",
  briefRankedFirst: "في المرتبة الأولى لدى {count}؛ متوسط المرتبة {rank}",
  briefWhere: "أين",
  briefUrgency: "الإلحاح",
  briefBudget: "الميزانية",
  briefStudies: "الدراسات الموجودة",
  briefCofunding: "التمويل المحلي المشترك",
  briefNeed: "الحاجة الموصوفة",
  briefCrossed: "لدى من يذكرون هذا الموضوع",
  briefExcerpts: "بكلماتهم",
  briefNoExcerpt: "لا مقتطف منشور لهذا الموضوع.",
  briefWithheld: "أقل من أن يُعرض",
  briefAnswers: "الإجابات",
  briefCount: "العدد",
  briefValue: "الإجابة",
  briefPage: "صفحة",
  briefUnattributed: "سلطة محلية غير مسمّاة",
  briefOtherExcerpts: "مقتطفات أخرى",
  briefNoRespondents: "لا إجابات مرسلة تطابق هذه التصفية، أو أنها أقل من أن تُعرض.",
};

const en: Record<BriefWordKey, string> = {
  briefTitle: "Thematic brief",
  briefSubtitle: "“{title}”",
  briefGenerated: "Prepared on {date}",
  briefFilters: "Filters: {filters}",
  briefNoFilter: "none (every submitted response)",
  briefWhoAnswered: "Who answered",
  briefRespondents: "Authorities that answered",
  briefInvited: "Authorities invited",
  briefResponseRate: "{respondents} of {invited} invited ({share})",
  briefPeriod: "Period of the answers",
  briefPeriodValue: "from {from} to {to}",
  briefVersions: "Questionnaire version(s)",
  briefVersionValue: "{version} (in use since {date})",
  briefByGroup: "Answers by {field}",
  briefOverTime: "Answers submitted over time",
  briefMethod: "Method",
  briefMethodScore:
    "Priorities are ranked by Borda score: an authority ranking {base} themes gives {base} points to its first, {base1} to its second, and so on; the share is the number of authorities citing the theme over those who answered the ranking.",
  briefMethodChoice: "Themes are ranked by how many authorities cite them; the share is that number over those who answered the question.",
  briefMethodSmallGroups: "Small-group rule: no figure is about fewer than {min} authorities; a “too few to show” cell is not a zero.",
  briefMethodControlled: "Protected figures: no minimum or maximum, rounded means and medians, no group that could be found by subtraction.",
  briefMethodLeftOut:
    "Left out: drafts never submitted, people's contact details, free texts not published; the excerpts quoted were chosen and, where needed, anonymised by the analysts.",
  briefPriorities: "The priorities",
  briefTheme: "Theme",
  briefScore: "Borda score",
  briefShare: "Share",
  briefCited: "Cited by",
  briefRank: "Rank",
  briefCitedBy: "{count} authorities cite this theme ({share} of respondents)",
  briefRankedFirst: "Ranked first by {count}; mean rank {rank}",
  briefWhere: "Where",
  briefUrgency: "Urgency",
  briefBudget: "Budget",
  briefStudies: "Existing studies",
  briefCofunding: "Local co-funding",
  briefNeed: "Need described",
  briefCrossed: "Among those who cite this theme",
  briefExcerpts: "In their own words",
  briefNoExcerpt: "No excerpt published for this theme.",
  briefWithheld: "too few to show",
  briefAnswers: "Answers",
  briefCount: "Count",
  briefValue: "Answer",
  briefPage: "Page",
  briefUnattributed: "unnamed authority",
  briefOtherExcerpts: "Other excerpts",
  briefNoRespondents: "No submitted response matches these filters, or they are too few to show.",
};

export const BRIEF_WORDS: Readonly<Record<Locale, Readonly<Record<BriefWordKey, string>>>> = { fr, ar, en };

/** The facets of a theme's questions the brief shows, in its order. */
export const BRIEF_FACETS = ["urgency", "budget", "studies", "cofunding"] as const;

export const BRIEF_FACET_WORDS: Readonly<Record<(typeof BRIEF_FACETS)[number], BriefWordKey>> = {
  urgency: "briefUrgency",
  budget: "briefBudget",
  studies: "briefStudies",
  cofunding: "briefCofunding",
};

/** A brief word in a language, its `{name}` placeholders filled in. */
export function fillBriefWords(locale: Locale, key: BriefWordKey, values: Record<string, string | number> = {}): string {
  return BRIEF_WORDS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
