import type { Answers } from "@passerelle/shared";

/** A complete, valid census submission (a municipality ranking two themes), with overrides. */
export function censusAnswers(overrides: Answers = {}): Answers {
  return {
    authority_name: "بلدية جبيل",
    authority_kind: "municipality",
    governorate: "keserwan_jbeil",
    district: "jbeil",
    population: 25000,
    staff_count: 40,
    partnership_status: "past",
    partner_name: "Ville de Lyon",
    partnership_end_reason: ["funding_ended", "other"],
    "partnership_end_reason-Comment": "تغيير المجلس البلدي",
    cooperation_intent: "relaunch_previous",
    priority_themes: ["water_sanitation", "energy"],
    need_water_sanitation: "إعادة تأهيل شبكة المياه",
    urgency_water_sanitation: "immediate",
    studies_water_sanitation: "in_progress",
    budget_water_sanitation: "200k_1m",
    cofunding_water_sanitation: "partial",
    need_energy: "Éclairage public solaire",
    urgency_energy: "short_term",
    can_host_missions: true,
    delegation_to_france: true,
    has_international_officer: false,
    cooperation_modes: ["technical_expertise", "training"],
    constraints: ["economic_crisis", "electricity_fuel"],
    contact_name: "Rania Khoury",
    contact_email: "rania.khoury@jbeil.example",
    contact_phone: "+961 9 123 456",
    preferred_language: "ar",
    consent_data_use: true,
    ...overrides,
  };
}
