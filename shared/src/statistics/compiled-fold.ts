import { addAnswer, createAccumulator } from "./accumulators";
import { addFiguresInto, emptyFigures, RANKED_FIGURES, type CellLayout, type PackedFigures, type SlotPlan } from "./cell-layout";
import { ALL_RESPONDENTS, breakdownGroupKeys, type FoldableResponse, type Summary } from "./fold";
import type { QuestionShape, QuestionnaireShape } from "./questionnaire-shape";
import { DistributionBuilder } from "./number-distribution";
import { layoutOf, summaryOfPacked } from "./summary-cells";

/**
 * What one response adds to each group it counts in, worked out once and applied to every one
 * of them (everyone's and one per breakdown field): slots to add one to, slots to add an amount
 * to, numbers seen (for sums, extremes and medians), and the questions the layout cannot take,
 * counted as accumulators.
 */
export class Delta {
  ones: number[] = [];
  amounts: number[] = [];
  /** Triples: the sum's slot (least and greatest follow it), the distribution, the number. */
  numbers: number[] = [];
  fallbacks: [QuestionShape, unknown][] = [];
  // Or, as a decoder sets them (`readEncoded`), the same figures where an encoding keeps them:
  // slots from `onesAt` to `amountsAt`, slot/amount pairs to `numbersAt`, slot/distribution
  // pairs to `end`, their numbers from `valuesAt` in `values`. Read in place, never copied.
  private words: Int32Array | undefined;
  private values: Float64Array | undefined;
  private onesAt = 0;
  private amountsAt = 0;
  private numbersAt = 0;
  private end = 0;
  private valuesAt = 0;

  clear(): void {
    this.ones.length = 0;
    this.amounts.length = 0;
    this.numbers.length = 0;
    this.fallbacks.length = 0;
    this.words = undefined;
    this.values = undefined;
  }

  /** Takes the figures from an encoding's words, in place (cleared first); see `DeltaDecoder`. */
  readEncoded(words: Int32Array, values: Float64Array, at: { ones: number; pairs: number; triples: number; slotsAt: number; valuesAt: number }): void {
    this.clear();
    this.words = words;
    this.values = values;
    this.onesAt = at.slotsAt;
    this.amountsAt = this.onesAt + at.ones;
    this.numbersAt = this.amountsAt + 2 * at.pairs;
    this.end = this.numbersAt + 2 * at.triples;
    this.valuesAt = at.valuesAt;
  }

  /** Adds the delta to the figures being built. */
  applyTo(builder: FigureBuilder): void {
    const { figures } = builder;
    figures.respondents += 1;
    if (this.words) this.applyEncoded(builder, this.words, this.values as Float64Array);
    else this.applyLists(builder);
    for (const [question, value] of this.fallbacks) addAnswer((figures.residual[question.name] ??= createAccumulator(question)), question, value);
  }

  private applyLists({ figures: { vector }, numbers: listed }: FigureBuilder): void {
    for (const slot of this.ones) vector[slot] = (vector[slot] as number) + 1;
    for (let index = 0; index < this.amounts.length; index += 2) {
      const slot = this.amounts[index] as number;
      vector[slot] = (vector[slot] as number) + (this.amounts[index + 1] as number);
    }
    for (let index = 0; index < this.numbers.length; index += 3) {
      addNumber(vector, listed, this.numbers[index] as number, this.numbers[index + 1] as number, this.numbers[index + 2] as number);
    }
  }

  private applyEncoded({ figures: { vector }, numbers: listed }: FigureBuilder, words: Int32Array, values: Float64Array): void {
    for (let index = this.onesAt; index < this.amountsAt; index += 1) {
      const slot = words[index] as number;
      vector[slot] = (vector[slot] as number) + 1;
    }
    for (let index = this.amountsAt; index < this.numbersAt; index += 2) {
      const slot = words[index] as number;
      vector[slot] = (vector[slot] as number) + (words[index + 1] as number);
    }
    for (let index = this.numbersAt, value = this.valuesAt; index < this.end; index += 2, value += 1) {
      addNumber(vector, listed, words[index] as number, words[index + 1] as number, values[value] as number);
    }
  }
}

// A number into its sum, its extremes (the two slots after) and its distribution.
function addNumber(vector: Float64Array, listed: DistributionBuilder[], slot: number, distribution: number, value: number): void {
  vector[slot] = (vector[slot] as number) + value;
  vector[slot + 1] = Math.min(vector[slot + 1] as number, value);
  vector[slot + 2] = Math.max(vector[slot + 2] as number, value);
  (listed[distribution] as DistributionBuilder).add(value);
}

/** A group's packed figures being folded into, its distributions of numbers being built until the end. */
interface FigureBuilder {
  figures: PackedFigures;
  numbers: DistributionBuilder[];
}

/**
 * The responses of one version that count in the same groups: their figures are added up once
 * and added to each group's when the fold is read, instead of each response's to every group
 * it counts in.
 */
interface Combination extends FigureBuilder {
  groups: FigureBuilder[];
}

/** Reads one question's answer into the delta; compiled once per question of a version. */
type Reader = (value: unknown, delta: Delta) => void;

interface CompiledVersion {
  layout: CellLayout;
  readers: Map<string, Reader>;
}

const compiled = new WeakMap<QuestionnaireShape, CompiledVersion>();

/**
 * The fold of a questionnaire version, compiled: for each question, a reader that knows where
 * its figures go and which values count, instead of interpreting the shape for every answer.
 * Questions whose values cannot all be known in advance (runtime choices, computed words,
 * groups of parts) are read by the accumulators themselves.
 */
function compile(shape: QuestionnaireShape): CompiledVersion {
  let version = compiled.get(shape);
  if (!version) {
    const layout = layoutOf(shape);
    const plans = new Map(layout.questions);
    const readers = new Map<string, Reader>();
    for (const question of shape.questions) {
      const plan = plans.get(question.name);
      if (plan) readers.set(question.name, readerOf(question, plan));
    }
    version = { layout, readers };
    compiled.set(shape, version);
  }
  return version;
}

function readerOf(question: QuestionShape, plan: SlotPlan): Reader {
  const fallback: Reader = (value, delta) => {
    delta.fallbacks.push([question, value]);
  };
  if (question.openChoices) return fallback;
  switch (plan.kind) {
    case "counts":
      return countsReader(plan);
    case "ranking":
      return rankingReader(question, plan);
    case "numeric":
      return numericReader(question, plan);
    case "matrix":
      return matrixReader(plan);
    case "text":
      return (value, delta) => {
        if ((typeof value === "string" && value.trim() !== "") || (Array.isArray(value) && value.length > 0)) delta.ones.push(plan.at);
      };
    default:
      return fallback;
  }
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

// Single, multiple, yes/no: each known value once per respondent.
function countsReader(plan: Extract<SlotPlan, { kind: "counts" }>): Reader {
  return (value, delta) => {
    if (!Array.isArray(value)) {
      const index = isScalar(value) ? plan.keys.get(String(value)) : undefined;
      if (index === undefined) return;
      delta.ones.push(plan.at, plan.at + 1 + index);
      return;
    }
    let seen: Set<number> | undefined;
    for (const item of value) {
      const index = isScalar(item) ? plan.keys.get(String(item)) : undefined;
      if (index === undefined || seen?.has(index)) continue;
      (seen ??= new Set()).add(index);
      delta.ones.push(plan.at + 1 + index);
    }
    if (seen) delta.ones.push(plan.at);
  };
}

// Borda count on the first `base` distinct known items, as the ranking accumulator counts them.
function rankingReader(question: QuestionShape, plan: Extract<SlotPlan, { kind: "ranking" }>): Reader {
  const base = question.maxRanked ?? question.choices.length;
  return (value, delta) => {
    if (!Array.isArray(value)) return;
    const seen = new Set<string>();
    let position = 0;
    for (const item of value) {
      if (!isScalar(item)) continue;
      const key = String(item);
      if (seen.has(key)) continue;
      seen.add(key);
      const index = plan.keys.get(key);
      if (index === undefined) continue;
      if (position >= base) break;
      const at = plan.at + 1 + RANKED_FIGURES * index;
      delta.ones.push(at);
      delta.amounts.push(at + 1, position + 1, at + 3, base - position);
      if (position === 0) delta.ones.push(at + 2);
      position += 1;
    }
    if (position > 0) delta.ones.push(plan.at);
  };
}

// A numeric input any finite number; a rating only the values of its scale.
function numericReader(question: QuestionShape, plan: Extract<SlotPlan, { kind: "numeric" }>): Reader {
  const scale = question.choices.length === 0 ? undefined : new Set(question.choices);
  return (value, delta) => {
    const number = scale ? (scale.has(String(value)) ? Number(value) : undefined) : value;
    if (typeof number !== "number" || !Number.isFinite(number)) return;
    delta.ones.push(plan.at);
    delta.numbers.push(plan.at + 1, plan.distribution, number);
  };
}

function matrixReader(plan: Extract<SlotPlan, { kind: "matrix" }>): Reader {
  return (value, delta) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return;
    let isAnswered = false;
    for (const row of Object.keys(value)) {
      const rowIndex = plan.rows.get(row);
      const columnIndex = plan.columns.get(String((value as Record<string, unknown>)[row]));
      if (rowIndex === undefined || columnIndex === undefined) continue;
      delta.ones.push(plan.at + 1 + rowIndex * plan.columns.size + columnIndex);
      isAnswered = true;
    }
    if (isAnswered) delta.ones.push(plan.at);
  };
}

/**
 * A fold from scratch through the compiled readers: each response read once, its delta added
 * to the figures of its combination of groups (see `Combination`), those added to each group's
 * packed figures when the fold is read, the summary unpacked at the end (lazily, as a merge of
 * cells is). The same figures as `foldResponse` over the same responses.
 */
export class CompiledFold {
  private readonly groups = new Map<string, Map<QuestionnaireShape, FigureBuilder>>();
  private readonly combinations = new Map<string, Map<QuestionnaireShape, Combination>>();
  // The lists of group keys a decoder hands out again and again, each joined only once.
  private readonly joinedKeys = new WeakMap<readonly string[], string>();
  // Slots held in combinations' own vectors: past the bound, responses of new combinations
  // go to each of their groups one by one (breakdowns nearly as many as the responses).
  private combinationSlots = 0;
  private readonly delta = new Delta();

  /** `maxCombinationSlots`: the bound on the combinations' vectors, in slots (a test's to lower). */
  constructor(private readonly maxCombinationSlots = MAX_COMBINATION_SLOTS) {}

  /** Adds a response to everyone's group and to each breakdown group it counts in. */
  add(response: FoldableResponse): void {
    const layout = this.read(response);
    this.applyToGroups(this.delta, response.shape, layout, breakdownGroupKeys(response.shape, response.answers));
  }

  /** Adds a response to one group only (a cell of the summary cube). */
  addToGroup(key: string, response: FoldableResponse): void {
    const layout = this.read(response);
    this.delta.applyTo(this.figuresOf(key, response.shape, layout));
  }

  /** The summary of what was added; `current`: the questionnaire's current shape (see `summaryOfPacked`). */
  summary(current?: QuestionnaireShape): Summary {
    const groups = [...this.packedGroups()].map(([key, sums]) => [key, sums.map(([layout, figures]) => [layout, [figures]] as const)] as const);
    return summaryOfPacked(groups, current);
  }

  /** Each group's packed figures, one per version folded into it. */
  *packedGroups(): Iterable<[key: string, sums: [CellLayout, PackedFigures][]]> {
    this.addUpCombinations();
    for (const [key, byShape] of this.groups) yield [key, [...byShape].map(([shape, building]) => [layoutOf(shape), settled(building)])];
  }

  /**
   * Adds a delta worked out beforehand (`readDelta`, kept encoded) to everyone's group and to
   * the breakdown groups given, as `add` does with the one it reads.
   */
  addDelta(delta: Delta, shape: QuestionnaireShape, groupKeys: readonly string[]): void {
    this.applyToGroups(delta, shape, layoutOf(shape), groupKeys);
  }

  /** Adds a delta worked out beforehand to one group only (a cell of the summary cube). */
  addDeltaToGroup(key: string, delta: Delta, shape: QuestionnaireShape): void {
    delta.applyTo(this.figuresOf(key, shape, layoutOf(shape)));
  }

  private read(response: FoldableResponse): CellLayout {
    return readDelta(response.shape, response.answers, this.delta);
  }

  private applyToGroups(delta: Delta, shape: QuestionnaireShape, layout: CellLayout, groupKeys: readonly string[]): void {
    let joined = this.joinedKeys.get(groupKeys);
    if (joined === undefined) {
      joined = JSON.stringify(groupKeys);
      this.joinedKeys.set(groupKeys, joined);
    }
    const keys = [ALL_RESPONDENTS, ...groupKeys];
    const combination = this.combinationOf(joined, keys, shape, layout);
    if (combination) return delta.applyTo(combination);
    for (const key of keys) delta.applyTo(this.figuresOf(key, shape, layout));
  }

  // Undefined once the combinations' vectors reach their bound.
  private combinationOf(key: string, groupKeys: readonly string[], shape: QuestionnaireShape, layout: CellLayout): Combination | undefined {
    let byShape = this.combinations.get(key);
    if (!byShape) {
      byShape = new Map();
      this.combinations.set(key, byShape);
    }
    let combination = byShape.get(shape);
    if (!combination) {
      if (this.combinationSlots + layout.size > this.maxCombinationSlots) return undefined;
      this.combinationSlots += layout.size;
      combination = { ...emptyBuilder(layout), groups: groupKeys.map((groupKey) => this.figuresOf(groupKey, shape, layout)) };
      byShape.set(shape, combination);
    }
    return combination;
  }

  // Each combination's figures into its groups', once, when the fold is read.
  private addUpCombinations(): void {
    for (const byShape of this.combinations.values()) {
      for (const [shape, combination] of byShape) {
        const layout = layoutOf(shape);
        for (const group of combination.groups) {
          addFiguresInto(group.figures, combination.figures, layout);
          combination.numbers.forEach((built, distribution) => (group.numbers[distribution] as DistributionBuilder).addBuilder(built));
        }
        // Responses added after this start the combination again.
        byShape.delete(shape);
        this.combinationSlots -= layout.size;
      }
    }
  }

  private figuresOf(key: string, shape: QuestionnaireShape, layout: CellLayout): FigureBuilder {
    let byShape = this.groups.get(key);
    if (!byShape) {
      byShape = new Map();
      this.groups.set(key, byShape);
    }
    let building = byShape.get(shape);
    if (!building) {
      building = emptyBuilder(layout);
      byShape.set(shape, building);
    }
    return building;
  }
}

function emptyBuilder(layout: CellLayout): FigureBuilder {
  return { figures: emptyFigures(layout), numbers: Array.from({ length: layout.distributions }, () => new DistributionBuilder()) };
}

// 16 MB of combinations' vectors at most: thousands of combinations of a census-sized layout
// (each of their distributions adds a window of at most 4 KB and, while exact, up to 1,024 values).
const MAX_COMBINATION_SLOTS = 2 * 1024 * 1024;

/** Reads what one response's answers add to each of its groups into `delta` (cleared first); returns its version's layout. */
export function readDelta(shape: QuestionnaireShape, answers: Record<string, unknown>, delta: Delta): CellLayout {
  const version = compile(shape);
  delta.clear();
  for (const name of Object.keys(answers)) {
    const value = answers[name];
    if (value === undefined || value === null || value === "") continue;
    version.readers.get(name)?.(value, delta);
  }
  return version.layout;
}

function settled({ figures, numbers }: FigureBuilder): PackedFigures {
  return { ...figures, distributions: numbers.map((built) => (built.isEmpty ? [] : [built.settle()])) };
}
