import { DEFAULT_MATCH_WEIGHTS, type FrenchProfile, type LebaneseProfile, type MatchVocabulary, type MatchWeights } from "@passerelle/shared";

/** Zahlé: water first (immediate), waste second; wants expertise and training; Arabic. */
export function aLebanese(overrides: Partial<LebaneseProfile> = {}): LebaneseProfile {
  return {
    id: "zahle",
    name: "Zahlé",
    kind: "municipality",
    governorate: "bekaa",
    district: "zahle",
    intent: "develop_new",
    needs: [
      { theme: "water_sanitation", rank: 1, urgency: "immediate", budget: "50k_200k", cofunding: "no" },
      { theme: "solid_waste", rank: 2, urgency: "short_term", budget: "under_50k", cofunding: "partial" },
    ],
    modes: ["technical_expertise", "training"],
    canHostMissions: true,
    wishesToTravel: true,
    preferredLanguage: "fr",
    partnerNames: [],
    ...overrides,
  };
}

/** Lyon: water and energy; expertise and joint projects; French; prefers the Bekaa; 10–50k €. */
export function aFrench(overrides: Partial<FrenchProfile> = {}): FrenchProfile {
  return {
    id: "lyon",
    name: "Lyon",
    kind: "commune",
    region: "auvergne_rhone_alpes",
    themes: ["water_sanitation", "energy"],
    modes: ["technical_expertise", "joint_project"],
    languages: ["fr", "en"],
    governorates: ["bekaa"],
    capacity: 1,
    canHostDelegation: true,
    missionInterest: "both",
    envelope: "10k_50k",
    clesEnMain: "no",
    lebanesePartnerNames: [],
    ...overrides,
  };
}

export function weightsWith(overrides: Partial<MatchWeights> = {}): MatchWeights {
  return { ...DEFAULT_MATCH_WEIGHTS, ...overrides };
}

const LABELS: Record<string, Record<string, string>> = {
  water_sanitation: { fr: "Eau et assainissement", ar: "المياه والصرف الصحي", en: "Water and sanitation" },
  solid_waste: { fr: "Déchets", ar: "النفايات", en: "Waste" },
  energy: { fr: "Énergie", ar: "الطاقة", en: "Energy" },
  technical_expertise: { fr: "expertise technique", ar: "الخبرة الفنية", en: "technical expertise" },
  training: { fr: "formation", ar: "التدريب", en: "training" },
  bekaa: { fr: "Bekaa", ar: "البقاع", en: "Bekaa" },
  north: { fr: "Liban-Nord", ar: "الشمال", en: "North Lebanon" },
};

/** A small vocabulary for explanations; the server builds its own from the questionnaires. */
export const TEST_VOCABULARY: MatchVocabulary = {
  label: (_kind, code, locale) => LABELS[code]?.[locale] ?? code,
};
