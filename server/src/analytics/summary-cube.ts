import {
  CompiledFold,
  FOLD_CODE_VERSION,
  cellCoordinatesOf,
  cellGroup,
  foldIntoGroup,
  foldResponse,
  isCellInFilter,
  mergeCells,
  packedCell,
  type CellCoordinates,
  type CellFilter,
  type CellLayout,
  type GroupSummary,
  type PackedFigures,
  type QuestionnaireShape,
  type Summary,
} from "@passerelle/shared";
import type { ResponseFilter, Store, StoredResponse } from "../store/store.port";
import type { ActivityCount, ActivityMembership, CellMembership, StoredSummaryCell, StoredSummaryCube } from "../store/summary-cell-store.port";
import { activityKeyOf } from "./activity";
import { readableDeltaStamps, StoredResponseFolding } from "./fold-deltas";
import type { FoldQuestionnaire } from "./fold-job";
import type { QuestionnaireShapes } from "./questionnaire-shapes";

/** A questionnaire's cube as held in memory: its cells by key, and the shape of each version they hold. */
export interface HeldCube {
  foldKey: string;
  sequence: number;
  cells: ReadonlyMap<string, StoredSummaryCell>;
  shapes: ReadonlyMap<string, QuestionnaireShape>;
  /** Every response, drafts too, counted by activity key: the overview's tracking and drafts. */
  activity: ReadonlyMap<string, number>;
  /**
   * When the cube last moved only by new submissions: the point it moved from and those
   * responses, so a view merged at that point can take them in instead of merging again.
   */
  additions?: { since: number; responses: { coordinates: CellCoordinates; answers: Record<string, unknown>; shape: QuestionnaireShape }[] };
}

/** The cubes held in memory, by questionnaire, and the work bringing each up to date. */
export class SummaryCubes {
  readonly held = new Map<string, HeldCube>();
  readonly inFlight = new Map<string, Promise<HeldCube>>();
}

export interface CubeDeps {
  store: Store;
  shapes: QuestionnaireShapes;
  cubes: SummaryCubes;
}

// Attempts at bringing a cube up to date while other servers keep moving the stored one.
const MAX_UPDATE_ATTEMPTS = 3;

// The cube's own form: bump it when what the cube holds besides the cells changes (its
// activity counts came with 2), so that cubes stored in an earlier form are rebuilt.
const CUBE_FORM = 2;

/** What the cube was built under: the fold code's version, the cube's form and the questionnaire's version. */
export function foldKeyOf(questionnaire: FoldQuestionnaire): string {
  return `${FOLD_CODE_VERSION}.${CUBE_FORM}:${questionnaire.version}`;
}

/**
 * The questionnaire's summary cube, as of the store's change sequence now. Held in memory while
 * the sequence stays the same; otherwise brought up to date from the responses changed since
 * (only their cells are touched), loaded from the store (a server just started), or built from
 * every response (no cube yet, or one folded under another fold key). Concurrent requests
 * share the work.
 */
export async function currentCube(deps: CubeDeps, questionnaire: FoldQuestionnaire): Promise<HeldCube> {
  const sequence = await deps.store.responses.changeSequence(questionnaire.id);
  const foldKey = foldKeyOf(questionnaire);
  const held = deps.cubes.held.get(questionnaire.id);
  if (held && held.foldKey === foldKey && held.sequence >= sequence) return held;
  const running = deps.cubes.inFlight.get(questionnaire.id);
  if (running) return running;
  const work = (async () => {
    const base = held?.foldKey === foldKey ? held : await loadCube(deps, questionnaire);
    const cube = base ? await bringUpToDate(deps, questionnaire, base, sequence) : await buildCube(deps, questionnaire, sequence);
    deps.cubes.held.set(questionnaire.id, cube);
    return cube;
  })();
  deps.cubes.inFlight.set(questionnaire.id, work);
  try {
    return await work;
  } finally {
    deps.cubes.inFlight.delete(questionnaire.id);
  }
}

/**
 * A view merged when the cube was at `since`, brought to the cube's point by folding in the
 * submissions it moved by, if it moved by nothing else; false when it must be merged again.
 */
export function takeInAdditions(cube: HeldCube, merged: Summary, since: number, filter: CellFilter): boolean {
  if (since === cube.sequence) return true;
  if (!cube.additions || cube.additions.since !== since) return false;
  for (const response of cube.additions.responses) {
    if (isCellInFilter(response.coordinates, filter)) foldResponse(merged, { answers: response.answers, shape: response.shape });
  }
  return true;
}

/** The figures of the cube's responses a filter picks: a merge of the cells it covers. */
export function mergeCube(cube: HeldCube, filter: CellFilter, current: QuestionnaireShape): Summary {
  return mergeCells(cube.cells.values(), filter, (version) => cube.shapes.get(version) as QuestionnaireShape, current);
}

async function loadCube(deps: CubeDeps, questionnaire: FoldQuestionnaire): Promise<HeldCube | null> {
  const stored = await deps.store.summaryCells.load(questionnaire.id, foldKeyOf(questionnaire));
  return stored ? heldOf(deps, questionnaire, stored) : null;
}

async function heldOf(deps: CubeDeps, questionnaire: FoldQuestionnaire, stored: Omit<StoredSummaryCube, "surveyId" | "foldKey">): Promise<HeldCube> {
  const { sequence, cells } = stored;
  const byKey = new Map([...cells].map((cell) => [cell.key, cell]));
  const shapes = new Map<string, QuestionnaireShape>();
  for (const cell of byKey.values()) {
    if (!shapes.has(cell.version)) shapes.set(cell.version, await deps.shapes.forVersion(questionnaire, cell.version));
  }
  const activity = new Map(stored.activity.map((count) => [count.key, count.responses]));
  return { foldKey: foldKeyOf(questionnaire), sequence, cells: byKey, shapes, activity };
}

/**
 * Folds every submitted response, as of one point of the sequence, into its cell, counts every
 * response (drafts too) under its activity key, and replaces the stored cube. A write landing meanwhile is left to the next update, which sees
 * it as changed after this point.
 */
export async function buildCube(deps: CubeDeps, questionnaire: FoldQuestionnaire, sequence: number): Promise<HeldCube> {
  const fold = new CompiledFold();
  const coordinatesByKey = new Map<string, CellCoordinates & { key: string }>();
  const memberships: CellMembership[] = [];
  const activity = new Map<string, number>();
  const activityMemberships: ActivityMembership[] = [];
  const folding = new StoredResponseFolding(await readableDeltaStamps(deps.store, deps.shapes, questionnaire));
  for await (const response of deps.store.responses.stream({ surveyId: questionnaire.id, changes: { upTo: sequence } }, { withFoldDeltas: true })) {
    const activityKey = activityKeyOf(response);
    activity.set(activityKey, (activity.get(activityKey) ?? 0) + 1);
    activityMemberships.push({ responseId: response.id, activityKey });
    if (response.status !== "submitted") continue;
    const shape = await deps.shapes.forVersion(questionnaire, response.version);
    const coordinates = cellCoordinatesOf(submitted(response), shape);
    if (!coordinatesByKey.has(coordinates.key)) coordinatesByKey.set(coordinates.key, coordinates);
    folding.addToGroup(fold, coordinates.key, response, shape);
    memberships.push({ responseId: response.id, cellKey: coordinates.key });
  }
  // A cell holds one version's responses (the version is a coordinate): one sum each.
  const cells: StoredSummaryCell[] = [];
  for (const [key, [only]] of fold.packedGroups()) {
    cells.push({ ...(coordinatesByKey.get(key) as CellCoordinates & { key: string }), figures: (only as [CellLayout, PackedFigures])[1], sequence });
  }
  const counts = [...activity].map(([key, responses]) => ({ key, responses }));
  const cube: StoredSummaryCube = { surveyId: questionnaire.id, foldKey: foldKeyOf(questionnaire), sequence, cells, activity: counts };
  await deps.store.summaryCells.replace(cube, memberships, activityMemberships);
  return heldOf(deps, questionnaire, cube);
}

/**
 * Brings a cube from its point of the sequence to `sequence`. A new submission is folded into
 * its cell; a response changed after it was counted (an edit, which may move it to another
 * cell) has its former cell and its new one folded again from their responses. Written to the
 * store only if no other server moved the stored cube meanwhile; if one did, its cube is taken
 * up from where it stands.
 */
async function bringUpToDate(deps: CubeDeps, questionnaire: FoldQuestionnaire, base: HeldCube, sequence: number): Promise<HeldCube> {
  let from: HeldCube | null = base;
  for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS && from; attempt += 1) {
    if (from.sequence >= sequence) return from;
    const next = await cubeChangedTo(deps, questionnaire, from, sequence);
    const written = await deps.store.summaryCells.update({
      surveyId: questionnaire.id,
      foldKey: from.foldKey,
      expectedSequence: from.sequence,
      sequence,
      cells: next.written,
      removedCells: next.removed,
      memberships: next.memberships,
      activity: next.activity,
      activityMemberships: next.activityMemberships,
    });
    if (written) return next.cube;
    from = await loadCube(deps, questionnaire);
  }
  return buildCube(deps, questionnaire, sequence);
}

interface CubeChange {
  cube: HeldCube;
  written: StoredSummaryCell[];
  removed: string[];
  memberships: CellMembership[];
  activity: ActivityCount[];
  activityMemberships: ActivityMembership[];
}

// The new state of the cube, computed without touching the one held: readers keep merging it
// until the new one is stored.
async function cubeChangedTo(deps: CubeDeps, questionnaire: FoldQuestionnaire, base: HeldCube, sequence: number): Promise<CubeChange> {
  const changed: StoredResponse[] = [];
  for await (const response of deps.store.responses.stream({ surveyId: questionnaire.id, changes: { after: base.sequence, upTo: sequence } })) {
    changed.push(response);
  }
  const formerCells = await deps.store.summaryCells.cellsOf(
    questionnaire.id,
    changed.map((response) => response.id),
  );
  const coordinatesByKey = new Map<string, CellCoordinates>();
  const dirty = new Set<string>();
  const arriving = new Map<string, string[]>();
  const additions: { response: StoredResponse; key: string }[] = [];
  const memberships: CellMembership[] = [];
  for (const response of changed) {
    const shape = await deps.shapes.forVersion(questionnaire, response.version);
    const coordinates = response.status === "submitted" ? cellCoordinatesOf(submitted(response), shape) : undefined;
    if (coordinates) {
      coordinatesByKey.set(coordinates.key, coordinates);
      arriving.set(coordinates.key, [...(arriving.get(coordinates.key) ?? []), response.id]);
    }
    const former = formerCells.get(response.id);
    if (former !== undefined) {
      dirty.add(former);
      if (coordinates) dirty.add(coordinates.key);
    } else if (coordinates) {
      additions.push({ response, key: coordinates.key });
    }
    if (former !== undefined || coordinates) memberships.push({ responseId: response.id, cellKey: coordinates?.key ?? null });
  }
  const cells = new Map(base.cells);
  const written: StoredSummaryCell[] = [];
  const removed: string[] = [];
  for (const key of dirty) {
    const coordinates = coordinatesByKey.get(key) ?? base.cells.get(key);
    if (!coordinates) continue;
    const cell = await refoldCell(deps, questionnaire, { ...coordinates, key }, { sequence, arriving: arriving.get(key) ?? [] });
    if (cell.figures.respondents === 0) {
      cells.delete(key);
      removed.push(key);
    } else {
      cells.set(key, cell);
      written.push(cell);
    }
  }
  const grown = new Map<string, { coordinates: CellCoordinates & { key: string }; group: GroupSummary; shape: QuestionnaireShape }>();
  const added: NonNullable<HeldCube["additions"]>["responses"] = [];
  for (const { response, key } of additions) {
    if (dirty.has(key)) continue;
    const shape = await deps.shapes.forVersion(questionnaire, response.version);
    added.push({ coordinates: coordinatesByKey.get(key) as CellCoordinates, answers: response.answers, shape });
    let growing = grown.get(key);
    if (!growing) {
      const former = base.cells.get(key);
      const group = former ? cellGroup(former, shape) : { respondents: 0, questions: {} };
      growing = { coordinates: former ?? { ...(coordinatesByKey.get(key) as CellCoordinates), key }, group, shape };
      grown.set(key, growing);
    }
    foldIntoGroup(growing.group, { answers: response.answers, shape });
  }
  for (const { coordinates, group, shape } of grown.values()) {
    const cell = { ...packedCell(coordinates, group, shape), sequence };
    cells.set(cell.key, cell);
    written.push(cell);
  }
  const shapes = new Map(base.shapes);
  for (const cell of written) if (!shapes.has(cell.version)) shapes.set(cell.version, await deps.shapes.forVersion(questionnaire, cell.version));
  const { activity, counts, activityMemberships } = await activityChangedBy(deps, questionnaire, base, changed);
  const cube: HeldCube = { foldKey: base.foldKey, sequence, cells, shapes, activity };
  if (dirty.size === 0) cube.additions = { since: base.sequence, responses: added };
  return { cube, written, removed, memberships, activity: counts, activityMemberships };
}

// The changed responses taken out of the counts they were under and into their own: counts
// only add up, so no response but the changed ones is read.
async function activityChangedBy(
  deps: CubeDeps,
  questionnaire: FoldQuestionnaire,
  base: HeldCube,
  changed: readonly StoredResponse[],
): Promise<{ activity: Map<string, number>; counts: ActivityCount[]; activityMemberships: ActivityMembership[] }> {
  const former = await deps.store.summaryCells.activityOf(
    questionnaire.id,
    changed.map((response) => response.id),
  );
  const activity = new Map(base.activity);
  const touched = new Set<string>();
  const activityMemberships: ActivityMembership[] = [];
  const add = (key: string, responses: number) => {
    activity.set(key, (activity.get(key) ?? 0) + responses);
    touched.add(key);
  };
  for (const response of changed) {
    const key = activityKeyOf(response);
    const was = former.get(response.id);
    if (was === key) continue;
    if (was !== undefined) add(was, -1);
    add(key, 1);
    activityMemberships.push({ responseId: response.id, activityKey: key });
  }
  const counts = [...touched].map((key) => ({ key, responses: Math.max(0, activity.get(key) ?? 0) }));
  for (const { key, responses } of counts) if (responses <= 0) activity.delete(key);
  return { activity, counts, activityMemberships };
}

// A cell folded again from its responses as of the point: those the stored cube counts in it
// and those the changes bring into it, read by id, so the cost follows the cell's size, not the
// questionnaire's. The coordinates keep the cell's own (a member may have moved away).
async function refoldCell(
  deps: CubeDeps,
  questionnaire: FoldQuestionnaire,
  target: CellCoordinates & { key: string },
  options: { sequence: number; arriving: readonly string[] },
): Promise<StoredSummaryCell> {
  const members = await deps.store.summaryCells.membersOf(questionnaire.id, target.key);
  const ids = [...new Set([...members, ...options.arriving])];
  const group: GroupSummary = { respondents: 0, questions: {} };
  const filter: ResponseFilter = { surveyId: questionnaire.id, status: "submitted", ids, changes: { upTo: options.sequence } };
  for await (const response of deps.store.responses.stream(filter)) {
    const shape = await deps.shapes.forVersion(questionnaire, response.version);
    if (cellCoordinatesOf(submitted(response), shape).key !== target.key) continue;
    foldIntoGroup(group, { answers: response.answers, shape });
  }
  return { ...packedCell(target, group, await deps.shapes.forVersion(questionnaire, target.version)), sequence: options.sequence };
}

// A submitted response always has its submission time; the type does not say so.
function submitted(response: StoredResponse): StoredResponse & { submittedAt: Date } {
  return { ...response, submittedAt: response.submittedAt ?? response.updatedAt };
}

/**
 * The cube's filter for a request's filters, when the cube can answer them: submitted
 * responses, narrowed by breakdown values and by whole calendar months (from the first day of
 * one to the last day of another). Undefined for anything else (a free period), which a fold
 * of the matching responses answers instead.
 */
export function cellFilterOf(filter: ResponseFilter): CellFilter | undefined {
  if (filter.status !== "submitted" || filter.changes || filter.slice) return undefined;
  const cellFilter: CellFilter = filter.breakdown ? { breakdown: filter.breakdown } : {};
  for (const [bound, date] of [
    ["fromMonth", filter.submittedFrom],
    ["beforeMonth", filter.submittedBefore],
  ] as const) {
    if (!date) continue;
    if (!isMonthStart(date)) return undefined;
    cellFilter[bound] = date.toISOString().slice(0, 7);
  }
  return cellFilter;
}

function isMonthStart(date: Date): boolean {
  return date.getTime() === Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}
