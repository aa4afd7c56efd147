import {
  ALL_RESPONDENTS,
  addAnswer,
  createAccumulator,
  describeNumbers,
  emptySummary,
  foldResponse,
  mergeAccumulatorInto,
  mergeAccumulators,
  mergeSummaries,
  readQuestionnaireShape,
  type Accumulator,
  type QuestionShape,
  type QuestionnaireShape,
} from "@passerelle/shared";

const single: QuestionShape = { name: "kind", kind: "single", choices: ["municipality", "union"] };
const multi: QuestionShape = { name: "modes", kind: "multi", choices: ["training", "expertise", "other"] };
const ranking: QuestionShape = { name: "themes", kind: "ranking", choices: ["water", "health", "energy"], maxRanked: 3 };
const numeric: QuestionShape = { name: "population", kind: "numeric", choices: [] };
const rating: QuestionShape = { name: "readiness", kind: "numeric", choices: ["1", "2", "3", "4", "5"] };
const yesNo: QuestionShape = { name: "host", kind: "boolean", choices: [] };
const matrix: QuestionShape = { name: "capacity", kind: "matrix", choices: [], rows: ["staff", "budget"], columns: ["low", "high"] };
const text: QuestionShape = { name: "need", kind: "text", choices: [] };

function accumulate(question: QuestionShape, values: unknown[]): Accumulator {
  const acc = createAccumulator(question);
  for (const value of values) addAnswer(acc, question, value);
  return acc;
}

describe("accumulators", () => {
  it.each<[string, QuestionShape, unknown[], Accumulator]>([
    ["single choice", single, ["union", "municipality", "union", undefined, "ministry"], { kind: "counts", n: 3, counts: { municipality: 1, union: 2 } }],
    [
      "multiple choice, respondents as the base",
      multi,
      [["training", "expertise"], ["training"], [], ["other", "training", "training"]],
      { kind: "counts", n: 3, counts: { training: 3, expertise: 1, other: 1 } },
    ],
    ["yes / no", yesNo, [true, false, true, null], { kind: "counts", n: 3, counts: { true: 2, false: 1 } }],
    [
      "rankings of different lengths (Borda on 3)",
      ranking,
      [["water", "health"], ["health"], ["energy", "water", "health"], ["tourism"]],
      {
        kind: "ranking",
        n: 3,
        items: {
          water: { ranked: 2, rankSum: 3, first: 1, score: 3 + 2 },
          health: { ranked: 3, rankSum: 2 + 1 + 3, first: 1, score: 2 + 3 + 1 },
          energy: { ranked: 1, rankSum: 1, first: 1, score: 3 },
        },
      },
    ],
    [
      "numeric input",
      numeric,
      [100, 300, "200", Number.NaN, 200],
      { kind: "numeric", n: 3, sum: 600, min: 100, max: 300, distribution: { form: "exact", keys: [100, 200, 300], counts: [1, 1, 1] } },
    ],
    [
      "rating within its scale",
      rating,
      [5, 3, 9, "4"],
      { kind: "numeric", n: 3, sum: 12, min: 3, max: 5, distribution: { form: "exact", keys: [3, 4, 5], counts: [1, 1, 1] } },
    ],
    [
      "matrix row × column",
      matrix,
      [{ staff: "low", budget: "high" }, { staff: "low" }, { salary: "high" }],
      { kind: "matrix", n: 2, cells: { staff: { low: 2, high: 0 }, budget: { low: 0, high: 1 } } },
    ],
    ["text answered", text, ["Water network", "  ", "", "Schools"], { kind: "text", n: 2 }],
  ])("%s", (_label, question, values, expected) => {
    expect(accumulate(question, values)).toEqual(expected);
  });

  it.each<[string, QuestionShape, unknown[], unknown[]]>([
    ["counts", multi, [["training"], ["expertise", "other"]], [["training", "other"]]],
    ["rankings", ranking, [["water", "health"], ["energy"]], [["health", "water", "energy"]]],
    ["numbers", numeric, [4, 8], [1, 15]],
    ["matrices", matrix, [{ staff: "low" }], [{ staff: "high", budget: "low" }]],
    ["texts", text, ["a"], ["b", "c"]],
  ])("merging two partial %s equals accumulating everything at once", (_label, question, first, second) => {
    const merged = mergeAccumulators(accumulate(question, first), accumulate(question, second));
    expect(merged).toEqual(accumulate(question, [...first, ...second]));
  });

  it("merges figures of a question asked as two kinds to the same result in any order, never failing", () => {
    // Versions that asked the same question as a number and as a choice.
    const asChoice = { ...single, name: "population", choices: ["small", "large"] };
    const parts = [accumulate(asChoice, ["small"]), accumulate(numeric, [4, 8]), accumulate(asChoice, ["large", "small"])];
    const orders = [
      [0, 1, 2],
      [2, 1, 0],
      [1, 0, 2],
    ];
    const results = orders.map((order) => order.map((index) => parts[index] as Accumulator).reduce((whole, part) => mergeAccumulators(whole, part)));
    const inPlace = orders.map((order) => {
      const [first, ...rest] = order.map((index) => structuredClone(parts[index] as Accumulator));
      for (const part of rest) mergeAccumulatorInto(first as Accumulator, part);
      return first;
    });
    for (const result of [...results, ...inPlace]) expect(result).toEqual(results[0]);
    expect(results[0]).toEqual({ kind: "counts", n: 3, counts: { small: 2, large: 1 } });
  });

  it("describes numbers with mean and median", () => {
    const acc = accumulate(numeric, [10, 40, 20, 30]);
    expect(acc.kind === "numeric" && describeNumbers(acc)).toEqual({ n: 4, mean: 25, median: 25, isMedianExact: true, min: 10, max: 40 });
    const empty = createAccumulator(numeric);
    expect(empty.kind === "numeric" && describeNumbers(empty)).toEqual({ n: 0, mean: null, median: null, isMedianExact: true, min: null, max: null });
  });
});

describe("the statistics fold", () => {
  const versionOne = readQuestionnaireShape({
    breakdownFields: ["governorate"],
    pages: [
      {
        elements: [
          { type: "dropdown", name: "governorate", choices: ["north", "south"] },
          { type: "ranking", name: "themes", maxSelectedChoices: 2, choices: [{ value: "water", theme: "water" }, "health", "energy"] },
          { type: "checkbox", name: "modes", choices: ["training", "expertise"], showOtherItem: true },
        ],
      },
    ],
  });
  // Version two adds a theme and drops the "other" item.
  const versionTwo: QuestionnaireShape = readQuestionnaireShape({
    breakdownFields: ["governorate"],
    pages: [
      {
        elements: [
          { type: "dropdown", name: "governorate", choices: ["north", "south"] },
          { type: "ranking", name: "themes", maxSelectedChoices: 2, choices: ["water", "health", "energy", "sport"] },
          { type: "checkbox", name: "modes", choices: ["training", "expertise"] },
          { type: "text", name: "population", inputType: "number" },
        ],
      },
    ],
  });
  const responses = [
    { shape: versionOne, answers: { governorate: "north", themes: ["water", "health"], modes: ["training", "other"] } },
    { shape: versionOne, answers: { governorate: "south", themes: ["health"] } },
    { shape: versionTwo, answers: { governorate: "north", themes: ["sport", "water"], modes: ["expertise"], population: 5000 } },
    { shape: versionTwo, answers: { themes: ["water"], modes: ["other"] } },
  ];

  it("reads the questionnaire's questions, kinds and themes", () => {
    expect(versionOne.breakdownFields).toEqual(["governorate"]);
    expect(versionOne.questions).toEqual([
      { name: "governorate", kind: "single", choices: ["north", "south"] },
      { name: "themes", kind: "ranking", choices: ["water", "health", "energy"], maxRanked: 2, choiceThemes: { water: "water" } },
      { name: "modes", kind: "multi", choices: ["training", "expertise", "other"] },
    ]);
  });

  it("computes every group in one pass, each response against its own version", () => {
    const summary = responses.reduce(foldResponse, emptySummary());
    expect(Object.keys(summary.groups).sort()).toEqual([ALL_RESPONDENTS, "governorate=north", "governorate=south"].sort());
    const everyone = summary.groups[ALL_RESPONDENTS]!;
    expect(everyone.respondents).toBe(4);
    expect(everyone.questions.themes).toEqual({
      kind: "ranking",
      n: 4,
      items: {
        water: { ranked: 3, rankSum: 1 + 2 + 1, first: 2, score: 2 + 1 + 2 },
        health: { ranked: 2, rankSum: 2 + 1, first: 1, score: 1 + 2 },
        energy: { ranked: 0, rankSum: 0, first: 0, score: 0 },
        sport: { ranked: 1, rankSum: 1, first: 1, score: 2 },
      },
    });
    // "other" was a choice of version one only: the last response's "other" is not counted.
    expect(everyone.questions.modes).toEqual({ kind: "counts", n: 2, counts: { training: 1, expertise: 1, other: 1 } });
    expect(everyone.questions.population).toMatchObject({ kind: "numeric", n: 1, sum: 5000 });
    const north = summary.groups["governorate=north"]!;
    expect(north.respondents).toBe(2);
    expect(north.questions.themes).toMatchObject({ n: 2, items: { water: { ranked: 2, first: 1 }, sport: { first: 1 } } });
    expect(summary.groups["governorate=south"]?.respondents).toBe(1);
  });

  it("gives the same summary whether folded whole or in two merged parts", () => {
    const whole = responses.reduce(foldResponse, emptySummary());
    const firstHalf = responses.slice(0, 1).reduce(foldResponse, emptySummary());
    const secondHalf = responses.slice(1).reduce(foldResponse, emptySummary());
    expect(mergeSummaries(firstHalf, secondHalf)).toEqual(whole);
    expect(mergeSummaries(secondHalf, firstHalf).groups[ALL_RESPONDENTS]?.respondents).toBe(4);
  });
});
