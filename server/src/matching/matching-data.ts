import {
  MATCHING_SURVEYS,
  forEachElement,
  isQuestionElement,
  readFrenchProfile,
  readLebaneseProfile,
  toLocaleRecord,
  type FrenchProfile,
  type LebaneseProfile,
  type Locale,
  type MatchVocabulary,
  type MatchingLabels,
} from "@passerelle/shared";
import { StampedCache } from "../analytics/summary-cache";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";
import type { Store } from "../store/store.port";

/** Both sides' authorities as the submitted answers describe them now. */
export interface MatchingData {
  lebanese: LebaneseProfile[];
  french: FrenchProfile[];
  lebaneseById: Map<string, LebaneseProfile>;
  frenchById: Map<string, FrenchProfile>;
  /** When each response was last changed: an introduction started before then is flagged for review. */
  changedAt: Map<string, Date>;
  /** Changes whenever an answer on either side changes (cache keys of what is computed from it). */
  stamp: string;
}

export interface MatchingDataDeps {
  store: Store;
  questionnaires: QuestionnaireRegistry;
  /** The profiles, valid while both questionnaires' change stamps stay the same. */
  dataCache: StampedCache<MatchingData>;
}

/**
 * Reads every submitted response of both questionnaires into profiles, once per change: the
 * workspace's requests then cost two stamp queries. Drafts are not matched: an authority appears
 * once it has submitted, and its suggestions follow its answers as they are now.
 */
export async function loadMatchingData(deps: MatchingDataDeps): Promise<MatchingData> {
  const stamp = (
    await Promise.all([deps.store.responses.changeSequence(MATCHING_SURVEYS.lebanese), deps.store.responses.changeSequence(MATCHING_SURVEYS.french)])
  ).join("|");
  const cached = deps.dataCache.get("profiles", stamp);
  if (cached) return cached;
  const changedAt = new Map<string, Date>();
  const lebanese: LebaneseProfile[] = [];
  const french: FrenchProfile[] = [];
  if (deps.questionnaires.find(MATCHING_SURVEYS.lebanese)) {
    for await (const response of deps.store.responses.stream({ surveyId: MATCHING_SURVEYS.lebanese, status: "submitted" })) {
      changedAt.set(response.id, response.updatedAt);
      const profile = readLebaneseProfile(response.id, response.answers);
      if (profile) lebanese.push(profile);
    }
  }
  if (deps.questionnaires.find(MATCHING_SURVEYS.french)) {
    for await (const response of deps.store.responses.stream({ surveyId: MATCHING_SURVEYS.french, status: "submitted" })) {
      changedAt.set(response.id, response.updatedAt);
      french.push(readFrenchProfile(response.id, response.answers));
    }
  }
  const data: MatchingData = {
    lebanese,
    french,
    lebaneseById: new Map(lebanese.map((profile) => [profile.id, profile])),
    frenchById: new Map(french.map((profile) => [profile.id, profile])),
    changedAt,
    stamp,
  };
  deps.dataCache.set("profiles", stamp, data);
  return data;
}

/** Themes (catalogue order) and governorates (census order) with their labels, for the workspace's filters. */
export function matchingLabels(questionnaires: QuestionnaireRegistry): MatchingLabels {
  const governorates: MatchingLabels["governorates"] = [];
  const census = questionnaires.find(MATCHING_SURVEYS.lebanese);
  if (census) {
    forEachElement(census.definition, (element, path) => {
      if (!isQuestionElement(element, path) || element.name !== "governorate" || !Array.isArray(element.choices)) return;
      for (const choice of element.choices as { value?: unknown; text?: unknown }[]) {
        if (typeof choice.value === "string") governorates.push({ code: choice.value, label: toLocaleRecord(choice.text, choice.value) });
      }
    });
  }
  return { themes: questionnaires.catalogue.themes.map((theme) => ({ code: theme.id, label: theme.label })), governorates };
}

/**
 * The words explanations use for codes: theme labels from the catalogue, cooperation modes and
 * governorates from the census's own choices (so that an edited label shows everywhere at once).
 */
export function matchVocabulary(questionnaires: QuestionnaireRegistry): MatchVocabulary {
  const labels = new Map<string, Record<Locale, string>>();
  for (const theme of questionnaires.catalogue.themes) labels.set(`theme:${theme.id}`, theme.label);
  const census = questionnaires.find(MATCHING_SURVEYS.lebanese);
  if (census) {
    forEachElement(census.definition, (element, path) => {
      if (!isQuestionElement(element, path)) return;
      const kind = element.name === "cooperation_modes" ? "mode" : element.name === "governorate" ? "governorate" : null;
      if (!kind || !Array.isArray(element.choices)) return;
      for (const choice of element.choices as { value?: unknown; text?: unknown }[]) {
        if (typeof choice.value === "string") labels.set(`${kind}:${choice.value}`, toLocaleRecord(choice.text, choice.value));
      }
    });
  }
  return { label: (kind, code, locale) => labels.get(`${kind}:${code}`)?.[locale] ?? code };
}
