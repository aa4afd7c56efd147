import {
  INTRODUCTION_STATES,
  INTRODUCTION_STATE_LABELS,
  type FigureDisclosure,
  type MaybeSuppressed,
  type FunnelView,
  type IntroductionState,
  type IntroductionView,
  type Locale,
  type MatchVocabulary,
} from "@passerelle/shared";
import { planRelease, type GroupRef } from "../disclosure/release-plan";
import { matchingLabels } from "./matching-data";
import type { MatchingDeps } from "./matching-deps";

/**
 * The follow-up in figures: introductions per state, overall, per theme and per governorate.
 *
 * Analysts and administrators, who read every introduction on the board, get exact counts.
 * Viewers get only what the disclosure control releases (`planRelease`, the mechanism behind
 * every viewer figure): the total and the count per state, withheld so that no small count can
 * be recovered by subtracting the others from the total; the cross-tables by theme and by
 * governorate are not released to them, since a cell of one could be recovered from the other
 * figures.
 */
export async function followUpFunnel(deps: Pick<MatchingDeps, "store" | "minGroupSize" | "questionnaires">, disclosure: FigureDisclosure): Promise<FunnelView> {
  const introductions = await deps.store.matching.listIntroductions();
  const countStates = (subset: readonly { state: IntroductionState }[]) =>
    Object.fromEntries(
      INTRODUCTION_STATES.map((state) => [state, { count: subset.filter((introduction) => introduction.state === state).length }]),
    ) as FunnelView["states"];
  const base = { minGroupSize: deps.minGroupSize, labels: matchingLabels(deps.questionnaires) };
  if (disclosure === "controlled") {
    const countOf = (state: IntroductionState) => introductions.filter((introduction) => introduction.state === state).length;
    const plan = planRelease({
      dimensions: ["state"],
      // States no introduction is in are no atoms: an empty group reveals nobody.
      atoms: INTRODUCTION_STATES.map((state) => ({ values: [state], respondents: countOf(state) })).filter((atom) => atom.respondents > 0),
      minGroupSize: deps.minGroupSize,
    });
    const released = (group: GroupRef, count: number): MaybeSuppressed<{ count: number }> => (plan.isReleased(group) ? { count } : { suppressed: true });
    return {
      ...base,
      total: released({}, introductions.length),
      states: Object.fromEntries(
        INTRODUCTION_STATES.map((state) => [state, released({ dimension: "state", value: state }, countOf(state))]),
      ) as FunnelView["states"],
      byTheme: [],
      byGovernorate: [],
    };
  }
  const groupBy = (keysOf: (introduction: (typeof introductions)[number]) => string[]) => {
    const groups = new Map<string, (typeof introductions)[number][]>();
    for (const introduction of introductions) for (const key of keysOf(introduction)) groups.set(key, [...(groups.get(key) ?? []), introduction]);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  return {
    ...base,
    total: { count: introductions.length },
    states: countStates(introductions),
    byTheme: groupBy((introduction) => introduction.themes).map(([theme, subset]) => ({ theme, states: countStates(subset) })),
    byGovernorate: groupBy((introduction) => (introduction.governorate ? [introduction.governorate] : [])).map(([governorate, subset]) => ({
      governorate,
      states: countStates(subset),
    })),
  };
}

const HEADERS: Record<Locale, string[]> = {
  fr: [
    "collectivité libanaise",
    "gouvernorat",
    "collectivité française",
    "thématiques",
    "état",
    "motif",
    "responsable",
    "prochaine étape",
    "à revoir",
    "notes",
    "dernière note",
    "démarrée le",
    "modifiée le",
  ],
  ar: [
    "السلطة المحلية اللبنانية",
    "المحافظة",
    "السلطة المحلية الفرنسية",
    "المجالات",
    "الحالة",
    "السبب",
    "المسؤول",
    "الخطوة التالية",
    "للمراجعة",
    "الملاحظات",
    "آخر ملاحظة",
    "تاريخ البدء",
    "تاريخ التعديل",
  ],
  en: [
    "Lebanese authority",
    "governorate",
    "French authority",
    "themes",
    "state",
    "reason",
    "in charge",
    "next step",
    "to review",
    "notes",
    "last note",
    "started",
    "changed",
  ],
};
const YES_NO: Record<Locale, [string, string]> = { fr: ["oui", "non"], ar: ["نعم", "لا"], en: ["yes", "no"] };

/** The introductions as rows of the CSV export, labels in `locale`. */
export function introductionRows(introductions: readonly IntroductionView[], vocabulary: MatchVocabulary, locale: Locale): (string | number)[][] {
  const rows = introductions.map((introduction) => [
    introduction.lebaneseName,
    introduction.governorate ? vocabulary.label("governorate", introduction.governorate, locale) : "",
    introduction.frenchName,
    introduction.themes.map((theme) => vocabulary.label("theme", theme, locale)).join(" / "),
    INTRODUCTION_STATE_LABELS[locale][introduction.state],
    introduction.reason ?? "",
    introduction.owner ?? "",
    introduction.nextStepOn ?? "",
    YES_NO[locale][introduction.needsReview ? 0 : 1],
    introduction.notes.length,
    introduction.notes.at(-1)?.text ?? "",
    introduction.createdAt,
    introduction.updatedAt,
  ]);
  return [HEADERS[locale], ...rows];
}
