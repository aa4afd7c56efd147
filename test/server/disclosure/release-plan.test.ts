import fc from "fast-check";
import { planRelease, type Atom, type GroupRef } from "../../../server/src/disclosure/release-plan";
import { fuzzParameters } from "../../support/fuzz";

const DIMENSIONS = ["region", "kind"];

function atoms(...rows: [string, string, number][]): Atom[] {
  return rows.map(([region, kind, respondents]) => ({ values: [region, kind], respondents }));
}

function withheld(plan: ReturnType<typeof planRelease>, groups: GroupRef[]): string[] {
  return groups.filter((group) => !plan.isReleased(group)).map((group) => (group.dimension ? `${group.dimension}=${group.value}` : "*"));
}

const EVERY_GROUP: GroupRef[] = [
  {},
  ...["north", "south", "akkar", "bekaa"].map((value) => ({ dimension: "region", value })),
  ...["municipality", "union"].map((value) => ({ dimension: "kind", value })),
];

describe("the release plan", () => {
  it.each<[string, Atom[], string[]]>([
    ["releases every group when all are large enough", atoms(["north", "municipality", 5], ["south", "union", 4]), []],
    [
      "withholds a small group and the smallest other group of its table, so the whole minus the rest does not give it",
      atoms(["north", "municipality", 6], ["south", "municipality", 4], ["akkar", "municipality", 1]),
      ["region=south", "region=akkar"],
    ],
    [
      "withholds both kinds when one of two kinds is small: the whole minus one would give the other",
      atoms(["north", "municipality", 6], ["south", "municipality", 4], ["akkar", "union", 1]),
      ["region=south", "region=akkar", "kind=municipality", "kind=union"],
    ],
    [
      "needs nothing more when two groups of the table are small already",
      atoms(["north", "municipality", 6], ["akkar", "municipality", 1], ["bekaa", "municipality", 2]),
      ["region=akkar", "region=bekaa"],
    ],
    ["withholds everything when the whole is smaller than the minimum", atoms(["north", "municipality", 2]), ["*", "region=north", "kind=municipality"]],
  ])("%s", (_name, given, expected) => {
    const plan = planRelease({ dimensions: DIMENSIONS, atoms: given, minGroupSize: 3 });
    expect(withheld(plan, EVERY_GROUP).sort()).toEqual(expected.sort());
  });

  it("releases an empty group: it reveals nobody", () => {
    const plan = planRelease({ dimensions: DIMENSIONS, atoms: atoms(["north", "municipality", 5]), minGroupSize: 3 });
    expect(plan.isReleased({ dimension: "region", value: "bekaa" })).toBe(true);
    expect(plan.respondents({ dimension: "region", value: "bekaa" })).toBe(0);
  });

  it("leaves no withheld group and no small atom a combination of released groups, whatever the data", () => {
    const atomArbitrary = fc.record({
      values: fc.tuple(fc.constantFrom("a", "b", "c", "d", ""), fc.constantFrom("x", "y"), fc.constantFrom("m1", "m2", "m3")),
      respondents: fc.integer({ min: 1, max: 6 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(atomArbitrary, { minLength: 1, maxLength: 14, selector: (atom) => atom.values.join("|") }), (given) => {
        const dimensions = ["region", "kind", "month"];
        const plan = planRelease({ dimensions, atoms: given, minGroupSize: 3 });
        const groups: GroupRef[] = [
          {},
          ...dimensions.flatMap((dimension, d) => [...new Set(given.map((atom) => atom.values[d] as string))].map((value) => ({ dimension, value }))),
        ];
        const isIn = (group: GroupRef, atom: (typeof given)[number]) =>
          group.dimension === undefined || atom.values[dimensions.indexOf(group.dimension)] === group.value;
        const released = groups.filter((group) => plan.isReleased(group)).map((group) => given.map((atom) => (isIn(group, atom) ? 1 : 0)));
        const targets = [
          ...groups.filter((group) => !plan.isReleased(group)).map((group) => given.map((atom) => (isIn(group, atom) ? 1 : 0))),
          ...given.flatMap((atom, index) => (atom.respondents < 3 ? [given.map((_, other) => (other === index ? 1 : 0))] : [])),
        ];
        for (const target of targets) expect(isInSpan(released, target)).toBe(false);
        // Primary suppression: every released non-empty group has at least the minimum.
        for (const group of groups.filter((candidate) => plan.isReleased(candidate))) expect(plan.respondents(group)).toBeGreaterThanOrEqual(3);
      }),
      fuzzParameters(200),
    );
  });
});

// An independent check in floating point: is the target a combination of the rows?
function isInSpan(rows: number[][], target: number[]): boolean {
  const basis: { row: number[]; pivot: number }[] = [];
  const reduce = (vector: number[]) => {
    const result = [...vector];
    for (const { row, pivot } of basis) {
      const factor = result[pivot] as number;
      if (Math.abs(factor) > 1e-9) row.forEach((entry, index) => (result[index] = (result[index] as number) - factor * entry));
    }
    return result;
  };
  for (const candidate of rows) {
    const reduced = reduce(candidate);
    const pivot = reduced.findIndex((entry) => Math.abs(entry) > 1e-9);
    if (pivot >= 0) basis.push({ row: reduced.map((entry) => entry / (reduced[pivot] as number)), pivot });
  }
  return reduce(target).every((entry) => Math.abs(entry) <= 1e-9);
}
