import { cloneAccumulator, createAccumulator, mergeAccumulatorInto, type Accumulator, type NumericAccumulator } from "./accumulators";
import { cloneDistribution, emptyDistribution, lazilyMergedDistribution, type ReadonlyDistribution } from "./number-distribution";
import type { GroupSummary } from "./fold";
import type { QuestionnaireShape } from "./questionnaire-shape";

/**
 * Where each figure of one questionnaire version sits in a flat vector of numbers: compiled
 * once per version from the accumulators `createAccumulator` makes for its questions. A group's
 * figures packed this way merge by adding vectors (a min or a max where the figure is one),
 * with no object built or key looked up, which is what lets a dashboard merge hundreds of
 * cells of the summary cube in a few milliseconds.
 */
export interface CellLayout {
  questions: [name: string, plan: SlotPlan][];
  /** Length of the vector. */
  size: number;
  /** How each slot merges. */
  ops: Uint8Array;
  /** The slots that merge by adding, taking the least, taking the greatest. */
  sums: Int32Array;
  mins: Int32Array;
  maxes: Int32Array;
  /** Number of distributions of numbers (one per numeric accumulator: what medians are read from). */
  distributions: number;
}

/** Where one accumulator's figures start in the vector, and what follows. */
export type SlotPlan =
  | { kind: "counts"; at: number; keys: Map<string, number> }
  | { kind: "ranking"; at: number; keys: Map<string, number> }
  | { kind: "numeric"; at: number; distribution: number }
  | { kind: "matrix"; at: number; rows: Map<string, number>; columns: Map<string, number> }
  | { kind: "text"; at: number }
  | { kind: "values"; at: number; distribution: number }
  | { kind: "group"; at: number; parts: [name: string, plan: SlotPlan][] };

const ADD = 0;
const MIN = 1;
const MAX = 2;

// Figures per ranked item: times ranked, sum of ranks, first places, Borda score.
export const RANKED_FIGURES = 4;

/**
 * A group's figures packed against a layout: the vector, the distributions of numbers (in
 * pieces, one per cell merged, so a merge appends references instead of merging them: most
 * views never read a median), and what the layout has no slot for (a value
 * observed among runtime choices, an answer to a question of another kind), kept as
 * accumulators.
 */
export interface PackedFigures {
  respondents: number;
  vector: Float64Array;
  distributions: ReadonlyDistribution[][];
  residual: Record<string, Accumulator>;
}

class LayoutBuilder {
  size = 0;
  distributions = 0;
  readonly ops: number[] = [];

  take(count: number, op = ADD): number {
    const at = this.size;
    for (let index = 0; index < count; index += 1) this.ops.push(op);
    this.size += count;
    return at;
  }

  plan(template: Accumulator): SlotPlan {
    switch (template.kind) {
      case "counts": {
        const keys = indexOf(Object.keys(template.counts));
        return { kind: "counts", at: this.take(1 + keys.size), keys };
      }
      case "ranking": {
        const keys = indexOf(Object.keys(template.items));
        return { kind: "ranking", at: this.take(1 + RANKED_FIGURES * keys.size), keys };
      }
      case "numeric":
        return { kind: "numeric", at: this.numbers(1), distribution: this.distributions++ };
      case "matrix": {
        const rowNames = Object.keys(template.cells);
        const rows = indexOf(rowNames);
        const columns = indexOf(Object.keys(template.cells[rowNames[0] ?? ""] ?? {}));
        return { kind: "matrix", at: this.take(1 + rows.size * columns.size), rows, columns };
      }
      case "text":
        return { kind: "text", at: this.take(1) };
      case "values":
        // n, then the numbers' n, sum, min, max; the words observed are residual.
        return { kind: "values", at: this.numbers(2), distribution: this.distributions++ };
      case "group": {
        const at = this.take(2);
        return { kind: "group", at, parts: Object.entries(template.parts).map(([name, part]) => [name, this.plan(part)]) };
      }
    }
  }

  // Counts, then sum, min and max.
  private numbers(counts: number): number {
    const at = this.take(counts + 1);
    this.take(1, MIN);
    this.take(1, MAX);
    return at;
  }
}

function indexOf(keys: string[]): Map<string, number> {
  return new Map(keys.map((key, index) => [key, index]));
}

/** The layout of a questionnaire version's figures. */
export function compileLayout(shape: QuestionnaireShape): CellLayout {
  const builder = new LayoutBuilder();
  const questions = shape.questions.map((question): [string, SlotPlan] => [question.name, builder.plan(createAccumulator(question))]);
  const slotsWith = (op: number) => Int32Array.from(builder.ops.flatMap((slot, index) => (slot === op ? [index] : [])));
  return {
    questions,
    size: builder.size,
    ops: Uint8Array.from(builder.ops),
    sums: slotsWith(ADD),
    mins: slotsWith(MIN),
    maxes: slotsWith(MAX),
    distributions: builder.distributions,
  };
}

/** Empty figures for a layout: what a group with no respondent packs to. */
export function emptyFigures(layout: CellLayout): PackedFigures {
  const vector = new Float64Array(layout.size);
  layout.ops.forEach((op, index) => {
    if (op === MIN) vector[index] = Infinity;
    else if (op === MAX) vector[index] = -Infinity;
  });
  return { respondents: 0, vector, distributions: Array.from({ length: layout.distributions }, () => []), residual: {} };
}

/** A group's figures packed against a layout (its respondents' version's). */
export function packGroup(group: GroupSummary, layout: CellLayout): PackedFigures {
  const packed = emptyFigures(layout);
  packed.respondents = group.respondents;
  const planned = new Set<string>();
  for (const [name, plan] of layout.questions) {
    planned.add(name);
    const acc = group.questions[name];
    if (!acc) continue;
    const rest = pack(acc, plan, packed);
    if (rest) packed.residual[name] = rest;
  }
  for (const [name, acc] of Object.entries(group.questions)) {
    if (!planned.has(name)) packed.residual[name] = cloneAccumulator(acc);
  }
  return packed;
}

// Writes the accumulator's figures into the packed vector and distributions; returns what has no slot.
function pack(acc: Accumulator, plan: SlotPlan, packed: PackedFigures): Accumulator | undefined {
  if (acc.kind !== plan.kind) return cloneAccumulator(acc);
  const { vector } = packed;
  vector[plan.at] = acc.n;
  switch (acc.kind) {
    case "counts": {
      const rest = packRecord(acc.counts, (plan as Extract<SlotPlan, { kind: "counts" }>).keys, vector, plan.at + 1);
      return rest ? { kind: "counts", n: 0, counts: rest } : undefined;
    }
    case "ranking": {
      const { keys } = plan as Extract<SlotPlan, { kind: "ranking" }>;
      const rest: typeof acc.items = {};
      let hasRest = false;
      for (const [key, item] of Object.entries(acc.items)) {
        const index = keys.get(key);
        if (index === undefined) {
          rest[key] = { ...item };
          hasRest = true;
          continue;
        }
        const at = plan.at + 1 + RANKED_FIGURES * index;
        vector[at] = item.ranked;
        vector[at + 1] = item.rankSum;
        vector[at + 2] = item.first;
        vector[at + 3] = item.score;
      }
      return hasRest ? { kind: "ranking", n: 0, items: rest } : undefined;
    }
    case "numeric":
      packNumbers(acc, plan.at + 1, (plan as Extract<SlotPlan, { kind: "numeric" }>).distribution, packed);
      return undefined;
    case "matrix": {
      const { rows, columns } = plan as Extract<SlotPlan, { kind: "matrix" }>;
      const rest: Record<string, Record<string, number>> = {};
      let hasRest = false;
      for (const [row, cells] of Object.entries(acc.cells)) {
        const rowIndex = rows.get(row);
        const rowRest = rowIndex === undefined ? { ...cells } : packRecord(cells, columns, vector, plan.at + 1 + rowIndex * columns.size);
        if (rowRest) {
          rest[row] = rowRest;
          hasRest = true;
        }
      }
      return hasRest ? { kind: "matrix", n: 0, cells: rest } : undefined;
    }
    case "text":
      return undefined;
    case "values":
      vector[plan.at + 1] = acc.numbers.n;
      packNumbers(acc.numbers, plan.at + 2, (plan as Extract<SlotPlan, { kind: "values" }>).distribution, packed);
      return Object.keys(acc.counts).length > 0 ? { kind: "values", n: 0, numbers: emptyNumbers(), counts: { ...acc.counts } } : undefined;
    case "group": {
      vector[plan.at + 1] = acc.entries;
      const parts = (plan as Extract<SlotPlan, { kind: "group" }>).parts;
      const rest: Record<string, Accumulator> = {};
      const planned = new Set<string>();
      for (const [name, partPlan] of parts) {
        planned.add(name);
        const part = acc.parts[name];
        const partRest = part ? pack(part, partPlan, packed) : undefined;
        if (partRest) rest[name] = partRest;
      }
      for (const [name, part] of Object.entries(acc.parts)) if (!planned.has(name)) rest[name] = cloneAccumulator(part);
      return Object.keys(rest).length > 0 ? { kind: "group", n: 0, entries: 0, parts: rest } : undefined;
    }
  }
}

function packRecord(record: Record<string, number>, keys: Map<string, number>, vector: Float64Array, at: number): Record<string, number> | undefined {
  let rest: Record<string, number> | undefined;
  for (const [key, value] of Object.entries(record)) {
    const index = keys.get(key);
    if (index === undefined) (rest ??= {})[key] = value;
    else vector[at + index] = value;
  }
  return rest;
}

// sum, min, max from `at`; the distribution as its one piece.
function packNumbers(acc: NumericAccumulator, at: number, distribution: number, packed: PackedFigures): void {
  packed.vector[at] = acc.sum;
  packed.vector[at + 1] = acc.min;
  packed.vector[at + 2] = acc.max;
  packed.distributions[distribution] = acc.distribution.keys.length > 0 ? [cloneDistribution(acc.distribution)] : [];
}

/** Adds `source`'s figures into `target`, in place; pieces of distributions are shared, never written. */
export function addFiguresInto(target: PackedFigures, source: PackedFigures, layout: CellLayout): void {
  const into = target.vector;
  const from = source.vector;
  if (from.length !== into.length) throw new Error(`packed figures of ${from.length} slots do not fit a layout of ${into.length}`);
  // Typed arrays and index lists, no branch per slot: this loop is the dashboard's hot path.
  const { sums, mins, maxes } = layout;
  for (let index = 0; index < sums.length; index += 1) {
    const slot = sums[index] as number;
    into[slot] = (into[slot] as number) + (from[slot] as number);
  }
  for (let index = 0; index < mins.length; index += 1) {
    const slot = mins[index] as number;
    into[slot] = Math.min(into[slot] as number, from[slot] as number);
  }
  for (let index = 0; index < maxes.length; index += 1) {
    const slot = maxes[index] as number;
    into[slot] = Math.max(into[slot] as number, from[slot] as number);
  }
  target.respondents += source.respondents;
  source.distributions.forEach((pieces, distribution) => {
    for (const piece of pieces) (target.distributions[distribution] as ReadonlyDistribution[]).push(piece);
  });
  for (const [name, acc] of Object.entries(source.residual)) {
    const rest = target.residual[name];
    if (rest && rest.kind === acc.kind) mergeAccumulatorInto(rest, acc);
    else target.residual[name] = cloneAccumulator(acc);
  }
}

/**
 * The group back as accumulators: every question of the layout, with the zeros
 * `createAccumulator` gives, and the residual merged in. A numeric accumulator's distribution is
 * merged from its pieces only when read (for a median): most views never read it.
 */
export function unpackGroup(packed: PackedFigures, layout: CellLayout): GroupSummary {
  const questions: Record<string, Accumulator> = {};
  for (const name of questionNamesOf(packed, layout)) questions[name] = unpackQuestion(packed, layout, name) as Accumulator;
  return { respondents: packed.respondents, questions };
}

/** The names of the questions packed figures hold: the layout's, then any only the residual has. */
export function questionNamesOf(packed: PackedFigures, layout: CellLayout): string[] {
  const names = layout.questions.map(([name]) => name);
  for (const name of Object.keys(packed.residual)) if (!plansOf(layout).has(name)) names.push(name);
  return names;
}

/**
 * One question's accumulator, as `unpackGroup` gives it: from its slots, with the residual
 * merged in (or in its place, when the residual is of another kind). Undefined when the
 * figures hold nothing of it.
 */
export function unpackQuestion(packed: PackedFigures, layout: CellLayout, name: string): Accumulator | undefined {
  const plan = plansOf(layout).get(name);
  const rest = Object.hasOwn(packed.residual, name) ? packed.residual[name] : undefined;
  if (!plan) return rest && cloneAccumulator(rest);
  const acc = unpack(plan, packed);
  if (!rest) return acc;
  if (acc.kind !== rest.kind) return cloneAccumulator(rest);
  mergeAccumulatorInto(acc, rest);
  return acc;
}

const planIndexes = new WeakMap<CellLayout, Map<string, SlotPlan>>();

function plansOf(layout: CellLayout): Map<string, SlotPlan> {
  let plans = planIndexes.get(layout);
  if (!plans) {
    plans = new Map(layout.questions);
    planIndexes.set(layout, plans);
  }
  return plans;
}

function unpack(plan: SlotPlan, packed: PackedFigures): Accumulator {
  const { vector } = packed;
  const n = vector[plan.at] as number;
  switch (plan.kind) {
    case "counts":
      return { kind: "counts", n, counts: unpackRecord(plan.keys, vector, plan.at + 1) };
    case "ranking": {
      const items: Extract<Accumulator, { kind: "ranking" }>["items"] = {};
      for (const [key, index] of plan.keys) {
        const at = plan.at + 1 + RANKED_FIGURES * index;
        items[key] = { ranked: vector[at] as number, rankSum: vector[at + 1] as number, first: vector[at + 2] as number, score: vector[at + 3] as number };
      }
      return { kind: "ranking", n, items };
    }
    case "numeric":
      return unpackNumbers(n, plan.at + 1, plan.distribution, packed);
    case "matrix": {
      const cells: Record<string, Record<string, number>> = {};
      for (const [row, index] of plan.rows) cells[row] = unpackRecord(plan.columns, vector, plan.at + 1 + index * plan.columns.size);
      return { kind: "matrix", n, cells };
    }
    case "text":
      return { kind: "text", n };
    case "values":
      return { kind: "values", n, numbers: unpackNumbers(vector[plan.at + 1] as number, plan.at + 2, plan.distribution, packed), counts: {} };
    case "group":
      return {
        kind: "group",
        n,
        entries: vector[plan.at + 1] as number,
        parts: Object.fromEntries(plan.parts.map(([name, part]) => [name, unpack(part, packed)])),
      };
  }
}

function unpackRecord(keys: Map<string, number>, vector: Float64Array, at: number): Record<string, number> {
  const record: Record<string, number> = {};
  for (const [key, index] of keys) record[key] = vector[at + index] as number;
  return record;
}

function unpackNumbers(n: number, at: number, distribution: number, packed: PackedFigures): NumericAccumulator {
  const pieces = packed.distributions[distribution] ?? [];
  return {
    kind: "numeric",
    n,
    sum: packed.vector[at] as number,
    min: packed.vector[at + 1] as number,
    max: packed.vector[at + 2] as number,
    distribution: lazilyMergedDistribution(pieces),
  };
}

function emptyNumbers(): NumericAccumulator {
  return { kind: "numeric", n: 0, sum: 0, min: Infinity, max: -Infinity, distribution: emptyDistribution() };
}
