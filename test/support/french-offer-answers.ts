import type { Answers } from "@passerelle/shared";

/** A complete, valid French-offer submission to the current version, with overrides. */
export function frenchOfferAnswers(overrides: Answers = {}): Answers {
  return {
    ...olderFrenchOfferAnswers(),
    cooperation_modes_offered: ["technical_expertise", "joint_project"],
    working_languages: ["fr", "en"],
    preferred_governorates: ["keserwan_jbeil", "bekaa"],
    partner_capacity: 2,
    can_host_delegation: true,
    lebanese_partners: "Jbeil\nزحلة",
    start_period: "within_a_year",
    ...overrides,
  };
}

/** A French-offer submission as the version before the matching questions took it. */
export function olderFrenchOfferAnswers(overrides: Answers = {}): Answers {
  return {
    authority_name: "Ville de Lyon",
    authority_type: "commune",
    departement: "Rhône (69)",
    region: "auvergne_rhone_alpes",
    expertise_themes: ["water_sanitation", "energy"],
    budget_envelope: "10k_50k",
    interest_cles_en_main: "maybe",
    previous_international_cooperation: true,
    questions_before_engaging: ["funding"],
    field_mission_interest: "both",
    contact_name: "Claire Martin",
    contact_email: "claire.martin@lyon.example",
    consent_data_use: true,
    ...overrides,
  };
}
