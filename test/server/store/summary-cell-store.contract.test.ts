import {
  ALL_RESPONDENTS,
  cellGroup,
  emptySummary,
  foldResponse,
  mergeCells,
  packedCell,
  readQuestionnaireShape,
  type CellCoordinates,
  type CellFilter,
  type GroupSummary,
  type JsonObject,
} from "@passerelle/shared";
import { buildCube, SummaryCubes } from "../../../server/src/analytics/summary-cube";
import { foldResponses } from "../../../server/src/analytics/fold-job";
import { QuestionnaireShapes } from "../../../server/src/analytics/questionnaire-shapes";
import type { ResponseFilter, Store, StoredResponse } from "../../../server/src/store/store.port";
import type { StoredSummaryCell, StoredSummaryCube } from "../../../server/src/store/summary-cell-store.port";
import { comparableSummary } from "../../support/comparable-summary";
import { MONGODB_URI, embedded, mongodb, type Adapter } from "../../support/store-adapters";

const SURVEY = "water-committees";

// A questionnaire of its own: two breakdowns, a dynamic matrix whose parts have dotted names.
const DEFINITION: JsonObject = {
  breakdownFields: ["region", "service"],
  pages: [
    {
      elements: [
        { type: "radiogroup", name: "region", choices: ["north", "south", "بقاع"] },
        { type: "dropdown", name: "service", choices: ["water", "waste"] },
        { type: "text", name: "households", inputType: "number" },
        { type: "matrixdropdown", name: "condition", rows: ["pipes", "pumps"], columns: [{ name: "state", choices: ["good", "poor"] }] },
      ],
    },
  ],
};
const VERSION = "a1b2c3d4e5f60718";

const SHAPE = readQuestionnaireShape(DEFINITION);

// Figures of two respondents, with what the layout has no slot for: a question of no version
// (a numeric with no number yet, whose infinities must come back as such) and a dotted part.
const FIGURES: GroupSummary = {
  respondents: 2,
  questions: {
    households: { kind: "numeric", n: 2, sum: 30, min: 10, max: 20, distribution: { form: "exact", keys: [10, 20], counts: [1, 1] } },
    retired: { kind: "numeric", n: 0, sum: 0, min: Infinity, max: -Infinity, distribution: { form: "exact", keys: [], counts: [] } },
    condition: {
      kind: "group",
      n: 1,
      entries: 1,
      parts: { "pipes.state": { kind: "counts", n: 1, counts: { good: 1, poor: 0 } }, "tanks.state": { kind: "text", n: 1 } },
    },
  },
};

function aCell(key: string, overrides: Partial<CellCoordinates & { sequence: number; group: GroupSummary }> = {}): StoredSummaryCell {
  const { sequence = 4, group = FIGURES, ...coordinates } = overrides;
  const cell = packedCell(
    { key, version: VERSION, month: "2026-06", breakdown: { region: "بقاع", service: "water" }, groupKeys: ["region=بقاع", "service=water"], ...coordinates },
    group,
    SHAPE,
  );
  return { ...cell, sequence };
}

// A cell as readers see it: coordinates, stamp, and figures as accumulators.
function readable(cell: StoredSummaryCell): unknown {
  const { figures: _figures, ...rest } = cell;
  return { ...rest, group: comparableSummary({ groups: { cell: cellGroup(cell, SHAPE) } }) };
}

function readableCube(cube: StoredSummaryCube | null): unknown {
  if (!cube) return cube;
  return { ...cube, cells: [...cube.cells].sort((a, b) => a.key.localeCompare(b.key)).map(readable) };
}

function aCube(cells: StoredSummaryCell[], overrides: Partial<StoredSummaryCube> = {}): StoredSummaryCube {
  return { surveyId: SURVEY, foldKey: `1:${VERSION}`, sequence: 4, cells, activity: [], ...overrides };
}

let serial = 0;
function aSubmission(answers: Record<string, unknown>, submittedAt: Date): StoredResponse {
  serial += 1;
  const breakdown = Object.fromEntries(
    ["region", "service"].filter((field) => typeof answers[field] === "string").map((field) => [field, String(answers[field])]),
  );
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, "0")}`,
    surveyId: SURVEY,
    version: VERSION,
    status: "submitted",
    locale: "fr",
    answers,
    breakdown,
    tokenHash: "a".repeat(64),
    revision: 1,
    createdAt: submittedAt,
    updatedAt: submittedAt,
    submittedAt,
  };
}

function contract(makeAdapter: () => Adapter) {
  let adapter: Adapter;
  let store: Store;

  beforeEach(async () => {
    adapter = makeAdapter();
    store = await adapter.open();
  });
  afterEach(async () => {
    await store.close();
    await adapter.cleanUp();
  });

  it("has no cube for a questionnaire never folded", async () => {
    expect(await store.summaryCells.load(SURVEY, `1:${VERSION}`)).toBeNull();
    expect(await store.summaryCells.cellsOf(SURVEY, ["anything"])).toEqual(new Map());
  });

  it("gives back the cells as written: Arabic values, dotted part names, accumulators with no number yet", async () => {
    const cube = aCube([aCell("one"), aCell("two", { month: "2026-07", group: { respondents: 0, questions: {} } })]);
    await store.summaryCells.replace(cube, [{ responseId: "r1", cellKey: "one" }], []);
    const loaded = await store.summaryCells.load(SURVEY, cube.foldKey);
    expect(readableCube(loaded)).toEqual(readableCube(cube));
    const group = cellGroup(loaded?.cells.find((cell) => cell.key === "one") as StoredSummaryCell, SHAPE);
    expect(group.questions.retired).toEqual({
      kind: "numeric",
      n: 0,
      sum: 0,
      min: Infinity,
      max: -Infinity,
      distribution: { form: "exact", keys: [], counts: [] },
    });
    expect(group.questions.households).toMatchObject({ n: 2, sum: 30, min: 10, max: 20, distribution: { form: "exact", keys: [10, 20], counts: [1, 1] } });
  });

  it("has no cube under another fold key: a new fold code or questionnaire version rebuilds", async () => {
    await store.summaryCells.replace(aCube([aCell("one")]), [], []);
    expect(await store.summaryCells.load(SURVEY, `2:${VERSION}`)).toBeNull();
  });

  it("tells which cell each response is in, for many responses at once", async () => {
    const memberships = Array.from({ length: 1200 }, (_, index) => ({ responseId: `r${index}`, cellKey: index % 2 === 0 ? "even" : "odd" }));
    await store.summaryCells.replace(aCube([aCell("even"), aCell("odd")]), memberships, []);
    const found = await store.summaryCells.cellsOf(SURVEY, [...memberships.map((member) => member.responseId), "unknown"]);
    expect(found.size).toBe(1200);
    expect(found.get("r7")).toBe("odd");
    expect(found.has("unknown")).toBe(false);
  });

  it("lists a cell's members, as updates move them, and none for a cell it does not hold", async () => {
    const memberships = Array.from({ length: 30 }, (_, index) => ({ responseId: `r${index}`, cellKey: index % 3 === 0 ? "third" : "rest" }));
    await store.summaryCells.replace(aCube([aCell("third"), aCell("rest")]), memberships, []);
    expect((await store.summaryCells.membersOf(SURVEY, "third")).sort()).toEqual(["r0", "r12", "r15", "r18", "r21", "r24", "r27", "r3", "r6", "r9"]);
    await store.summaryCells.update({
      surveyId: SURVEY,
      foldKey: `1:${VERSION}`,
      expectedSequence: 4,
      sequence: 5,
      cells: [],
      removedCells: [],
      activity: [],
      activityMemberships: [],
      memberships: [
        { responseId: "r3", cellKey: "rest" },
        { responseId: "r6", cellKey: null },
      ],
    });
    expect((await store.summaryCells.membersOf(SURVEY, "third")).sort()).toEqual(["r0", "r12", "r15", "r18", "r21", "r24", "r27", "r9"]);
    expect(await store.summaryCells.membersOf(SURVEY, "rest")).toContain("r3");
    expect(await store.summaryCells.membersOf(SURVEY, "unknown")).toEqual([]);
    expect(await store.summaryCells.membersOf("another-survey", "third")).toEqual([]);
  });

  it("replaces a whole cube: the former cells and memberships are gone", async () => {
    await store.summaryCells.replace(aCube([aCell("old")]), [{ responseId: "r1", cellKey: "old" }], []);
    await store.summaryCells.replace(aCube([aCell("new")], { foldKey: `1:0000000000000000`, sequence: 9 }), [{ responseId: "r2", cellKey: "new" }], []);
    expect(await store.summaryCells.load(SURVEY, `1:${VERSION}`)).toBeNull();
    const loaded = await store.summaryCells.load(SURVEY, "1:0000000000000000");
    expect(loaded?.cells.map((cell) => cell.key)).toEqual(["new"]);
    expect(loaded?.sequence).toBe(9);
    expect(await store.summaryCells.cellsOf(SURVEY, ["r1", "r2"])).toEqual(new Map([["r2", "new"]]));
  });

  it("applies changes to a cube still at the expected point: cells written and removed, memberships moved and dropped", async () => {
    const cube = aCube([aCell("stays"), aCell("emptied"), aCell("edited")]);
    await store.summaryCells.replace(
      cube,
      [
        { responseId: "r1", cellKey: "emptied" },
        { responseId: "r2", cellKey: "stays" },
      ],
      [],
    );
    const edited = aCell("edited", { sequence: 6, group: { respondents: 3, questions: {} } });
    const isWritten = await store.summaryCells.update({
      surveyId: SURVEY,
      foldKey: cube.foldKey,
      expectedSequence: 4,
      sequence: 6,
      cells: [edited, aCell("added", { sequence: 6 })],
      removedCells: ["emptied"],
      activity: [],
      activityMemberships: [],
      memberships: [
        { responseId: "r1", cellKey: "edited" },
        { responseId: "r2", cellKey: null },
      ],
    });
    expect(isWritten).toBe(true);
    const loaded = await store.summaryCells.load(SURVEY, cube.foldKey);
    expect(loaded?.sequence).toBe(6);
    expect(Object.fromEntries((loaded?.cells ?? []).map((cell) => [cell.key, cell.sequence]))).toEqual({ stays: 4, edited: 6, added: 6 });
    expect(loaded?.cells.find((cell) => cell.key === "edited")?.figures.respondents).toBe(3);
    expect(await store.summaryCells.cellsOf(SURVEY, ["r1", "r2"])).toEqual(new Map([["r1", "edited"]]));
  });

  it("refuses changes to a cube another server moved meanwhile, and writes none of them", async () => {
    const cube = aCube([aCell("one")]);
    await store.summaryCells.replace(cube, [{ responseId: "r1", cellKey: "one" }], []);
    const changes = {
      surveyId: SURVEY,
      cells: [aCell("two", { sequence: 8 })],
      removedCells: ["one"],
      memberships: [{ responseId: "r1", cellKey: null }],
      activity: [{ key: "a", responses: 2 }],
      activityMemberships: [{ responseId: "r1", activityKey: "a" }],
      sequence: 8,
    };
    expect(await store.summaryCells.update({ ...changes, foldKey: cube.foldKey, expectedSequence: 3 })).toBe(false);
    expect(await store.summaryCells.update({ ...changes, foldKey: "2:other", expectedSequence: 4 })).toBe(false);
    expect(readableCube(await store.summaryCells.load(SURVEY, cube.foldKey))).toEqual(readableCube(cube));
    expect(await store.summaryCells.cellsOf(SURVEY, ["r1"])).toEqual(new Map([["r1", "one"]]));
    expect(await store.summaryCells.activityOf(SURVEY, ["r1"])).toEqual(new Map());
  });

  it("keeps activity counts and which key each response, draft or not, is counted under; updates move and drop them", async () => {
    const byKey = (cube: StoredSummaryCube | null) => Object.fromEntries((cube?.activity ?? []).map((count) => [count.key, count.responses]));
    // Keys as the analytics write them: JSON with Arabic values and dots.
    const draftKey = JSON.stringify([[["region", "بقاع"]], true, "2026-06-01", null]);
    const doneKey = JSON.stringify([[["region", "north.east"]], false, "2026-06-01", "2026-06-02"]);
    const cube = aCube([aCell("one")], {
      activity: [
        { key: draftKey, responses: 2 },
        { key: doneKey, responses: 1 },
      ],
    });
    const drafts = Array.from({ length: 700 }, (_, index) => ({ responseId: `d${index}`, activityKey: draftKey }));
    await store.summaryCells.replace(cube, [{ responseId: "s1", cellKey: "one" }], [...drafts, { responseId: "s1", activityKey: doneKey }]);
    expect(byKey(await store.summaryCells.load(SURVEY, cube.foldKey))).toEqual({ [draftKey]: 2, [doneKey]: 1 });
    const found = await store.summaryCells.activityOf(SURVEY, ["d0", "d699", "s1", "unknown"]);
    expect(found).toEqual(
      new Map([
        ["d0", draftKey],
        ["d699", draftKey],
        ["s1", doneKey],
      ]),
    );

    const isWritten = await store.summaryCells.update({
      surveyId: SURVEY,
      foldKey: cube.foldKey,
      expectedSequence: 4,
      sequence: 5,
      cells: [],
      removedCells: [],
      memberships: [],
      activity: [
        { key: draftKey, responses: 0 },
        { key: doneKey, responses: 3 },
      ],
      activityMemberships: [
        { responseId: "d0", activityKey: doneKey },
        { responseId: "d1", activityKey: null },
      ],
    });
    expect(isWritten).toBe(true);
    expect(byKey(await store.summaryCells.load(SURVEY, cube.foldKey))).toEqual({ [doneKey]: 3 });
    expect(await store.summaryCells.activityOf(SURVEY, ["d0", "d1", "d2"])).toEqual(
      new Map([
        ["d0", doneKey],
        ["d2", draftKey],
      ]),
    );

    await store.summaryCells.replace(aCube([], { sequence: 9 }), [], []);
    expect((await store.summaryCells.load(SURVEY, cube.foldKey))?.activity).toEqual([]);
    expect(await store.summaryCells.activityOf(SURVEY, ["d0", "d2"])).toEqual(new Map());
  });

  it("keeps the cube across closing and reopening", async () => {
    const cube = aCube([aCell("one")]);
    await store.summaryCells.replace(cube, [{ responseId: "r1", cellKey: "one" }], []);
    await store.close();
    store = await adapter.open();
    expect(readableCube(await store.summaryCells.load(SURVEY, cube.foldKey))).toEqual(readableCube(cube));
  });

  it("holds cells whose merge gives the figures of a fold from scratch, for every breakdown and month filter", async () => {
    const answers = [
      { region: "north", service: "water", households: 120, condition: { pipes: { state: "good" } } },
      { region: "north", service: "waste", households: 40 },
      { region: "بقاع", service: "water", condition: { pumps: { state: "poor" }, pipes: { state: "poor" } } },
      { region: "south" },
      { service: "water", households: 7 },
    ];
    const months = [new Date("2026-05-31T23:59:59Z"), new Date("2026-06-01T00:00:00Z"), new Date("2026-07-15T10:00:00Z")];
    await store.responses.insertMany(answers.map((answer, index) => aSubmission(answer, months[index % months.length] as Date)));
    const questionnaire = { id: SURVEY, version: VERSION, definition: DEFINITION };
    const shapes = new QuestionnaireShapes(store);
    const cube = await buildCube({ store, shapes, cubes: new SummaryCubes() }, questionnaire, await store.responses.changeSequence(SURVEY));
    const stored = await store.summaryCells.load(SURVEY, cube.foldKey);
    expect(stored?.cells).toHaveLength(cube.cells.size);
    const filters: { cell: CellFilter; store: Omit<ResponseFilter, "surveyId"> }[] = [
      { cell: {}, store: {} },
      { cell: { breakdown: { region: "north" } }, store: { breakdown: { region: "north" } } },
      {
        cell: { breakdown: { service: "water" }, fromMonth: "2026-06" },
        store: { breakdown: { service: "water" }, submittedFrom: new Date("2026-06-01T00:00:00Z") },
      },
      { cell: { beforeMonth: "2026-07" }, store: { submittedBefore: new Date("2026-07-01T00:00:00Z") } },
    ];
    for (const filter of filters) {
      const fromScratch = await foldResponses(store, shapes, questionnaire, { surveyId: SURVEY, status: "submitted", ...filter.store });
      expect(comparableSummary(mergeCells(stored?.cells ?? [], filter.cell, () => SHAPE))).toEqual(comparableSummary(fromScratch));
    }
    expect(mergeCells(stored?.cells ?? [], {}, () => SHAPE).groups[ALL_RESPONDENTS]?.respondents).toBe(5);
    // And the same figures as a fold of the whole list, by hand.
    const byHand = answers.reduce((summary, answer) => foldResponse(summary, { answers: answer, shape: SHAPE }), emptySummary());
    expect(comparableSummary(mergeCells(stored?.cells ?? [], {}, () => SHAPE))).toEqual(comparableSummary(byHand));
  });
}

describe("summary cell store contract: embedded (SQLite)", () => contract(embedded));

(MONGODB_URI ? describe : describe.skip)("summary cell store contract: MongoDB", () => contract(() => mongodb(MONGODB_URI ?? "")));
