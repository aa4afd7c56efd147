import fc from "fast-check";
import {
  addAnswer,
  createAccumulator,
  foldResponse,
  emptySummary,
  mergeAccumulators,
  MAX_OBSERVED_VALUES,
  presentAccumulator,
  readQuestionnaireShape,
  type Accumulator,
  type QuestionShape,
} from "@passerelle/shared";
import { ENGINE_FIXTURES, allTypesAnswers, engineFixture } from "../../support/engine-fixtures";

const questions = new Map(readQuestionnaireShape(engineFixture(ENGINE_FIXTURES.allTypes)).questions.map((question) => [question.name, question]));
const runtime = new Map(readQuestionnaireShape(engineFixture(ENGINE_FIXTURES.runtimeChoices)).questions.map((question) => [question.name, question]));
const question = (name: string, from = questions) => from.get(name) as QuestionShape;

function accumulate(shape: QuestionShape, values: unknown[]): Accumulator {
  const acc = createAccumulator(shape);
  for (const value of values) addAnswer(acc, shape, value);
  return acc;
}

describe("accumulators of groups, computed values, files and runtime choices", () => {
  it("counts a multiple text per item", () => {
    const acc = accumulate(question("staff"), [{ paid: 3, head: "Rana" }, { paid: 5 }, {}, "not an object"]);
    expect(acc).toMatchObject({
      kind: "group",
      n: 2,
      entries: 2,
      parts: { paid: { kind: "numeric", n: 2, sum: 8 }, volunteers: { n: 0 }, head: { kind: "text", n: 1 } },
    });
  });

  it("counts a matrix of dropdowns per row × column", () => {
    const acc = accumulate(question("equipment"), [allTypesAnswers().equipment, { pumps: { state: "enough", uses: ["weekly", "daily"] } }]);
    expect(acc).toMatchObject({
      kind: "group",
      n: 2,
      parts: {
        "trucks.state": { kind: "counts", n: 1, counts: { some: 1, none: 0 } },
        "trucks.count": { kind: "numeric", sum: 2 },
        "trucks.working": { kind: "counts", counts: { true: 1, false: 0 } },
        "pumps.state": { kind: "counts", n: 2, counts: { none: 1, enough: 1 } },
        "pumps.uses": { kind: "counts", n: 1, counts: { daily: 1, weekly: 1 } },
      },
    });
  });

  it("counts a dynamic matrix and a dynamic panel across every row, with the number of rows", () => {
    const projects = accumulate(question("projects"), [allTypesAnswers().projects, [{ sector: "water" }, {}], []]);
    expect(projects).toMatchObject({
      kind: "group",
      n: 2,
      entries: 3,
      parts: { sector: { n: 3, counts: { water: 2, energy: 1 } }, cost: { n: 2, sum: 6000 } },
    });
    const sites = accumulate(question("sites"), [[{ site_kind: "clinic" }, { site_kind: "school", site_needs: ["water"] }]]);
    expect(sites).toMatchObject({ n: 1, entries: 2, parts: { site_kind: { counts: { clinic: 1, school: 1 } }, site_needs: { n: 1 } } });
  });

  it("counts files and signatures as answered, never reading them", () => {
    expect(accumulate(question("plan_file"), [allTypesAnswers().plan_file, [], undefined])).toEqual({ kind: "text", n: 1 });
    expect(accumulate(question("signature"), [allTypesAnswers().signature, ""])).toEqual({ kind: "text", n: 1 });
  });

  it("summarises computed values as numbers, and words as observed choices", () => {
    const acc = accumulate(question("staff_total"), [5, 7, "many", "many", Number.NaN, null, { x: 1 }]);
    expect(acc).toMatchObject({ kind: "values", n: 4, numbers: { n: 2, sum: 12 }, counts: { many: 2 } });
    expect(presentAccumulator(acc)).toMatchObject({ kind: "values", numbers: { mean: 6, median: 6 }, counts: { many: 2 } });
  });

  it("counts the values given to a question whose choices load at run time, none reaching the prototype, within a cap", () => {
    const country = question("country", runtime);
    const acc = accumulate(country, ["Lebanon", "France", "Lebanon", "__proto__", "constructor", "", ["Spain"]]);
    expect(acc).toEqual({ kind: "counts", n: 4, counts: { Lebanon: 2, France: 1, Spain: 1 } });
    expect(Object.getPrototypeOf((acc as { counts: object }).counts)).toBe(Object.prototype);
    const many = accumulate(
      country,
      Array.from({ length: MAX_OBSERVED_VALUES + 50 }, (_, index) => `country ${index}`),
    );
    expect(Object.keys((many as { counts: object }).counts)).toHaveLength(MAX_OBSERVED_VALUES);
  });

  it("counts a question whose choices come from another question against the source's choices", () => {
    expect(accumulate(question("best", runtime), ["apple", "fig", "kiwi"])).toMatchObject({ n: 2, counts: { apple: 1, pear: 0, fig: 1 } });
  });

  it("merges two partial accumulators of any group into the accumulator of everything", () => {
    const shapes = ["staff", "equipment", "projects", "sites", "staff_total"].map((name) => question(name));
    const answers = fc.record({
      staff: fc.record({ paid: fc.integer({ min: 0, max: 50 }), head: fc.string() }, { requiredKeys: [] }),
      equipment: fc.record({ trucks: fc.record({ state: fc.constantFrom("none", "some", "enough"), count: fc.integer() }, { requiredKeys: [] }) }),
      projects: fc.array(fc.record({ sector: fc.constantFrom("water", "energy"), cost: fc.integer({ min: 0, max: 1e6 }) }, { requiredKeys: [] }), {
        maxLength: 4,
      }),
      sites: fc.array(fc.record({ site_kind: fc.constantFrom("school", "clinic"), site_needs: fc.subarray(["power", "water"]) }, { requiredKeys: [] }), {
        maxLength: 3,
      }),
      staff_total: fc.oneof(fc.integer(), fc.constantFrom("few", "many")),
    });
    fc.assert(
      fc.property(fc.array(answers, { maxLength: 6 }), fc.array(answers, { maxLength: 6 }), (first, second) => {
        for (const shape of shapes) {
          const valuesOf = (list: Record<string, unknown>[]) => list.map((entry) => entry[shape.name]);
          const merged = mergeAccumulators(accumulate(shape, valuesOf(first)), accumulate(shape, valuesOf(second)));
          expect(merged).toEqual(accumulate(shape, [...valuesOf(first), ...valuesOf(second)]));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("folds a whole response without counting a dynamic panel's questions as top-level ones", () => {
    const shape = readQuestionnaireShape(engineFixture(ENGINE_FIXTURES.allTypes));
    const summary = foldResponse(emptySummary(), { shape, answers: allTypesAnswers() });
    const everyone = summary.groups["*"]!;
    expect(Object.keys(everyone.questions)).not.toContain("site_kind");
    expect(everyone.questions.sites).toMatchObject({ n: 1, entries: 1 });
    expect(summary.groups["region=north"]?.respondents).toBe(1);
    for (const [name, acc] of Object.entries(everyone.questions)) expect([name, acc.n]).toEqual([name, 1]);
  });
});
