import type { QuestionFigures } from "@passerelle/shared";

/** The census question asking whether an authority wants a new partnership or to relaunch one. */
export const INTENT_QUESTION = "cooperation_intent";

const NEW = "develop_new";
const RELAUNCH = "relaunch_previous";
const BOTH = "both";

/**
 * The shares of the respondents who want to develop a new partnership and who want to relaunch
 * a previous one. An authority answering "both" wants each, so it counts in both shares (which
 * may then add up to more than 100 %). Null shares when nobody answered.
 */
export function intentShares(figures: QuestionFigures): { base: number; newShare: number | null; relaunchShare: number | null } | null {
  if (figures.kind !== "counts") return null;
  const count = (value: string) => figures.counts[value] ?? 0;
  const share = (value: number) => (figures.n > 0 ? value / figures.n : null);
  return {
    base: figures.n,
    newShare: share(count(NEW) + count(BOTH)),
    relaunchShare: share(count(RELAUNCH) + count(BOTH)),
  };
}
