import {
  addFiguresInto,
  compileLayout,
  createAccumulator,
  emptyFigures,
  emptySummary,
  estimateSummaryBytes,
  foldResponse,
  mergeCells,
  type SummaryCell,
  mergeSummaries,
  packGroup,
  parseCell,
  serialiseCell,
  unpackGroup,
  ALL_RESPONDENTS,
  type GroupSummary,
  type QuestionnaireShape,
} from "@passerelle/shared";
import { comparableSummary } from "../../support/comparable-summary";

// One question of every kind the layout plans, runtime choices and a group among them.
const SHAPE: QuestionnaireShape = {
  breakdownFields: [],
  questions: [
    { name: "kind", kind: "single", choices: ["municipality", "union"] },
    { name: "partner", kind: "single", choices: [], openChoices: true },
    { name: "modes", kind: "multi", choices: ["training", "expertise"] },
    { name: "themes", kind: "ranking", choices: ["water", "health", "energy"], maxRanked: 2 },
    { name: "population", kind: "numeric", choices: [] },
    { name: "readiness", kind: "numeric", choices: ["1", "2", "3"] },
    { name: "host", kind: "boolean", choices: [] },
    { name: "capacity", kind: "matrix", choices: [], rows: ["staff", "budget"], columns: ["low", "high"] },
    { name: "need", kind: "text", choices: [] },
    { name: "score", kind: "expression", choices: [] },
    {
      name: "sites",
      kind: "group",
      choices: [],
      repeated: true,
      groupType: "paneldynamic",
      parts: [
        { name: "depth", kind: "numeric", choices: [], path: ["depth"] },
        { name: "kind", kind: "single", choices: ["well", "tank"], path: ["kind"] },
      ],
    },
  ],
};

const ANSWERS: Record<string, unknown>[] = [
  { kind: "union", partner: "Lyon", modes: ["training"], themes: ["health", "water", "energy"], population: 1200, readiness: 2, host: true },
  {
    kind: "municipality",
    partner: "Nantes",
    capacity: { staff: "low", budget: "high" },
    need: "pumps",
    score: 7,
    sites: [{ depth: 30, kind: "well" }, { kind: "tank" }],
  },
  { partner: "Lyon", population: 80, readiness: 3, score: "high", sites: [{ depth: 12 }] },
  {},
];

function foldOf(answers: Record<string, unknown>[]): GroupSummary {
  const summary = answers.reduce((folded, entry) => foldResponse(folded, { answers: entry, shape: SHAPE }), emptySummary());
  return summary.groups[ALL_RESPONDENTS] ?? { respondents: 0, questions: {} };
}

const comparable = (group: GroupSummary) => comparableSummary({ groups: { group } });

describe("packing a group's figures against its version's layout", () => {
  const layout = compileLayout(SHAPE);

  it.each([
    ["one respondent", ANSWERS.slice(0, 1)],
    ["runtime choices, computed words and a dynamic panel", ANSWERS],
  ])("unpacks to the figures packed: %s", (_case, answers) => {
    const group = foldOf(answers);
    expect(comparable(unpackGroup(packGroup(group, layout), layout))).toEqual(comparable(group));
  });

  it("keeps what the layout has no slot for: observed runtime choices, words of a computed value, a question of no version", () => {
    const group = foldOf(ANSWERS);
    group.questions.retired = { kind: "counts", n: 1, counts: { yes: 1 } };
    const packed = packGroup(group, layout);
    expect(Object.keys(packed.residual).sort()).toEqual(["partner", "retired", "score"]);
    expect(comparable(unpackGroup(packed, layout))).toEqual(comparable(group));
  });

  it("adds packed figures as the accumulators merge: sums, least and greatest values, lists of numbers", () => {
    const first = foldOf(ANSWERS.slice(0, 2));
    const second = foldOf(ANSWERS.slice(2));
    const sum = emptyFigures(layout);
    addFiguresInto(sum, packGroup(first, layout), layout);
    addFiguresInto(sum, packGroup(second, layout), layout);
    const merged = mergeSummaries({ groups: { all: first } }, { groups: { all: second } }).groups.all as GroupSummary;
    expect(comparable(unpackGroup(sum, layout))).toEqual(comparable(merged));
    expect(comparable(unpackGroup(sum, layout))).toEqual(comparable(foldOf(ANSWERS)));
  });

  it("merges cells when a view first reads a group's questions, whatever their order, to the figures of a fold", () => {
    const cells: SummaryCell[] = ANSWERS.map((answers, index) => ({
      key: `cell${index}`,
      version: "v1",
      month: "2026-06",
      breakdown: {},
      groupKeys: [`region=r${index % 2}`],
      figures: packGroup(foldOf([answers]), layout),
    }));
    const merged = mergeCells(cells, {}, () => SHAPE);
    const everyone = merged.groups[ALL_RESPONDENTS] as GroupSummary;
    // Read back to front, one at a time, then the group as a whole.
    const read: GroupSummary = { respondents: everyone.respondents, questions: {} };
    for (const name of Object.keys(everyone.questions).reverse()) read.questions[name] = everyone.questions[name]!;
    expect(comparable(read)).toEqual(comparable(foldOf(ANSWERS)));
    expect(comparable(everyone)).toEqual(comparable(foldOf(ANSWERS)));
    expect(comparable(merged.groups["region=r1"] as GroupSummary)).toEqual(comparable(foldOf([ANSWERS[1]!, ANSWERS[3]!])));
  });

  it("refuses figures packed against another layout", () => {
    const other = compileLayout({ breakdownFields: [], questions: SHAPE.questions.slice(0, 3) });
    expect(() => addFiguresInto(emptyFigures(layout), emptyFigures(other), layout)).toThrow(/do not fit/);
  });

  it("reads back a cell written for a store, infinities of a residual accumulator with no number included", () => {
    const group = foldOf(ANSWERS);
    group.questions.retired = { kind: "numeric", n: 0, sum: 0, min: Infinity, max: -Infinity, distribution: { form: "exact", keys: [], counts: [] } };
    const cell = { key: "k", version: "v1", month: "2026-06", breakdown: { region: "بقاع" }, groupKeys: ["region=بقاع"], figures: packGroup(group, layout) };
    const read = parseCell(serialiseCell(cell));
    expect({ ...read, figures: undefined }).toEqual({ ...cell, figures: undefined });
    expect(comparable(unpackGroup(read.figures, layout))).toEqual(comparable(group));
    expect(read.figures.residual.retired).toEqual({
      kind: "numeric",
      n: 0,
      sum: 0,
      min: Infinity,
      max: -Infinity,
      distribution: { form: "exact", keys: [], counts: [] },
    });
  });

  it("merges many cells of many different numbers into a summary whose size does not grow with them", () => {
    // 800 cells of 300 respondents, each answering a population of its own: 240,000 numbers.
    const cells: SummaryCell[] = Array.from({ length: 800 }, (_, cell) => {
      const answers = Array.from({ length: 300 }, (_, index) => ({ population: 50 + cell * 300 + index, readiness: 1 + (index % 3) }));
      const coordinates = { version: "v1", month: "2026-06", breakdown: { region: `r${cell % 9}` }, groupKeys: [`region=r${cell % 9}`] };
      return { key: `cell${cell}`, ...coordinates, figures: packGroup(foldOf(answers), layout) };
    });
    const merged = mergeCells(cells, {}, () => SHAPE);
    const estimate = estimateSummaryBytes(merged);
    const written = 2 * JSON.stringify(merged).length;
    // Made without unpacking, the estimate is no less than what the summary holds, and both stay
    // far below the summary cache's bound (the numbers alone would weigh 4 MB as JSON).
    expect(estimate).toBeGreaterThanOrEqual(written);
    expect(estimate).toBeLessThan(1_000_000);
    expect(written).toBeLessThan(200_000);
    const everyone = merged.groups[ALL_RESPONDENTS]?.questions.population;
    expect(everyone).toMatchObject({ kind: "numeric", n: 240_000, min: 50, max: 240_049 });
    expect(everyone?.kind === "numeric" && everyone.distribution.form).toBe("buckets");
    const readiness = merged.groups[ALL_RESPONDENTS]?.questions.readiness;
    expect(readiness?.kind === "numeric" && readiness.distribution).toEqual({ form: "exact", keys: [1, 2, 3], counts: [80_000, 80_000, 80_000] });
  });

  it("gives a question only older versions answered, asked as another kind, as the current kind with nothing counted", () => {
    const asRanges: QuestionnaireShape = {
      ...SHAPE,
      questions: SHAPE.questions.map((question) =>
        question.name === "population" ? { name: "population", kind: "single", choices: ["small", "large"] } : question,
      ),
    };
    const olderAnswers = [{ population: "large", readiness: 2 }];
    const older = foldResponse(emptySummary(), { answers: olderAnswers[0] as Record<string, unknown>, shape: asRanges }).groups[
      ALL_RESPONDENTS
    ] as GroupSummary;
    const cell: SummaryCell = { key: "old", version: "v0", month: "2026-06", breakdown: {}, groupKeys: [], figures: packGroup(older, compileLayout(asRanges)) };
    const merged = mergeCells([cell], {}, () => asRanges, SHAPE);
    const questions = merged.groups[ALL_RESPONDENTS]?.questions ?? {};
    expect(questions.population).toEqual(createAccumulator(SHAPE.questions.find((question) => question.name === "population")!));
    expect(Object.values(questions).every((acc) => acc !== undefined)).toBe(true);
    expect(questions.readiness).toMatchObject({ kind: "numeric", n: 1 });
  });
});
