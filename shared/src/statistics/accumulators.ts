import type { QuestionShape } from "./questionnaire-shape";

/** Ranked-item figures: how often ranked, where, and its Borda points. */
export interface RankedItem {
  ranked: number;
  rankSum: number;
  first: number;
  score: number;
}

/**
 * The running figures of one question, as plain data: mergeable (two partial results combine
 * into the result of the whole) and serialisable (a summary can be cached or sent as JSON).
 * `n` is always the number of respondents who answered the question.
 */
export type Accumulator =
  | { kind: "counts"; n: number; counts: Record<string, number> }
  | { kind: "ranking"; n: number; items: Record<string, RankedItem> }
  | { kind: "numeric"; n: number; sum: number; min: number; max: number; values: number[] }
  | { kind: "matrix"; n: number; cells: Record<string, Record<string, number>> }
  | { kind: "text"; n: number };

export function createAccumulator(question: QuestionShape): Accumulator {
  switch (question.kind) {
    case "single":
    case "multi":
      return { kind: "counts", n: 0, counts: zeros(question.choices) };
    case "boolean":
      return { kind: "counts", n: 0, counts: zeros(["true", "false"]) };
    case "ranking":
      return { kind: "ranking", n: 0, items: Object.fromEntries(question.choices.map((value) => [value, emptyRankedItem()])) };
    case "numeric":
      return { kind: "numeric", n: 0, sum: 0, min: Infinity, max: -Infinity, values: [] };
    case "matrix":
      return { kind: "matrix", n: 0, cells: Object.fromEntries((question.rows ?? []).map((row) => [row, zeros(question.columns ?? [])])) };
    case "text":
      return { kind: "text", n: 0 };
  }
}

/**
 * Adds one respondent's answer, read against the shape of the questionnaire version they
 * answered. Values that version does not offer are ignored, so an accumulator only ever holds
 * known choices (and no key can be something like "__proto__").
 */
export function addAnswer(acc: Accumulator, question: QuestionShape, value: unknown): void {
  if (value === undefined || value === null || value === "") return;
  switch (acc.kind) {
    case "counts":
      return addCounts(acc, question, value);
    case "ranking":
      return addRanking(acc, question, value);
    case "numeric":
      // A rating counts only the values of its scale; a numeric input any finite number.
      return addNumber(acc, question.choices.length === 0 ? value : ratingValue(question, value));
    case "matrix":
      return addMatrix(acc, question, value);
    case "text":
      if (typeof value === "string" && value.trim() !== "") acc.n += 1;
      return;
  }
}

const BOOLEAN_VALUES = new Set(["true", "false"]);
const choiceSets = new WeakMap<QuestionShape, Set<string>>();

// Sets of choice values, built once per question shape: the fold looks values up millions of times.
function knownValues(question: QuestionShape): Set<string> {
  if (question.kind === "boolean") return BOOLEAN_VALUES;
  let known = choiceSets.get(question);
  if (!known) {
    known = new Set(question.choices);
    choiceSets.set(question, known);
  }
  return known;
}

function addCounts(acc: Extract<Accumulator, { kind: "counts" }>, question: QuestionShape, value: unknown): void {
  const known = knownValues(question);
  if (!Array.isArray(value)) {
    const item = String(value);
    if (!known.has(item)) return;
    acc.n += 1;
    acc.counts[item] = (acc.counts[item] ?? 0) + 1;
    return;
  }
  const values = new Set(value.map(String).filter((item) => known.has(item)));
  if (values.size === 0) return;
  acc.n += 1;
  for (const item of values) acc.counts[item] = (acc.counts[item] ?? 0) + 1;
}

// Borda count: with k items rankable, rank 1 earns k points, rank k earns 1.
function addRanking(acc: Extract<Accumulator, { kind: "ranking" }>, question: QuestionShape, value: unknown): void {
  if (!Array.isArray(value)) return;
  const base = question.maxRanked ?? question.choices.length;
  const known = knownValues(question);
  const ranked = [...new Set(value.map(String))].filter((item) => known.has(item)).slice(0, base);
  if (ranked.length === 0) return;
  acc.n += 1;
  ranked.forEach((item, index) => {
    const entry = (acc.items[item] ??= emptyRankedItem());
    entry.ranked += 1;
    entry.rankSum += index + 1;
    entry.score += base - index;
    if (index === 0) entry.first += 1;
  });
}

function addNumber(acc: Extract<Accumulator, { kind: "numeric" }>, value: unknown): void {
  if (typeof value !== "number" || !Number.isFinite(value)) return;
  acc.n += 1;
  acc.sum += value;
  acc.min = Math.min(acc.min, value);
  acc.max = Math.max(acc.max, value);
  acc.values.push(value);
}

function ratingValue(question: QuestionShape, value: unknown): number | undefined {
  return knownValues(question).has(String(value)) ? Number(value) : undefined;
}

function addMatrix(acc: Extract<Accumulator, { kind: "matrix" }>, question: QuestionShape, value: unknown): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return;
  const rows = question.rows ?? [];
  const columns = question.columns ?? [];
  let answered = false;
  for (const [row, cell] of Object.entries(value)) {
    const column = String(cell);
    if (!rows.includes(row) || !columns.includes(column)) continue;
    const cells = (acc.cells[row] ??= zeros(columns));
    cells[column] = (cells[column] ?? 0) + 1;
    answered = true;
  }
  if (answered) acc.n += 1;
}

/** Combines two accumulators of the same question into the figures of both sets of respondents. */
export function mergeAccumulators(a: Accumulator, b: Accumulator): Accumulator {
  if (a.kind !== b.kind) throw new Error(`cannot merge a ${a.kind} accumulator with a ${b.kind} one`);
  switch (a.kind) {
    case "counts": {
      const other = b as typeof a;
      return { kind: "counts", n: a.n + other.n, counts: addRecords(a.counts, other.counts) };
    }
    case "ranking": {
      const other = b as typeof a;
      const items: Record<string, RankedItem> = {};
      for (const key of unionKeys(a.items, other.items)) {
        const x = a.items[key] ?? emptyRankedItem();
        const y = other.items[key] ?? emptyRankedItem();
        items[key] = { ranked: x.ranked + y.ranked, rankSum: x.rankSum + y.rankSum, first: x.first + y.first, score: x.score + y.score };
      }
      return { kind: "ranking", n: a.n + other.n, items };
    }
    case "numeric": {
      const other = b as typeof a;
      return {
        kind: "numeric",
        n: a.n + other.n,
        sum: a.sum + other.sum,
        min: Math.min(a.min, other.min),
        max: Math.max(a.max, other.max),
        values: a.values.concat(other.values),
      };
    }
    case "matrix": {
      const other = b as typeof a;
      const cells: Record<string, Record<string, number>> = {};
      for (const row of unionKeys(a.cells, other.cells)) cells[row] = addRecords(a.cells[row] ?? {}, other.cells[row] ?? {});
      return { kind: "matrix", n: a.n + other.n, cells };
    }
    case "text":
      return { kind: "text", n: a.n + b.n };
  }
}

export interface NumericFigures {
  n: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export function describeNumbers(acc: Extract<Accumulator, { kind: "numeric" }>): NumericFigures {
  if (acc.n === 0) return { n: 0, mean: null, median: null, min: null, max: null };
  const sorted = [...acc.values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { n: acc.n, mean: acc.sum / acc.n, median, min: acc.min, max: acc.max };
}

function zeros(keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((key) => [key, 0]));
}

function emptyRankedItem(): RankedItem {
  return { ranked: 0, rankSum: 0, first: 0, score: 0 };
}

function unionKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

function addRecords(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const sum: Record<string, number> = { ...a };
  for (const [key, value] of Object.entries(b)) sum[key] = (sum[key] ?? 0) + value;
  return sum;
}
