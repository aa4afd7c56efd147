import type { ResponseFilter, Store } from "../store/store.port";

export type DailyCounts = { date: string; started: number; submitted: number }[];

/**
 * Responses started and submitted per day (UTC), for drafts and submissions alike, within the
 * filters' breakdown values and period (a day outside the period is left out).
 */
export async function countPerDay(store: Store, filter: ResponseFilter): Promise<DailyCounts> {
  const days = new Map<string, { started: number; submitted: number }>();
  const from = filter.submittedFrom?.toISOString().slice(0, 10);
  const before = filter.submittedBefore?.toISOString().slice(0, 10);
  const inPeriod = (day: string) => (!from || day >= from) && (!before || day < before);
  const bump = (day: string, field: "started" | "submitted") => {
    if (!inPeriod(day)) return;
    const counts = days.get(day) ?? { started: 0, submitted: 0 };
    counts[field] += 1;
    days.set(day, counts);
  };
  const everyStatus: ResponseFilter = { surveyId: filter.surveyId, ...(filter.breakdown ? { breakdown: filter.breakdown } : {}) };
  for await (const response of store.responses.stream(everyStatus)) {
    bump(response.createdAt.toISOString().slice(0, 10), "started");
    if (response.submittedAt) bump(response.submittedAt.toISOString().slice(0, 10), "submitted");
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, counts]) => ({ date, ...counts }));
}
