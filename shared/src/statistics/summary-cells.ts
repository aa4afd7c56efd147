import { ALL_RESPONDENTS, breakdownGroupKeys, type GroupSummary, type Summary } from "./fold";
import { createAccumulator, mergeAccumulatorInto, type Accumulator, type NumericAccumulator } from "./accumulators";
import { MAX_EXACT_VALUES, type NumberDistribution, type ReadonlyDistribution } from "./number-distribution";
import { addFiguresInto, compileLayout, emptyFigures, packGroup, unpackGroup, unpackQuestion, type CellLayout, type PackedFigures } from "./cell-layout";
import type { QuestionShape, QuestionnaireShape } from "./questionnaire-shape";

/**
 * The version of the fold's counting rules. Cells of the summary cube folded under another
 * version are rebuilt: bump it with any change to what an accumulator counts or how.
 */
export const FOLD_CODE_VERSION = 3;

/**
 * Where a submitted response sits in the summary cube: everything that decides how it counts
 * besides its answers. Responses with the same coordinates fold into one cell; a dashboard
 * filter over breakdowns and months is a merge of cells.
 */
export interface CellCoordinates {
  /** The questionnaire version answered: its shape reads the answers. */
  version: string;
  /** The calendar month of submission (UTC), `YYYY-MM`. */
  month: string;
  /** The response's breakdown values as the store filters on them. */
  breakdown: Record<string, string>;
  /** The breakdown groups it counts in (`field=value`), as its version's shape reads them. */
  groupKeys: string[];
}

/** One cell: its coordinates and the folded figures of its respondents, packed against its version's layout. */
export interface SummaryCell extends CellCoordinates {
  key: string;
  figures: PackedFigures;
}

/** What a cell's key and coordinates are read from: a submitted response. */
export interface CellSource {
  version: string;
  breakdown: Record<string, string>;
  submittedAt: Date;
  answers: Record<string, unknown>;
}

export function cellCoordinatesOf(response: CellSource, shape: QuestionnaireShape): CellCoordinates & { key: string } {
  const coordinates: CellCoordinates = {
    version: response.version,
    month: response.submittedAt.toISOString().slice(0, 7),
    breakdown: response.breakdown,
    groupKeys: breakdownGroupKeys(shape, response.answers),
  };
  return { key: cellKeyOf(coordinates), ...coordinates };
}

/** A cell's key: its coordinates as one string, breakdown values in field order. */
export function cellKeyOf(coordinates: CellCoordinates): string {
  const breakdown = Object.keys(coordinates.breakdown)
    .sort()
    .map((field) => [field, coordinates.breakdown[field]]);
  return JSON.stringify([coordinates.version, coordinates.month, breakdown, coordinates.groupKeys]);
}

const layouts = new WeakMap<QuestionnaireShape, CellLayout>();

/** The layout of a version's figures, compiled once per shape. */
export function layoutOf(shape: QuestionnaireShape): CellLayout {
  let layout = layouts.get(shape);
  if (!layout) {
    layout = compileLayout(shape);
    layouts.set(shape, layout);
  }
  return layout;
}

/** The cell's respondents' figures as accumulators. */
export function cellGroup(cell: SummaryCell, shape: QuestionnaireShape): GroupSummary {
  return unpackGroup(cell.figures, layoutOf(shape));
}

/** A cell holding these figures (a cell being built, or one brought up to date). */
export function packedCell(coordinates: CellCoordinates & { key: string }, group: GroupSummary, shape: QuestionnaireShape): SummaryCell {
  return { ...coordinates, figures: packGroup(group, layoutOf(shape)) };
}

/** A filter the cube answers: breakdown values (all must hold) and a span of whole months. */
export interface CellFilter {
  breakdown?: Record<string, string>;
  /** First month included, `YYYY-MM`. */
  fromMonth?: string;
  /** First month no longer included, `YYYY-MM`. */
  beforeMonth?: string;
}

export function isCellInFilter(cell: CellCoordinates, filter: CellFilter): boolean {
  if (filter.fromMonth !== undefined && cell.month < filter.fromMonth) return false;
  if (filter.beforeMonth !== undefined && cell.month >= filter.beforeMonth) return false;
  for (const [field, value] of Object.entries(filter.breakdown ?? {})) {
    if (cell.breakdown[field] !== value) return false;
  }
  return true;
}

/**
 * The summary of the responses a filter picks, from the cells it covers: everyone's group is
 * the merge of them all, each breakdown group the merge of the cells counting in it. A group's
 * cells of one version merge as vectors when a view first reads its questions (the overview
 * reads only how many respondents each group has); the versions are then merged as
 * accumulators. The same figures as a fold of those responses; the cells are
 * left untouched. `shapeOf` gives the shape of every version the cells were folded against.
 */
export function mergeCells(
  cells: Iterable<SummaryCell>,
  filter: CellFilter,
  shapeOf: (version: string) => QuestionnaireShape,
  current?: QuestionnaireShape,
): Summary {
  function* parts(): Iterable<GroupPart> {
    for (const cell of cells) {
      if (!isCellInFilter(cell, filter)) continue;
      for (const key of [ALL_RESPONDENTS, ...cell.groupKeys]) yield [key, cell.version, cell.figures];
    }
  }
  return summaryOfParts(parts(), (version) => layoutOf(shapeOf(version)), current);
}

/** Figures of one version counted in one group: a part of that group's figures. */
export type GroupPart = readonly [key: string, version: string, figures: PackedFigures];

/**
 * The summary of figures given part by part (cells of a cube, slices of a fold): each group's
 * parts of one version added up when a view first reads the group's questions (see
 * `summaryOfPacked`). `layoutOf` gives the layout of each version the parts were packed against.
 */
export function summaryOfParts(parts: Iterable<GroupPart>, layoutOf: (version: string) => CellLayout, current?: QuestionnaireShape): Summary {
  const byGroup = new Map<string, Map<string, PackedFigures[]>>();
  for (const [key, version, figures] of parts) {
    let byVersion = byGroup.get(key);
    if (!byVersion) {
      byVersion = new Map();
      byGroup.set(key, byVersion);
    }
    const ofVersion = byVersion.get(version);
    if (ofVersion) ofVersion.push(figures);
    else byVersion.set(version, [figures]);
  }
  return summaryOfPacked(
    [...byGroup].map(([key, byVersion]) => [key, [...byVersion].map(([version, figures]) => [layoutOf(version), figures] as const)] as const),
    current,
  );
}

/**
 * A group's figures of one version, in parts still to be added (the cells of a cube, the
 * slices of a fold): added up the first time a view reads the group's questions.
 */
export type VersionFigures = readonly [layout: CellLayout, parts: readonly PackedFigures[]];

/**
 * A summary of groups of packed figures, each group's made of its figures per version's layout.
 * With the questionnaire's `current` shape, a question some version asked as another kind (a
 * number become a choice) is summed over the versions that ask it as the current one does: its
 * figures are those of the question as it is asked now.
 */
export function summaryOfPacked(groups: Iterable<readonly [key: string, versions: readonly VersionFigures[]]>, current?: QuestionnaireShape): Summary {
  const summary: Summary = { groups: {} };
  const asked = current ? questionsOf(current) : undefined;
  for (const [key, versions] of groups) summary.groups[key] = lazyGroup(versions, asked);
  return summary;
}

// The current version's questions by name, with the kind of accumulator each is counted in.
type AskedQuestions = ReadonlyMap<string, { question: QuestionShape; kind: Accumulator["kind"] }>;
const askedIndexes = new WeakMap<QuestionnaireShape, AskedQuestions>();

function questionsOf(shape: QuestionnaireShape): AskedQuestions {
  let asked = askedIndexes.get(shape);
  if (!asked) {
    asked = new Map(shape.questions.map((question) => [question.name, { question, kind: createAccumulator(question).kind }]));
    askedIndexes.set(shape, asked);
  }
  return asked;
}

// What a figure weighs once unpacked, in bytes, as JSON text counts them (two bytes a
// character): a slot is a key and a number, a distribution's key a number and its count.
const SLOT_BYTES = 40;
const DISTRIBUTION_KEY_BYTES = 32;
const lazyBytes = new WeakMap<GroupSummary, number>();

/**
 * An estimate of the memory a summary holds, in bytes, for bounding a cache: the size of its
 * JSON text, computed without unpacking the groups a merge of cells left packed.
 */
export function estimateSummaryBytes(summary: Summary): number {
  let bytes = 0;
  for (const group of Object.values(summary.groups)) bytes += lazyBytes.get(group) ?? 2 * (JSON.stringify(group)?.length ?? 0);
  return bytes;
}

// A group whose accumulators are unpacked when first read, each question on its own: a view
// reads a few questions of a few groups (the themes: the ranking and its follow-ups, for
// everyone and each governorate) and only the respondents of the others.
function lazyGroup(versions: readonly VersionFigures[], asked: AskedQuestions | undefined): GroupSummary {
  let respondents = 0;
  let bytes = 0;
  for (const [layout, parts] of versions) {
    for (const part of parts) respondents += part.respondents;
    // The pieces are the parts' own, held anyway; merged, a distribution keeps at most as many
    // keys as they have, and about as many as are kept exactly.
    for (let distribution = 0; distribution < layout.distributions; distribution += 1) {
      let keys = 0;
      for (const part of parts) for (const piece of part.distributions[distribution] ?? []) keys += piece.keys.length;
      bytes += DISTRIBUTION_KEY_BYTES * Math.min(keys, MAX_EXACT_VALUES);
    }
    bytes += SLOT_BYTES * layout.size;
  }
  let questions: Record<string, Accumulator> | undefined;
  const group = { respondents } as GroupSummary;
  lazyBytes.set(group, bytes);
  Object.defineProperty(group, "questions", {
    enumerable: true,
    configurable: true,
    get: () => (questions ??= lazyQuestions(versions, asked)),
    set: (next: Record<string, Accumulator>) => (questions = next),
  });
  return group;
}

// The questions of a group summed per version: the version's parts added up when one is first
// read, each question unpacked and merged across versions the first time it is read, as
// `mergeGroupInto` would merge them.
function lazyQuestions(versions: readonly VersionFigures[], asked: AskedQuestions | undefined): Record<string, Accumulator> {
  const questions: Record<string, Accumulator> = {};
  const sums = versions.map(([layout, parts]) => new VersionSum(layout, parts));
  const names = new Set(sums.flatMap((sum) => sum.questionNames()));
  for (const name of names) {
    let acc: Accumulator | undefined;
    let isRead = false;
    Object.defineProperty(questions, name, {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!isRead) {
          acc = mergedQuestion(sums, name, asked?.get(name));
          isRead = true;
        }
        return acc;
      },
      set: (next: Accumulator) => {
        acc = next;
        isRead = true;
      },
    });
  }
  return questions;
}

// One version's parts, added into one sum when the group's questions are first read.
class VersionSum {
  private sum: PackedFigures | undefined;

  constructor(
    readonly layout: CellLayout,
    private readonly parts: readonly PackedFigures[],
  ) {}

  questionNames(): string[] {
    const names = new Set(this.layout.questions.map(([name]) => name));
    for (const part of this.parts) for (const name of Object.keys(part.residual)) names.add(name);
    return [...names];
  }

  question(name: string): Accumulator | undefined {
    return unpackQuestion(this.figures(), this.layout, name);
  }

  private figures(): PackedFigures {
    if (!this.sum) {
      if (this.parts.length === 1) this.sum = this.parts[0] as PackedFigures;
      else {
        this.sum = emptyFigures(this.layout);
        for (const part of this.parts) addFiguresInto(this.sum, part, this.layout);
      }
    }
    return this.sum;
  }
}

// Every group holds an accumulator for every question it has figures of: where the versions
// that answered only asked it as another kind, the current kind's, with nothing counted.
function mergedQuestion(sums: readonly VersionSum[], name: string, asked: { question: QuestionShape; kind: Accumulator["kind"] } | undefined): Accumulator {
  let merged: Accumulator | undefined;
  for (const sum of sums) {
    const acc = sum.question(name);
    if (!acc || (asked && acc.kind !== asked.kind)) continue;
    if (!merged) merged = acc;
    else mergeAccumulatorInto(merged, acc);
  }
  // Without a current kind to pass over, the names come from the sums, one of which holds it.
  return merged ?? createAccumulator((asked as { question: QuestionShape }).question);
}

/** What a store keeps of a cell: its coordinates and figures' header as JSON, their numbers as bytes. */
export interface SerialisedCell {
  text: string;
  data: Uint8Array;
}

interface CellHeader extends CellCoordinates {
  key: string;
  respondents: number;
  residual: Record<string, Accumulator>;
  /** Each piece of each distribution, in order after the vector: its form and its number of keys (keys, then counts). */
  pieces: [form: NumberDistribution["form"], keys: number][][];
  size: number;
}

/**
 * A cell for the stores. The numbers go as 64-bit floats (infinities included), read back
 * without parsing; JSON has no infinities, so the residual's are restored by `parseCell`.
 */
export function serialiseCell(cell: SummaryCell): SerialisedCell {
  const { figures, ...coordinates } = cell;
  const pieces = figures.distributions.map((pieces) => pieces.map((piece): [NumberDistribution["form"], number] => [piece.form, piece.keys.length]));
  const total = figures.vector.length + 2 * pieces.flat().reduce((sum, [, keys]) => sum + keys, 0);
  const numbers = new Float64Array(total);
  numbers.set(figures.vector, 0);
  let at = figures.vector.length;
  for (const piece of figures.distributions.flat()) {
    numbers.set(piece.keys, at);
    numbers.set(piece.counts, at + piece.keys.length);
    at += 2 * piece.keys.length;
  }
  const header: CellHeader = { ...coordinates, respondents: figures.respondents, residual: figures.residual, pieces, size: figures.vector.length };
  return { text: JSON.stringify(header), data: new Uint8Array(numbers.buffer) };
}

export function parseCell(serialised: SerialisedCell): SummaryCell {
  const { respondents, residual, pieces, size, ...coordinates } = JSON.parse(serialised.text) as CellHeader;
  const numbers = numbersOf(serialised.data);
  const vector = numbers.subarray(0, size);
  let at = size;
  const distributions = pieces.map((described) =>
    described.map(([form, keys]): ReadonlyDistribution => {
      // Views into the bytes read: pieces are only ever read, and copied when merged.
      const piece = { form, keys: numbers.subarray(at, at + keys), counts: numbers.subarray(at + keys, at + 2 * keys) };
      at += 2 * keys;
      return piece;
    }),
  );
  for (const acc of Object.values(residual)) restoreInfinities(acc);
  return { ...coordinates, figures: { respondents, vector, distributions, residual } };
}

// The bytes read in place when they are a buffer of their own (SQLite's driver gives each
// value one); otherwise a copy, so the numbers sit on an 8-byte boundary and no larger buffer
// the driver may reuse is held.
function numbersOf(bytes: Uint8Array): Float64Array {
  const isOwnBuffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  if (isOwnBuffer && bytes.byteLength % Float64Array.BYTES_PER_ELEMENT === 0) return new Float64Array(bytes.buffer);
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function restoreInfinities(acc: Accumulator): void {
  if (acc.kind === "numeric") restoreNumbers(acc);
  else if (acc.kind === "values") restoreNumbers(acc.numbers);
  else if (acc.kind === "group") for (const part of Object.values(acc.parts)) restoreInfinities(part);
}

function restoreNumbers(acc: NumericAccumulator): void {
  if (acc.n > 0) return;
  acc.min = Infinity;
  acc.max = -Infinity;
}
