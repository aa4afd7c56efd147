import { defineMessages, type FeatureKey } from "../../i18n/feature-messages";

const fr = {
  crossTabTitle: "Tableau croisé",
  crossTabIntro: "Croisez deux questions à choix, à classement ou oui/non (ou un champ de ventilation) : les filtres s'appliquent.",
  crossTabRows: "En lignes",
  crossTabColumns: "En colonnes",
  crossTabMeasure: "Afficher",
  crossTabCounts: "Effectifs",
  crossTabRowShares: "% de la ligne",
  crossTabColumnShares: "% de la colonne",
  crossTabCaption: "{rows} × {columns} : {measure}",
  crossTabTotal: "Total",
  crossTabBase: "Répondants ayant répondu aux deux questions : {count}.",
  crossTabMultiple: "« {question} » admet plusieurs réponses : les parts peuvent dépasser 100 % au total.",
  crossTabSuppressed: "— : moins de {min} répondants ; chiffre masqué pour préserver l'anonymat (ce n'est pas zéro).",
  crossTabWithheld: "Moins de {min} répondants correspondent à ces filtres : le tableau est masqué.",
  crossTabNone: "Ce questionnaire n'a pas deux questions à choix à croiser.",
  crossTabEmptyHidden: "Réponses que personne n'a données, non affichées : {count}.",
  crossTabLoading: "Calcul du tableau…",
  crossTabFailed: "Impossible de calculer le tableau : {reason}",
  crossTabDownload: "Télécharger (CSV)",
  crossTabDownloadSemicolon: "Télécharger (CSV ; Excel)",
};

const ar: Record<keyof typeof fr, string> = {
  crossTabTitle: "جدول متقاطع",
  crossTabIntro: "قاطعوا سؤالين من أسئلة الاختيار أو الترتيب أو نعم/لا (أو حقل تصنيف): تنطبق المرشّحات.",
  crossTabRows: "في الصفوف",
  crossTabColumns: "في الأعمدة",
  crossTabMeasure: "عرض",
  crossTabCounts: "الأعداد",
  crossTabRowShares: "% من الصف",
  crossTabColumnShares: "% من العمود",
  crossTabCaption: "{rows} × {columns}: {measure}",
  crossTabTotal: "المجموع",
  crossTabBase: "المجيبون عن السؤالين: {count}.",
  crossTabMultiple: "«{question}» يقبل عدة إجابات: قد يتجاوز مجموع النسب 100٪.",
  crossTabSuppressed: "—: أقل من {min} مجيبين؛ الرقم محجوب حفاظًا على عدم الكشف عن الهوية (وهو ليس صفرًا).",
  crossTabWithheld: "أقل من {min} مجيبين يطابقون هذه المرشّحات: الجدول محجوب.",
  crossTabNone: "لا يحتوي هذا الاستبيان على سؤالَي اختيار للمقاطعة.",
  crossTabEmptyHidden: "إجابات لم يقدّمها أحد، غير معروضة: {count}.",
  crossTabLoading: "جارٍ حساب الجدول…",
  crossTabFailed: "تعذّر حساب الجدول: {reason}",
  crossTabDownload: "تنزيل (CSV)",
  crossTabDownloadSemicolon: "تنزيل (CSV ; Excel)",
};

const en: Record<keyof typeof fr, string> = {
  crossTabTitle: "Cross-table",
  crossTabIntro: "Cross two choice, ranking or yes/no questions (or a breakdown field): the filters apply.",
  crossTabRows: "In rows",
  crossTabColumns: "In columns",
  crossTabMeasure: "Show",
  crossTabCounts: "Counts",
  crossTabRowShares: "% of row",
  crossTabColumnShares: "% of column",
  crossTabCaption: "{rows} × {columns}: {measure}",
  crossTabTotal: "Total",
  crossTabBase: "Respondents who answered both questions: {count}.",
  crossTabMultiple: "“{question}” takes several answers: shares may add up to more than 100 %.",
  crossTabSuppressed: "—: fewer than {min} respondents; figure withheld to keep respondents anonymous (it is not zero).",
  crossTabWithheld: "Fewer than {min} respondents match these filters: the table is withheld.",
  crossTabNone: "This questionnaire has no two choice questions to cross.",
  crossTabEmptyHidden: "Answers nobody gave, not shown: {count}.",
  crossTabLoading: "Computing the table…",
  crossTabFailed: "Could not compute the table: {reason}",
  crossTabDownload: "Download (CSV)",
  crossTabDownloadSemicolon: "Download (CSV ; Excel)",
};

/** The dashboard's cross-table: its choices, headings and notes. */
export const crossTabMessages = defineMessages({ fr, ar, en });
export type CrossTabKey = FeatureKey<typeof crossTabMessages>;
