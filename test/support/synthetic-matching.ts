import type { Answers } from "@passerelle/shared";
import { seededRandom } from "./synthetic-census";

const THEMES = [
  "water_sanitation",
  "solid_waste",
  "energy",
  "urban_planning_mobility",
  "local_economy_employment",
  "agriculture_food",
  "health",
  "education_youth",
  "culture_heritage_tourism",
  "environment_climate",
  "local_governance",
  "social_cohesion",
  "civil_protection_risk",
  "gender_equality",
  "sport",
  "digital_services",
];
const MODES = ["technical_expertise", "training", "staff_exchange", "joint_project", "equipment", "youth_volunteering", "decentralised_network"];
const PLACES: Record<string, string[]> = {
  beirut: ["beirut"],
  mount_lebanon: ["baabda", "aley", "chouf", "metn"],
  keserwan_jbeil: ["keserwan", "jbeil"],
  north: ["tripoli", "zgharta", "koura", "batroun"],
  akkar: ["akkar"],
  bekaa: ["zahle", "west_bekaa", "rashaya"],
  baalbek_hermel: ["baalbek", "hermel"],
  south: ["saida", "tyre", "jezzine"],
  nabatieh: ["nabatieh", "marjayoun", "hasbaya", "bint_jbeil"],
};
const GOVERNORATES = Object.keys(PLACES);
const FRENCH_CITIES = ["Lyon", "Marseille", "Lille", "Nantes", "Rennes", "Grenoble", "Montpellier", "Bordeaux", "Toulouse", "Strasbourg"];

function pickSome<T>(random: () => number, items: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1));
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return picked;
}
const pickOne = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/**
 * Census answers of Lebanese authorities wanting a partnership, skewed like the real needs
 * (water, waste and energy ranked most), about one in five relaunching with a French city.
 */
export function syntheticLebaneseAnswers(seed: number): () => Answers {
  const random = seededRandom(seed);
  let index = 0;
  return () => {
    index += 1;
    const governorate = pickOne(random, GOVERNORATES);
    const skewed = [...THEMES.slice(0, 3), ...THEMES.slice(0, 3), ...THEMES];
    const themes = [...new Set(pickSome(random, skewed, 2, 7))].slice(0, 5);
    const relaunch = random() < 0.2;
    const answers: Answers = {
      authority_name: `Municipalité ${index}`,
      authority_kind: random() < 0.95 ? "municipality" : "union_of_municipalities",
      governorate,
      district: pickOne(random, PLACES[governorate]!),
      partnership_status: relaunch ? "past" : "none",
      cooperation_intent: relaunch ? pickOne(random, ["relaunch_previous", "both"]) : "develop_new",
      priority_themes: themes,
      can_host_missions: random() < 0.6,
      cooperation_modes: pickSome(random, MODES, 1, 3),
      preferred_language: pickOne(random, ["ar", "ar", "fr", "en"]),
      contact_name: "Contact",
      contact_email: `mairie${index}@example.org`,
      consent_data_use: true,
    };
    if (relaunch) answers.partner_name = `Ville de ${pickOne(random, FRENCH_CITIES)}`;
    answers.delegation_to_france = random() < 0.5;
    for (const theme of themes) {
      answers[`need_${theme}`] = "Besoin";
      answers[`urgency_${theme}`] = pickOne(random, ["immediate", "short_term", "medium_term"]);
      answers[`budget_${theme}`] = pickOne(random, ["under_50k", "50k_200k", "200k_1m", "over_1m", "unknown"]);
      answers[`cofunding_${theme}`] = pickOne(random, ["yes", "partial", "no"]);
    }
    return answers;
  };
}

/** French-offer answers (current version), the first ten named after the cities Lebanese partners name. */
export function syntheticFrenchAnswers(seed: number): () => Answers {
  const random = seededRandom(seed);
  let index = 0;
  return () => {
    index += 1;
    return {
      authority_name: index <= FRENCH_CITIES.length ? FRENCH_CITIES[index - 1] : `Commune ${index}`,
      authority_type: pickOne(random, ["commune", "commune", "epci", "departement", "region"]),
      region: "auvergne_rhone_alpes",
      expertise_themes: pickSome(random, THEMES, 1, 4),
      budget_envelope: pickOne(random, ["under_10k", "10k_50k", "50k_150k", "over_150k", "undecided"]),
      interest_cles_en_main: pickOne(random, ["yes", "maybe", "no"]),
      field_mission_interest: pickOne(random, ["lebanon", "france", "both", "none"]),
      cooperation_modes_offered: pickSome(random, MODES, 1, 4),
      working_languages: random() < 0.15 ? ["fr", "ar"] : pickSome(random, ["fr", "en"], 1, 2),
      preferred_governorates: random() < 0.5 ? ["none"] : pickSome(random, GOVERNORATES, 1, 3),
      partner_capacity: 1 + Math.floor(random() * 3),
      can_host_delegation: random() < 0.5,
      contact_name: "Contact",
      contact_email: `contact${index}@example.org`,
      consent_data_use: true,
    };
  };
}
