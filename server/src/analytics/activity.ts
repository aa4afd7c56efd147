import type { ResponseFilter, StoredResponse } from "../store/store.port";
import type { ActivityCount } from "../store/summary-cell-store.port";

export type DailyCounts = { date: string; started: number; submitted: number }[];

/** Responses sharing an activity key, the key read once (a cube holds them so). */
export interface ActivityTally {
  responses: number;
  breakdown: Record<string, string>;
  isDraft: boolean;
  /** Days (UTC, YYYY-MM-DD) it was started and, once it was, submitted. */
  startedOn: string;
  submittedOn: string | null;
}

/**
 * The activity key of a response: its breakdown values (in field order), whether it is a
 * draft, and the days it was started and submitted. Responses sharing a key count together.
 */
export function activityKeyOf(response: StoredResponse): string {
  const breakdown = Object.keys(response.breakdown)
    .sort()
    .map((field) => [field, response.breakdown[field]]);
  const submittedOn = response.submittedAt ? dayOf(response.submittedAt) : null;
  return JSON.stringify([breakdown, response.status === "draft", dayOf(response.createdAt), submittedOn]);
}

/** A count with its key read. */
export function tallyOf(count: ActivityCount): ActivityTally {
  const [breakdown, isDraft, startedOn, submittedOn] = JSON.parse(count.key) as [[string, string][], boolean, string, string | null];
  return { responses: count.responses, breakdown: Object.fromEntries(breakdown), isDraft, startedOn, submittedOn };
}

/** What the overview counts from the cube's activity, for one request's filters. */
export interface ActivityFigures {
  /** Drafts with the filters' breakdown values (the period does not apply: a draft has no submission). */
  drafts: number;
  /** Responses started and submitted per day within the filters' breakdown values and period. */
  tracking: DailyCounts;
}

/**
 * Drafts and daily tracking from the activity counts: a sum over keys, whose number follows
 * the breakdown values and days, not the responses. Responses started and submitted are
 * counted whatever their status today, each day within the period (a day outside is left out).
 */
export function activityFiguresOf(activity: Iterable<ActivityTally>, filter: ResponseFilter): ActivityFigures {
  const from = filter.submittedFrom?.toISOString().slice(0, 10);
  const before = filter.submittedBefore?.toISOString().slice(0, 10);
  const inPeriod = (day: string) => (!from || day >= from) && (!before || day < before);
  const wanted = Object.entries(filter.breakdown ?? {});
  const days = new Map<string, { started: number; submitted: number }>();
  const bump = (day: string, field: "started" | "submitted", responses: number) => {
    if (!inPeriod(day)) return;
    const counts = days.get(day) ?? { started: 0, submitted: 0 };
    counts[field] += responses;
    days.set(day, counts);
  };
  let drafts = 0;
  for (const atom of activity) {
    const { responses } = atom;
    if (!wanted.every(([field, value]) => atom.breakdown[field] === value)) continue;
    if (atom.isDraft) drafts += responses;
    bump(atom.startedOn, "started", responses);
    if (atom.submittedOn) bump(atom.submittedOn, "submitted", responses);
  }
  const tracking = [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, counts]) => ({ date, ...counts }));
  return { drafts, tracking };
}

function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}
