import type { Locale } from "../locales";

const fr = {
  mapTitle: "Carte du Liban",
  mapUnavailable: "Pas de carte pour ce questionnaire : aucun de ses champs de ventilation n'a pour réponses les cazas ou les mohafazats du Liban.",
  mapLevelLabel: "Découpage",
  mapShowLabel: "Afficher",
  mapRespondents: "Répondants",
  mapMeasureLabel: "Mesure",
  mapMeasureScore: "Score",
  mapMeasureShare: "Part des répondants",
  mapThemeScore: "{theme} — score",
  mapThemeShare: "{theme} — part des répondants",
  mapLoading: "Chargement de la carte…",
  mapLoadFailed: "Impossible de charger la carte : {reason}",
  mapLevelDistrict: "Caza (district)",
  mapLevelGovernorate: "Mohafazat (gouvernorat)",
  mapByDistrict: "par caza",
  mapByGovernorate: "par mohafazat",
  mapCaption: "{label} {by}",
  mapSummary: "Carte du Liban, {label} {by}. {highest}{suppressed}",
  mapSummaryHighest: "Valeur la plus élevée : {area} ({value}). ",
  mapSummarySuppressed: "Trop peu de répondants pour afficher : {count}.",
  mapSuppressed: "trop peu pour afficher",
  mapNoFigure: "aucune réponse",
  mapSuppressedNote:
    "Hachuré : trop peu de répondants pour afficher le chiffre (ou un chiffre qui permettrait d'en retrouver un plus petit) ; ce n'est pas zéro.",
  mapNotOnMap: "hors carte",
  mapNotOnMapNote: "« hors carte » : réponse qui ne correspond à aucune zone de la carte.",
  mapCredit: "Limites : geoBoundaries (www.geoboundaries.org), domaine public ; crédit : Wikimedia Commons, utilisateur Rarelibra.",
  mapShowTable: "Tableau",
  mapAreaValue: "{area} : {value}",
  mapLegendTitle: "Légende",
};

const ar: Record<keyof typeof fr, string> = {
  mapTitle: "خريطة لبنان",
  mapUnavailable: "لا خريطة لهذا الاستبيان: لا يوجد بين حقول التصنيف فيه حقل إجاباته أقضية لبنان أو محافظاته.",
  mapLevelLabel: "التقسيم",
  mapShowLabel: "عرض",
  mapRespondents: "المجيبون",
  mapMeasureLabel: "المقياس",
  mapMeasureScore: "النقاط",
  mapMeasureShare: "نسبة المجيبين",
  mapThemeScore: "{theme} — النقاط",
  mapThemeShare: "{theme} — نسبة المجيبين",
  mapLoading: "جارٍ تحميل الخريطة…",
  mapLoadFailed: "تعذّر تحميل الخريطة: {reason}",
  mapLevelDistrict: "القضاء",
  mapLevelGovernorate: "المحافظة",
  mapByDistrict: "حسب القضاء",
  mapByGovernorate: "حسب المحافظة",
  mapCaption: "{label} {by}",
  mapSummary: "خريطة لبنان، {label} {by}. {highest}{suppressed}",
  mapSummaryHighest: "أعلى قيمة: {area} ({value}). ",
  mapSummarySuppressed: "عدد المجيبين أقل من أن يُعرض: {count}.",
  mapSuppressed: "أقل من أن يُعرض",
  mapNoFigure: "لا إجابات",
  mapSuppressedNote: "المخطّط: عدد المجيبين أقل من أن يُعرض الرقم (أو رقم يسمح باستنتاج مجموعة أصغر)؛ وهذا ليس صفرًا.",
  mapNotOnMap: "خارج الخريطة",
  mapNotOnMapNote: "«خارج الخريطة»: إجابة لا تطابق أي منطقة على الخريطة.",
  mapCredit: "الحدود: geoBoundaries (www.geoboundaries.org)، ملك عام؛ المصدر: ويكيميديا كومنز، المستخدم Rarelibra.",
  mapShowTable: "جدول",
  mapAreaValue: "{area}: {value}",
  mapLegendTitle: "مفتاح الخريطة",
};

const en: Record<keyof typeof fr, string> = {
  mapTitle: "Map of Lebanon",
  mapUnavailable: "No map for this questionnaire: none of its breakdown fields is answered with the districts or governorates of Lebanon.",
  mapLevelLabel: "Areas",
  mapShowLabel: "Show",
  mapRespondents: "Respondents",
  mapMeasureLabel: "Measure",
  mapMeasureScore: "Score",
  mapMeasureShare: "Share of respondents",
  mapThemeScore: "{theme} — score",
  mapThemeShare: "{theme} — share of respondents",
  mapLoading: "Loading the map…",
  mapLoadFailed: "Could not load the map: {reason}",
  mapLevelDistrict: "District (caza)",
  mapLevelGovernorate: "Governorate (mohafaza)",
  mapByDistrict: "by district",
  mapByGovernorate: "by governorate",
  mapCaption: "{label} {by}",
  mapSummary: "Map of Lebanon, {label} {by}. {highest}{suppressed}",
  mapSummaryHighest: "Highest: {area} ({value}). ",
  mapSummarySuppressed: "Too few respondents to show: {count}.",
  mapSuppressed: "too few to show",
  mapNoFigure: "no answers",
  mapSuppressedNote: "Hatched: too few respondents to show the figure (or a figure that would reveal a smaller group); it is not zero.",
  mapNotOnMap: "not on the map",
  mapNotOnMapNote: "“not on the map”: an answer that matches no area of the map.",
  mapCredit: "Boundaries: geoBoundaries (www.geoboundaries.org), public domain; credit: Wikimedia Commons user Rarelibra.",
  mapShowTable: "Table",
  mapAreaValue: "{area}: {value}",
  mapLegendTitle: "Legend",
};

export type MapWordKey = keyof typeof fr;

/**
 * The maps' words: legends, the "too few to show" style, the boundaries' credit line. Read by
 * the maps of the dashboard and of the brief page, and by the maps of the Word brief, so that
 * the two say the same.
 */
export const MAP_WORDS: { fr: typeof fr; ar: Record<MapWordKey, string>; en: Record<MapWordKey, string> } = { fr, ar, en };

/** A map word in `locale`, `{name}` placeholders filled. */
export function fillMapWords(locale: Locale, key: MapWordKey, values: Record<string, string | number> = {}): string {
  return MAP_WORDS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
