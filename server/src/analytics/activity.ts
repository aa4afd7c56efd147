import type { ResponseFilter, StoredResponse } from "../store/store.port";

export type DailyCounts = { date: string; started: number; submitted: number }[];

/** What an activity key says. */
interface ActivityAtom {
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

// Keys read once per process: a cube loaded or moved keeps most of its keys, and the overview
// sums over all of them. Bounded, as a cache of whatever keys the questionnaires have had.
const atoms = new Map<string, ActivityAtom>();
const MAX_ATOMS_HELD = 500_000;

function atomOf(key: string): ActivityAtom {
  let atom = atoms.get(key);
  if (!atom) {
    const [breakdown, isDraft, startedOn, submittedOn] = JSON.parse(key) as [[string, string][], boolean, string, string | null];
    atom = { breakdown: Object.fromEntries(breakdown), isDraft, startedOn, submittedOn };
    if (atoms.size >= MAX_ATOMS_HELD) atoms.clear();
    atoms.set(key, atom);
  }
  return atom;
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
export function activityFiguresOf(activity: ReadonlyMap<string, number>, filter: ResponseFilter): ActivityFigures {
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
  for (const [key, responses] of activity) {
    const atom = atomOf(key);
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
