/**
 * The numbers a question was answered with, kept for its median in bounded memory. While they
 * hold at most `MAX_EXACT_VALUES` distinct values, each value is kept with its count, and the
 * median is exact. Beyond, values are counted by logarithmic bucket, as DDSketch does: every
 * value lies within `RELATIVE_ACCURACY` of its bucket's representative, so the median read from
 * the buckets is within that share of the true one, in as many buckets as the values span
 * orders of magnitude (about 115 per factor of ten), however many responses there are.
 *
 * The form a distribution takes, and what it holds, depend only on the numbers in it: not on
 * the order they came in, nor on how partial distributions were merged. So a merge of the
 * summary cube's cells, or of worker threads' slices, gives exactly the distribution a fold of
 * the same responses gives.
 */
export interface NumberDistribution {
  /** "exact": the keys are the values; "buckets": the keys are bucket keys (see `bucketKeyOf`). */
  form: "exact" | "buckets";
  /** Ascending, distinct. */
  keys: number[];
  /** How many numbers each key stands for. */
  counts: number[];
}

/** A distribution only read: a cell's, whose numbers may sit in the bytes a store returned. */
export interface ReadonlyDistribution {
  readonly form: NumberDistribution["form"];
  readonly keys: ArrayLike<number>;
  readonly counts: ArrayLike<number>;
}

/** Distinct values kept exactly; beyond, the distribution is counted by bucket. */
export const MAX_EXACT_VALUES = 1024;

/** The largest relative distance between a value and its bucket's representative. */
export const RELATIVE_ACCURACY = 0.01;

const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
// Bucket indexes of finite doubles run from about -37,300 (the smallest subnormal) to 35,500
// (the largest double): offset by more, positive values' keys are positive, negative values'
// negative, zero's zero, and keys sort as their values do.
const INDEX_OFFSET = 50_000;

export function emptyDistribution(): NumberDistribution {
  return { form: "exact", keys: [], counts: [] };
}

// A value's key in a distribution of the form: itself (-0 as 0, one value), or its bucket's.
function keyOf(form: NumberDistribution["form"], value: number): number {
  return form === "exact" ? value + 0 : bucketKeyOf(value);
}

/** The bucket a value falls in, as a key that sorts as the values do. */
export function bucketKeyOf(value: number): number {
  if (value === 0) return 0;
  const index = Math.ceil(Math.log(Math.abs(value)) / LOG_GAMMA) + INDEX_OFFSET;
  return value > 0 ? index : -index;
}

/** The value a bucket stands for: within `RELATIVE_ACCURACY` of every value in it. */
export function bucketValueOf(key: number): number {
  if (key === 0) return 0;
  const magnitude = (2 * Math.pow(GAMMA, Math.abs(key) - INDEX_OFFSET)) / (GAMMA + 1);
  return key > 0 ? magnitude : -magnitude;
}

/** The number of numbers a distribution holds. */
export function distributionSize(distribution: ReadonlyDistribution): number {
  let total = 0;
  for (let index = 0; index < distribution.counts.length; index += 1) total += distribution.counts[index] as number;
  return total;
}

/**
 * Adds one number, in place: for an accumulator taking answers one at a time (the fold of a
 * few responses). Many numbers at once go through a `DistributionBuilder`.
 */
export function addToDistribution(distribution: NumberDistribution, value: number): void {
  const key = keyOf(distribution.form, value);
  const { keys, counts } = distribution;
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((keys[middle] as number) < key) low = middle + 1;
    else high = middle;
  }
  if (keys[low] === key) {
    counts[low] = (counts[low] as number) + 1;
    return;
  }
  keys.splice(low, 0, key);
  counts.splice(low, 0, 1);
  if (distribution.form === "exact" && keys.length > MAX_EXACT_VALUES) Object.assign(distribution, toBuckets(distribution));
}

/** The distribution of all the numbers of several: new arrays, the pieces left untouched. */
export function mergeDistributions(pieces: Iterable<ReadonlyDistribution>): NumberDistribution {
  const builder = new DistributionBuilder();
  for (const piece of pieces) builder.addDistribution(piece);
  return builder.settle();
}

/**
 * The distribution of several, merged only when first read: merging cells or summaries never
 * pays for a median no view asks for. Its fields are own properties (getters and setters), so
 * JSON and structured clones read it as a plain distribution, and it can be changed in place
 * like one. The pieces must not change until then (cells' pieces never do).
 */
export function lazilyMergedDistribution(pieces: readonly ReadonlyDistribution[]): NumberDistribution {
  // A piece not merged yet itself lends its own pieces: merges in place one after another (a
  // view of thousands of cells) make a chain, which read from the end would nest as deep.
  const flat = pieces.flatMap((piece) => pendingPieces.get(piece) ?? [piece]);
  let merged: NumberDistribution | undefined;
  const lazy = {} as NumberDistribution;
  const read = (): NumberDistribution => {
    if (!merged) {
      merged = mergeDistributions(flat);
      pendingPieces.delete(lazy);
    }
    return merged;
  };
  for (const field of ["form", "keys", "counts"] as const) {
    Object.defineProperty(lazy, field, {
      enumerable: true,
      configurable: true,
      get: () => read()[field],
      set: (next: never) => (read()[field] = next),
    });
  }
  pendingPieces.set(lazy, flat);
  return lazy;
}

// The pieces of each lazily merged distribution until it is read (then it may change in place).
const pendingPieces = new WeakMap<ReadonlyDistribution, ReadonlyDistribution[]>();

/**
 * `distribution` with the numbers of `piece` too, merged when read: the same distribution,
 * one piece longer, while it has not been read (an accumulator merged into again and again
 * costs one step a merge, not a copy of every piece so far), else a new lazy merge of both.
 */
export function withPiece(distribution: NumberDistribution, piece: ReadonlyDistribution): NumberDistribution {
  const pending = pendingPieces.get(distribution);
  if (!pending) return lazilyMergedDistribution([distribution, piece]);
  const more = pendingPieces.get(piece);
  if (more) for (const each of more) pending.push(each);
  else pending.push(piece);
  return distribution;
}

/**
 * A distribution being built from many numbers: counts by key (exact values, then buckets once
 * more than `MAX_EXACT_VALUES` are distinct), sorted once at the end. Integer keys (bucket
 * keys, and exact values such as a rating's or a count's) are counted in a dense window, at
 * most `MAX_DENSE_KEYS` wide, around the first ones seen: a count is then an index, not a
 * hash lookup (a fold from scratch adds every number of every response). Other keys, and the
 * rare ones outside the window, are counted in a map.
 */
export class DistributionBuilder {
  private counts = new Map<number, number>();
  private dense: Float64Array | undefined;
  private denseFrom = 0;
  // Keys counted in the window: with the map's, the number of distinct keys.
  private denseKeys = 0;

  /** "buckets" from the start: for numbers already known to be too many distinct ones. */
  constructor(private form: NumberDistribution["form"] = "exact") {}

  add(value: number, count = 1): void {
    this.count(this.form === "buckets" ? bucketKeyOf(value) : value + 0, count);
  }

  addDistribution(piece: ReadonlyDistribution): void {
    if (piece.form === "buckets" && this.form === "exact") this.switchToBuckets();
    const { keys, counts } = piece;
    // Keys of the same form are counted as they are; exact values go into their buckets (this
    // builder may turn to buckets on the way).
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as number;
      this.count(piece.form === this.form ? key : bucketKeyOf(key), counts[index] as number);
    }
  }

  /** The numbers of another builder too, taken as they are counted there: no sorted copy made. */
  addBuilder(other: DistributionBuilder): void {
    if (other.form === "buckets" && this.form === "exact") this.switchToBuckets();
    const take = (key: number, count: number) => this.count(other.form === this.form ? key : bucketKeyOf(key), count);
    const dense = other.dense;
    if (dense && other.denseKeys > 0) {
      for (let index = 0; index < dense.length; index += 1) if (dense[index] !== 0) take(other.denseFrom + index, dense[index] as number);
    }
    other.counts.forEach((count, key) => take(key, count));
  }

  get isEmpty(): boolean {
    return this.counts.size === 0 && this.denseKeys === 0;
  }

  settle(): NumberDistribution {
    const keys: number[] = [];
    const counts: number[] = [];
    const dense = this.dense;
    if (dense && this.denseKeys > 0) {
      for (let index = 0; index < dense.length; index += 1) {
        if (dense[index] === 0) continue;
        keys.push(this.denseFrom + index);
        counts.push(dense[index] as number);
      }
    }
    if (this.counts.size === 0) return { form: this.form, keys, counts };
    // The map's keys among the window's.
    const entries = [...this.counts].concat(keys.map((key, index) => [key, counts[index] as number]));
    entries.sort((a, b) => a[0] - b[0]);
    return { form: this.form, keys: entries.map((entry) => entry[0]), counts: entries.map((entry) => entry[1]) };
  }

  private count(key: number, count: number): void {
    if (!this.countDensely(key, count)) this.counts.set(key, (this.counts.get(key) ?? 0) + count);
    if (this.form === "exact" && this.counts.size + this.denseKeys > MAX_EXACT_VALUES) this.switchToBuckets();
  }

  // False for a key the window does not take: not an integer, too far from the others, or too
  // large for the window's arithmetic (its keys as `denseFrom + index`) to stay exact.
  private countDensely(key: number, count: number): boolean {
    if (!Number.isInteger(key) || Math.abs(key) > MAX_DENSE_MAGNITUDE) return false;
    let dense = this.dense;
    if (dense === undefined) {
      this.denseFrom = key - FIRST_DENSE_KEYS / 2;
      dense = this.dense = new Float64Array(FIRST_DENSE_KEYS);
    }
    let index = key - this.denseFrom;
    if (index < 0 || index >= dense.length) {
      if (!this.widenTo(key)) return false;
      dense = this.dense as Float64Array;
      index = key - this.denseFrom;
    }
    if (dense[index] === 0) this.denseKeys += 1;
    dense[index] = (dense[index] as number) + count;
    return true;
  }

  // Widens the window to take `key`, twice as wide at least; false if it would grow too wide.
  private widenTo(key: number): boolean {
    const dense = this.dense as Float64Array;
    const from = Math.min(this.denseFrom, key);
    const to = Math.max(this.denseFrom + dense.length, key + 1);
    if (to - from > MAX_DENSE_KEYS) return false;
    const length = Math.min(MAX_DENSE_KEYS, Math.max(to - from, 2 * dense.length));
    // Grown towards the key, where more are likely to come.
    const newFrom = key < this.denseFrom ? to - length : from;
    const wider = new Float64Array(length);
    wider.set(dense, this.denseFrom - newFrom);
    this.dense = wider;
    this.denseFrom = newFrom;
    return true;
  }

  private switchToBuckets(): void {
    const { counts, dense, denseFrom, denseKeys } = this;
    this.form = "buckets";
    this.counts = new Map();
    this.dense = undefined;
    this.denseKeys = 0;
    if (dense && denseKeys > 0) {
      for (let index = 0; index < dense.length; index += 1) if (dense[index] !== 0) this.count(bucketKeyOf(denseFrom + index), dense[index] as number);
    }
    counts.forEach((count, value) => this.count(bucketKeyOf(value), count));
  }
}

// The window of integer keys counted densely: wide enough for numbers spanning a factor of ten
// thousand in buckets (about 115 per factor of ten), or for the values of any rating scale,
// narrow enough (4 KB) for the thousands of builders a fold of many groups holds.
const FIRST_DENSE_KEYS = 64;
const MAX_DENSE_KEYS = 512;
// Far enough below 2 ** 53 that every key of a window around it is a safe integer.
const MAX_DENSE_MAGNITUDE = 2 ** 52;

function toBuckets(distribution: ReadonlyDistribution): NumberDistribution {
  const builder = new DistributionBuilder("buckets");
  builder.addDistribution(distribution);
  return builder.settle();
}

/** A distribution's median, and whether it is exact or read from buckets (then within `RELATIVE_ACCURACY`). */
export function medianOf(distribution: ReadonlyDistribution): { median: number; isExact: boolean } | undefined {
  const total = distributionSize(distribution);
  if (total === 0) return undefined;
  // The middle value, or the mean of the two middle ones, as a sorted list of every number gives.
  const lower = valueAtRank(distribution, Math.floor((total - 1) / 2));
  const upper = total % 2 === 1 ? lower : valueAtRank(distribution, total / 2);
  return { median: total % 2 === 1 ? lower : (lower + upper) / 2, isExact: distribution.form === "exact" };
}

// The number at a 0-based rank of the sorted numbers.
function valueAtRank(distribution: ReadonlyDistribution, rank: number): number {
  let seen = 0;
  for (let index = 0; index < distribution.keys.length; index += 1) {
    seen += distribution.counts[index] as number;
    if (seen > rank) {
      const key = distribution.keys[index] as number;
      return distribution.form === "exact" ? key : bucketValueOf(key);
    }
  }
  throw new Error(`rank ${rank} is beyond the distribution's ${seen} numbers`);
}

/** A copy with arrays of its own. */
export function cloneDistribution(distribution: ReadonlyDistribution): NumberDistribution {
  return { form: distribution.form, keys: Array.from(distribution.keys), counts: Array.from(distribution.counts) };
}
