import { defineMessages, type FeatureKey } from "../../i18n/feature-messages";

const fr = {
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
  mapSuppressedNote:
    "Hatched: too few respondents to show the figure (or a figure that would reveal a smaller group); it is not zero.",
  mapNotOnMap: "not on the map",
  mapNotOnMapNote: "“not on the map”: an answer that matches no area of the map.",
  mapCredit: "Boundaries: geoBoundaries (www.geoboundaries.org), public domain; credit: Wikimedia Commons user Rarelibra.",
  mapShowTable: "Table",
  mapAreaValue: "{area}: {value}",
  mapLegendTitle: "Legend",
};

/** The maps' words: legends, the "too few to show" style, the boundaries' credit line. */
export const mapsMessages = defineMessages({ fr, ar, en });
export type MapsKey = FeatureKey<typeof mapsMessages>;
