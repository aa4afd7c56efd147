import { INTRODUCTION_STATES, type MaybeSuppressed, INTRODUCTION_STATE_LABELS, type FunnelView, type IntroductionState, type IntroductionView, type Locale, type MatchVocabulary } from "@passerelle/shared";
import { matchingLabels } from "./matching-data";
import type { MatchingDeps } from "./matching-deps";

/**
 * The follow-up in figures: introductions per state, overall, per theme and per governorate.
 * These are the only matching figures viewers see, so every cell goes through the dashboards'
 * small-group rule (`suppressSmall`): a count below the minimum group size is withheld.
 */
export async function followUpFunnel(deps: Pick<MatchingDeps, "store" | "minGroupSize" | "questionnaires">): Promise<FunnelView> {
  const introductions = await deps.store.matching.listIntroductions();
  const suppress = (count: number) => suppressSmall(deps, count, { count });
  const countStates = (subset: readonly { state: IntroductionState }[]) =>
    Object.fromEntries(INTRODUCTION_STATES.map((state) => [state, suppress(subset.filter((introduction) => introduction.state === state).length)])) as FunnelView["states"];
  const groupBy = (keysOf: (introduction: (typeof introductions)[number]) => string[]) => {
    const groups = new Map<string, (typeof introductions)[number][]>();
    for (const introduction of introductions) for (const key of keysOf(introduction)) groups.set(key, [...(groups.get(key) ?? []), introduction]);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  return {
    minGroupSize: deps.minGroupSize,
    labels: matchingLabels(deps.questionnaires),
    total: suppress(introductions.length),
    states: countStates(introductions),
    byTheme: groupBy((introduction) => introduction.themes).map(([theme, subset]) => ({ theme, states: countStates(subset) })),
    byGovernorate: groupBy((introduction) => (introduction.governorate ? [introduction.governorate] : [])).map(([governorate, subset]) => ({ governorate, states: countStates(subset) })),
  };
}

const HEADERS: Record<Locale, string[]> = {
  fr: ["collectivité libanaise", "gouvernorat", "collectivité française", "thématiques", "état", "motif", "responsable", "prochaine étape", "à revoir", "notes", "dernière note", "démarrée le", "modifiée le"],
  ar: ["السلطة المحلية اللبنانية", "المحافظة", "السلطة المحلية الفرنسية", "المجالات", "الحالة", "السبب", "المسؤول", "الخطوة التالية", "للمراجعة", "الملاحظات", "آخر ملاحظة", "تاريخ البدء", "تاريخ التعديل"],
  en: ["Lebanese authority", "governorate", "French authority", "themes", "state", "reason", "in charge", "next step", "to review", "notes", "last note", "started", "changed"],
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

/** The small-group rule: a count below the minimum (but some) is withheld. */
function suppressSmall<T>(deps: Pick<MatchingDeps, "minGroupSize">, count: number, cell: T): MaybeSuppressed<T> {
  return count > 0 && count < deps.minGroupSize ? { suppressed: true } : cell;
}
