import { isJsonObject } from "../questionnaire/walk-definition";
import type { QuestionShape } from "./questionnaire-shape";
import {
  addToDistribution,
  cloneDistribution,
  emptyDistribution,
  mergeDistributions,
  medianOf,
  withPiece,
  type NumberDistribution,
} from "./number-distribution";

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
  | NumericAccumulator
  | { kind: "matrix"; n: number; cells: Record<string, Record<string, number>> }
  | { kind: "text"; n: number }
  /** Computed values: numbers summarised, other values counted as observed. */
  | { kind: "values"; n: number; numbers: NumericAccumulator; counts: Record<string, number> }
  /**
   * A group's parts, each with its own accumulator. `n` counts respondents, `entries` the rows
   * or panels answered (for a group answered once, the respondents again); each part counts
   * the entries that answered it.
   */
  | { kind: "group"; n: number; entries: number; parts: Record<string, Accumulator> };

/** Numbers answered: their count, sum and extremes, and their distribution (for the median). */
export type NumericAccumulator = { kind: "numeric"; n: number; sum: number; min: number; max: number; distribution: NumberDistribution };

// Values counted as observed (runtime choices, computed words): beyond this many distinct
// values the rest are not told apart, so a free-text expression cannot grow a summary forever.
export const MAX_OBSERVED_VALUES = 200;

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
      return emptyNumbers();
    case "matrix":
      return { kind: "matrix", n: 0, cells: Object.fromEntries((question.rows ?? []).map((row) => [row, zeros(question.columns ?? [])])) };
    case "text":
    case "file":
      return { kind: "text", n: 0 };
    case "expression":
      return { kind: "values", n: 0, numbers: emptyNumbers(), counts: {} };
    case "group":
      return { kind: "group", n: 0, entries: 0, parts: Object.fromEntries((question.parts ?? []).map((part) => [part.name, createAccumulator(part)])) };
  }
}

function emptyNumbers(): NumericAccumulator {
  return { kind: "numeric", n: 0, sum: 0, min: Infinity, max: -Infinity, distribution: emptyDistribution() };
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
      // A text, or a file question's list of files, or a signature: counted, never read.
      if ((typeof value === "string" && value.trim() !== "") || (Array.isArray(value) && value.length > 0)) acc.n += 1;
      return;
    case "values":
      return addValue(acc, value);
    case "group":
      return addGroup(acc, question, value);
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
  const isCounted = (item: string) => knownValues(question).has(item) || (question.openChoices === true && isObservable(acc.counts, item));
  const values = new Set((Array.isArray(value) ? value : [value]).filter(isScalar).map(String).filter(isCounted));
  if (values.size === 0) return;
  acc.n += 1;
  for (const item of values) acc.counts[item] = (acc.counts[item] ?? 0) + 1;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

// A value seen in the answers may become a key of the counts: not one that would reach the
// object's prototype, and no more distinct values than the cap.
function isObservable(counts: Record<string, unknown>, item: string): boolean {
  if (Object.hasOwn(counts, item)) return true;
  return item !== "" && !(item in Object.prototype) && item !== "__proto__" && Object.keys(counts).length < MAX_OBSERVED_VALUES;
}

function addValue(acc: Extract<Accumulator, { kind: "values" }>, value: unknown): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return;
    addNumber(acc.numbers, value);
    acc.n += 1;
    return;
  }
  if (!isScalar(value)) return;
  const item = String(value);
  if (item.trim() === "" || !isObservable(acc.counts, item)) return;
  acc.n += 1;
  acc.counts[item] = (acc.counts[item] ?? 0) + 1;
}

function addGroup(acc: Extract<Accumulator, { kind: "group" }>, question: QuestionShape, value: unknown): void {
  const entries = question.repeated ? (Array.isArray(value) ? value.filter(isJsonObject) : []) : isJsonObject(value) ? [value] : [];
  let isAnswered = false;
  for (const entry of entries) {
    let isEntryAnswered = false;
    for (const part of question.parts ?? []) {
      const partAcc = (acc.parts[part.name] ??= createAccumulator(part));
      const before = partAcc.n;
      addAnswer(partAcc, part, readPath(entry, part.path));
      if (partAcc.n > before) isEntryAnswered = true;
    }
    if (isEntryAnswered) acc.entries += 1;
    isAnswered ||= isEntryAnswered;
  }
  if (isAnswered) acc.n += 1;
}

/** The value at `path` inside an answer, reading own keys only. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isJsonObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

// Borda count: with k items rankable, rank 1 earns k points, rank k earns 1.
function addRanking(acc: Extract<Accumulator, { kind: "ranking" }>, question: QuestionShape, value: unknown): void {
  if (!Array.isArray(value)) return;
  // Items loaded when the form runs are not known in advance: the base is what was ranked.
  const base = question.openChoices ? Math.max(question.maxRanked ?? 0, value.length) : (question.maxRanked ?? question.choices.length);
  const known = knownValues(question);
  const isRanked = (item: string) => known.has(item) || (question.openChoices === true && isObservable(acc.items, item));
  const ranked = [...new Set(value.filter(isScalar).map(String))].filter(isRanked).slice(0, base);
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

function addNumber(acc: NumericAccumulator, value: unknown): void {
  if (typeof value !== "number" || !Number.isFinite(value)) return;
  acc.n += 1;
  acc.sum += value;
  acc.min = Math.min(acc.min, value);
  acc.max = Math.max(acc.max, value);
  addToDistribution(acc.distribution, value);
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

// Figures of one question asked as two kinds (a questionnaire version changed its type) cannot
// be added. Analytics keep the current version's kind (see `summaryOfPacked`); anywhere else,
// the kind that comes first here is kept, whichever was merged into which, so merges stay
// order-independent: the result is the sum of every accumulator of that kind.
const KIND_KEPT_FIRST: readonly Accumulator["kind"][] = ["group", "matrix", "ranking", "counts", "values", "numeric", "text"];

function keptOfKinds(a: Accumulator, b: Accumulator): Accumulator {
  return KIND_KEPT_FIRST.indexOf(a.kind) <= KIND_KEPT_FIRST.indexOf(b.kind) ? a : b;
}

/** Combines two accumulators of the same question into the figures of both sets of respondents. */
export function mergeAccumulators(a: Accumulator, b: Accumulator): Accumulator {
  if (a.kind !== b.kind) return cloneAccumulator(keptOfKinds(a, b));
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
    case "numeric":
      return mergeNumbers(a, b as typeof a);
    case "matrix": {
      const other = b as typeof a;
      const cells: Record<string, Record<string, number>> = {};
      for (const row of unionKeys(a.cells, other.cells)) cells[row] = addRecords(a.cells[row] ?? {}, other.cells[row] ?? {});
      return { kind: "matrix", n: a.n + other.n, cells };
    }
    case "text":
      return { kind: "text", n: a.n + b.n };
    case "values": {
      const other = b as typeof a;
      return { kind: "values", n: a.n + other.n, numbers: mergeNumbers(a.numbers, other.numbers), counts: addRecords(a.counts, other.counts) };
    }
    case "group": {
      const other = b as typeof a;
      const parts: Record<string, Accumulator> = {};
      for (const key of unionKeys(a.parts, other.parts)) {
        const x = a.parts[key];
        const y = other.parts[key];
        parts[key] = x && y ? mergeAccumulators(x, y) : structuredClone((x ?? y) as Accumulator);
      }
      return { kind: "group", n: a.n + other.n, entries: a.entries + other.entries, parts };
    }
  }
}

/**
 * Adds `source`'s figures into `target`, in place: the merge of many accumulators (the cells of
 * the summary cube) without a new object at every step. `source` is left untouched and never
 * shared with `target`.
 */
export function mergeAccumulatorInto(target: Accumulator, source: Accumulator): void {
  if (target.kind !== source.kind) {
    if (keptOfKinds(target, source) === target) return;
    for (const key of Object.keys(target)) delete (target as Partial<Record<string, unknown>>)[key];
    Object.assign(target, cloneAccumulator(source));
    return;
  }
  target.n += source.n;
  switch (target.kind) {
    case "counts":
      return addRecordInto(target.counts, (source as typeof target).counts);
    case "ranking": {
      const items = (source as typeof target).items;
      for (const key of Object.keys(items)) {
        const from = items[key] as RankedItem;
        const into = (target.items[key] ??= emptyRankedItem());
        into.ranked += from.ranked;
        into.rankSum += from.rankSum;
        into.first += from.first;
        into.score += from.score;
      }
      return;
    }
    case "numeric":
      return mergeNumbersInto(target, source as typeof target);
    case "matrix": {
      const cells = (source as typeof target).cells;
      for (const row of Object.keys(cells)) addRecordInto((target.cells[row] ??= {}), cells[row] as Record<string, number>);
      return;
    }
    case "text":
      return;
    case "values": {
      const other = source as typeof target;
      target.numbers.n += other.numbers.n;
      mergeNumbersInto(target.numbers, other.numbers);
      return addRecordInto(target.counts, other.counts);
    }
    case "group": {
      const other = source as typeof target;
      target.entries += other.entries;
      for (const key of Object.keys(other.parts)) {
        const part = other.parts[key] as Accumulator;
        const into = target.parts[key];
        if (into) mergeAccumulatorInto(into, part);
        else target.parts[key] = cloneAccumulator(part);
      }
      return;
    }
  }
}

/** A deep copy of an accumulator (faster than structuredClone on these plain shapes). */
export function cloneAccumulator(acc: Accumulator): Accumulator {
  switch (acc.kind) {
    case "counts":
      return { kind: "counts", n: acc.n, counts: { ...acc.counts } };
    case "ranking":
      return { kind: "ranking", n: acc.n, items: Object.fromEntries(Object.entries(acc.items).map(([key, item]) => [key, { ...item }])) };
    case "numeric":
      return { ...acc, distribution: cloneDistribution(acc.distribution) };
    case "matrix":
      return { kind: "matrix", n: acc.n, cells: Object.fromEntries(Object.entries(acc.cells).map(([row, cells]) => [row, { ...cells }])) };
    case "text":
      return { kind: "text", n: acc.n };
    case "values":
      return { kind: "values", n: acc.n, numbers: { ...acc.numbers, distribution: cloneDistribution(acc.numbers.distribution) }, counts: { ...acc.counts } };
    case "group":
      return {
        kind: "group",
        n: acc.n,
        entries: acc.entries,
        parts: Object.fromEntries(Object.entries(acc.parts).map(([key, part]) => [key, cloneAccumulator(part)])),
      };
  }
}

// All but the count, which the caller adds.
function mergeNumbersInto(target: NumericAccumulator, source: NumericAccumulator): void {
  target.sum += source.sum;
  target.min = Math.min(target.min, source.min);
  target.max = Math.max(target.max, source.max);
  target.distribution = withPiece(target.distribution, source.distribution);
}

function addRecordInto(target: Record<string, number>, source: Record<string, number>): void {
  for (const key of Object.keys(source)) target[key] = (target[key] ?? 0) + (source[key] as number);
}

function mergeNumbers(a: NumericAccumulator, b: NumericAccumulator): NumericAccumulator {
  return {
    kind: "numeric",
    n: a.n + b.n,
    sum: a.sum + b.sum,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    distribution: mergeDistributions([a.distribution, b.distribution]),
  };
}

export interface NumericFigures {
  n: number;
  mean: number | null;
  median: number | null;
  /**
   * False when the median was read from a distribution counted by bucket (more distinct values
   * than are kept exactly): it is then within 1 % of the true median (`RELATIVE_ACCURACY`).
   */
  isMedianExact: boolean;
  min: number | null;
  max: number | null;
}

export function describeNumbers(acc: NumericAccumulator): NumericFigures {
  const middle = medianOf(acc.distribution);
  if (acc.n === 0 || !middle) return { n: acc.n, mean: null, median: null, isMedianExact: true, min: null, max: null };
  // A bucket's representative may lie just outside the extremes, which are exact.
  const median = Math.min(acc.max, Math.max(acc.min, middle.median));
  return { n: acc.n, mean: acc.sum / acc.n, median, isMedianExact: middle.isExact, min: acc.min, max: acc.max };
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
