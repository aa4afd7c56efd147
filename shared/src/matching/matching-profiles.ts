import type { Answers } from "../api";

/**
 * The two questionnaires matching reads, and what it reads from them. The census gives the
 * Lebanese side (needs), the French offer the French side (what can be offered). A response to an
 * older version of either simply lacks the newer questions: every part of the score treats a
 * missing answer as "not stated", never as a refusal.
 */
export const MATCHING_SURVEYS = { lebanese: "census-lebanon", french: "french-offer" } as const;

export type CooperationIntent = "develop_new" | "relaunch_previous" | "both";
export type Urgency = "immediate" | "short_term" | "medium_term";
export type MissionInterest = "lebanon" | "france" | "both" | "none";
export type ClesEnMainInterest = "yes" | "maybe" | "no";
export type WorkingLanguage = "fr" | "en" | "ar";

/** One ranked theme of a Lebanese authority with the details its theme panel gives. */
export interface LebaneseNeed {
  theme: string;
  /** 1 for the first-ranked theme. */
  rank: number;
  urgency?: Urgency;
  /** The census's budget code (`under_50k`, `50k_200k`, …, `unknown`), in US dollars. */
  budget?: string;
  /** Whether the authority can co-fund locally: `yes`, `partial` or `no`. */
  cofunding?: string;
}

/** A Lebanese authority as matching sees it: one submitted census response. */
export interface LebaneseProfile {
  /** The response's id: it identifies the authority throughout matching. */
  id: string;
  name: string;
  kind?: string;
  governorate?: string;
  district?: string;
  intent: CooperationIntent;
  needs: LebaneseNeed[];
  /** The forms of cooperation wanted (census `cooperation_modes`). */
  modes: string[];
  canHostMissions?: boolean;
  /** Whether it would send a delegation to France; absent when the response predates the question. */
  wishesToTravel?: boolean;
  preferredLanguage?: WorkingLanguage;
  /** Former or current French partners as named in the census, one entry per name. */
  partnerNames: string[];
}

/** A French authority as matching sees it: one submitted French-offer response. */
export interface FrenchProfile {
  id: string;
  name: string;
  kind?: string;
  region?: string;
  themes: string[];
  /** Absent when the response predates the question. */
  modes?: string[];
  languages?: WorkingLanguage[];
  /** Governorate codes, `[]` for "no preference"; absent when not asked. */
  governorates?: string[];
  /** How many Lebanese partners it could take on; 1 when not stated. */
  capacity: number;
  canHostDelegation?: boolean;
  missionInterest?: MissionInterest;
  /** The French offer's envelope code (`under_10k`, …, `undecided`), in euros per year. */
  envelope?: string;
  clesEnMain?: ClesEnMainInterest;
  /** Lebanese partners it names, one entry per name. */
  lebanesePartnerNames: string[];
  startPeriod?: string;
}

const INTENTS: readonly string[] = ["develop_new", "relaunch_previous", "both"];
const URGENCIES: readonly string[] = ["immediate", "short_term", "medium_term"];
const MISSIONS: readonly string[] = ["lebanon", "france", "both", "none"];
const CLES_EN_MAIN: readonly string[] = ["yes", "maybe", "no"];
const LANGUAGES: readonly string[] = ["fr", "en", "ar"];

/**
 * The Lebanese profile of a census response, or null when the authority does not want to develop
 * or relaunch a partnership (`not_now`, or no answer): only those are matched.
 */
export function readLebaneseProfile(id: string, answers: Answers): LebaneseProfile | null {
  const intent = oneOf(answers.cooperation_intent, INTENTS) as CooperationIntent | undefined;
  if (!intent) return null;
  const ranked = stringList(answers.priority_themes);
  return {
    id,
    name: text(answers.authority_name) ?? "",
    ...optional("kind", text(answers.authority_kind)),
    ...optional("governorate", text(answers.governorate)),
    ...optional("district", text(answers.district)),
    intent,
    needs: ranked.map((theme, index) => ({
      theme,
      rank: index + 1,
      ...optional("urgency", oneOf(answers[`urgency_${theme}`], URGENCIES) as Urgency | undefined),
      ...optional("budget", text(answers[`budget_${theme}`])),
      ...optional("cofunding", text(answers[`cofunding_${theme}`])),
    })),
    modes: stringList(answers.cooperation_modes),
    ...optional("canHostMissions", bool(answers.can_host_missions)),
    ...optional("wishesToTravel", bool(answers.delegation_to_france)),
    ...optional("preferredLanguage", oneOf(answers.preferred_language, LANGUAGES) as WorkingLanguage | undefined),
    partnerNames: splitNames(text(answers.partner_name) ?? ""),
  };
}

/** The French profile of a French-offer response (any version). */
export function readFrenchProfile(id: string, answers: Answers): FrenchProfile {
  const governorates = answers.preferred_governorates;
  const capacity = Number(answers.partner_capacity);
  return {
    id,
    name: text(answers.authority_name) ?? "",
    ...optional("kind", text(answers.authority_type)),
    ...optional("region", text(answers.region)),
    themes: stringList(answers.expertise_themes),
    ...optional("modes", Array.isArray(answers.cooperation_modes_offered) ? stringList(answers.cooperation_modes_offered) : undefined),
    ...optional(
      "languages",
      Array.isArray(answers.working_languages)
        ? (stringList(answers.working_languages).filter((code) => LANGUAGES.includes(code)) as WorkingLanguage[])
        : undefined,
    ),
    // SurveyJS stores the "none" item (here: no preference) as the only value, `["none"]`.
    ...optional("governorates", Array.isArray(governorates) ? stringList(governorates).filter((code) => code !== "none") : undefined),
    capacity: Number.isInteger(capacity) && capacity >= 1 ? capacity : 1,
    ...optional("canHostDelegation", bool(answers.can_host_delegation)),
    ...optional("missionInterest", oneOf(answers.field_mission_interest, MISSIONS) as MissionInterest | undefined),
    ...optional("envelope", text(answers.budget_envelope)),
    ...optional("clesEnMain", oneOf(answers.interest_cles_en_main, CLES_EN_MAIN) as ClesEnMainInterest | undefined),
    lebanesePartnerNames: splitNames(text(answers.lebanese_partners) ?? ""),
    ...optional("startPeriod", text(answers.start_period)),
  };
}

/**
 * Several partners named in one answer: "Lyon, Villeurbanne", "Lyon et Grenoble", one per line,
 * "ليون و غرونوبل". A hyphen is not a separator: it belongs to names such as Saint-Étienne.
 */
export function splitNames(answer: string): string[] {
  return answer
    .split(/[\n,;/&+]|\s+(?:et|and|و)\s+/u)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function bool(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

function oneOf(value: unknown, allowed: readonly string[]): string | undefined {
  return typeof value === "string" && allowed.includes(value) ? value : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

// `{ key: value }` when the value is defined, `{}` otherwise: profiles carry no `undefined` fields.
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
