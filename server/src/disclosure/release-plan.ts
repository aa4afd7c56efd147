/**
 * Which groups of respondents a viewer may see the figures of: primary suppression of every
 * group smaller than the minimum, then complementary suppression until no withheld group, and
 * no set of fewer than the minimum respondents that share every dimension, can be computed by
 * adding and subtracting released groups. See "Disclosure control" in docs/architecture.md.
 *
 * The groups a viewer can reach are the whole and one value of one dimension (a governorate,
 * a kind, a month…): every figure of a group is a sum over its respondents, so the attacker's
 * knowledge is the row space of the released groups' indicators over the "atoms" (respondents
 * sharing every dimension's value), which the attacker is assumed to know. A group is safe when
 * its indicator is outside that space; checked exactly, in arithmetic modulo a prime.
 */

/** Respondents sharing one value of every dimension ("" when a respondent has none). */
export interface Atom {
  values: readonly string[];
  respondents: number;
}

/** A group a viewer can ask for: everyone (`dimension` undefined), or one value of one dimension. */
export interface GroupRef {
  dimension?: string;
  value?: string;
}

export interface ReleasePlan {
  /** Whether the group's figures may be shown; an empty group is always (it reveals nobody). */
  isReleased(group: GroupRef): boolean;
  /** How many respondents the group has (for the caller's own use; shown only when released). */
  respondents(group: GroupRef): number;
}

interface Group {
  key: string;
  respondents: number;
  /** Indexes of the atoms in the group. */
  atoms: number[];
}

/**
 * The release plan of one state of the data. Deterministic: the same data gives the same plan,
 * whatever was asked before, so that nothing can be learnt from the order of requests.
 */
export function planRelease(options: {
  /** The dimensions, in the order of the atoms' values. */
  dimensions: readonly string[];
  atoms: readonly Atom[];
  minGroupSize: number;
}): ReleasePlan {
  const { dimensions, atoms, minGroupSize } = options;
  const groups = new Map<string, Group>();
  const groupOf = (key: string) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, respondents: 0, atoms: [] }));
    return group;
  };
  atoms.forEach((atom, index) => {
    for (const key of [WHOLE, ...dimensions.map((dimension, d) => keyOf(dimension, atom.values[d] ?? ""))]) {
      const group = groupOf(key);
      group.respondents += atom.respondents;
      group.atoms.push(index);
    }
  });
  const withheld = new Set([...groups.values()].filter((group) => group.respondents < minGroupSize).map((group) => group.key));
  // Targets: every withheld group and every atom too small to show, as atom sets.
  const smallAtoms = atoms.flatMap((atom, index) => (atom.respondents < minGroupSize ? [[index]] : []));
  for (;;) {
    const released = [...groups.values()].filter((group) => !withheld.has(group.key)).sort(byKey);
    const basis = new ModularBasis(atoms.length, released.length);
    released.forEach((group, index) => basis.add(indicator(atoms.length, group.atoms), index));
    const targets = [...[...withheld].map((key) => (groups.get(key) as Group).atoms), ...smallAtoms];
    const more = new Set<string>();
    for (const target of targets) {
      const used = basis.combination(indicator(atoms.length, target));
      if (!used) continue;
      // Withhold the released group the recovery needs that shows least: the smallest.
      const candidates = used.map((index) => released[index] as Group).sort((a, b) => rankForWithholding(a) - rankForWithholding(b) || byKey(a, b));
      const chosen = candidates[0];
      if (chosen) more.add(chosen.key);
    }
    if (more.size === 0) break;
    for (const key of more) withheld.add(key);
  }
  return {
    isReleased: (group) => {
      const found = groups.get(refKey(group));
      return !found || !withheld.has(found.key);
    },
    respondents: (group) => groups.get(refKey(group))?.respondents ?? 0,
  };
}

const WHOLE = "*";

function keyOf(dimension: string, value: string): string {
  return `${dimension}=${value}`;
}

function refKey(group: GroupRef): string {
  return group.dimension === undefined ? WHOLE : keyOf(group.dimension, group.value ?? "");
}

// The whole is withheld last: it is the figure everyone reads.
function rankForWithholding(group: Group): number {
  return group.key === WHOLE ? Number.MAX_SAFE_INTEGER : group.respondents;
}

function byKey(a: Group, b: Group): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function indicator(width: number, members: readonly number[]): Int32Array {
  const vector = new Int32Array(width);
  for (const member of members) vector[member] = 1;
  return vector;
}

// A prime below 2^26: the product of two residues stays below 2^52, exact in a double.
const PRIME = 67_108_859;

/**
 * A row-reduced basis of the released groups' indicators, each basis row remembering which
 * released groups it combines, so that a recovery names the groups it needs.
 */
class ModularBasis {
  private readonly rows: { vector: Int32Array; provenance: Int32Array; pivot: number }[] = [];
  constructor(
    private readonly width: number,
    private readonly sources: number,
  ) {}

  add(vector: Int32Array, source: number): void {
    const provenance = new Int32Array(this.sources);
    provenance[source] = 1;
    const reduced = this.reduce(vector, provenance);
    const pivot = reduced.vector.findIndex((entry) => entry !== 0);
    if (pivot < 0) return;
    const inverse = inverseOf(reduced.vector[pivot] as number);
    scale(reduced.vector, inverse);
    scale(reduced.provenance, inverse);
    this.rows.push({ vector: reduced.vector, provenance: reduced.provenance, pivot });
  }

  /** The released groups whose combination gives the target, or undefined when none does. */
  combination(target: Int32Array): number[] | undefined {
    const reduced = this.reduce(target, new Int32Array(this.sources));
    if (reduced.vector.some((entry) => entry !== 0)) return undefined;
    const used: number[] = [];
    reduced.provenance.forEach((coefficient, index) => {
      if (coefficient !== 0) used.push(index);
    });
    return used;
  }

  private reduce(vector: Int32Array, provenance: Int32Array): { vector: Int32Array; provenance: Int32Array } {
    const result = Int32Array.from(vector, (entry) => mod(entry));
    const trail = Int32Array.from(provenance, (entry) => mod(entry));
    for (const row of this.rows) {
      const factor = result[row.pivot] as number;
      if (factor === 0) continue;
      subtractScaled(result, row.vector, factor);
      subtractScaled(trail, row.provenance, factor);
    }
    return { vector: result, provenance: trail };
  }
}

function mod(value: number): number {
  const remainder = value % PRIME;
  return remainder < 0 ? remainder + PRIME : remainder;
}

function subtractScaled(into: Int32Array, row: Int32Array, factor: number): void {
  for (let index = 0; index < into.length; index += 1) {
    const entry = row[index] as number;
    if (entry !== 0) into[index] = mod((into[index] as number) - ((factor * entry) % PRIME));
  }
}

function scale(vector: Int32Array, factor: number): void {
  for (let index = 0; index < vector.length; index += 1) vector[index] = ((vector[index] as number) * factor) % PRIME;
}

// Fermat: a^(p-2) is a's inverse modulo the prime.
function inverseOf(value: number): number {
  let result = 1;
  let base = value % PRIME;
  let exponent = PRIME - 2;
  while (exponent > 0) {
    if (exponent & 1) result = (result * base) % PRIME;
    base = (base * base) % PRIME;
    exponent = Math.floor(exponent / 2);
  }
  return result;
}
