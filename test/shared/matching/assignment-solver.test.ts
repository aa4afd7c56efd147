import fc from "fast-check";
import { findBlockingPairs, solveAssignment, type AssignmentProblem } from "@passerelle/shared";

/** Every subset of pairs within capacities; the largest total gain. Exponential: small instances only. */
function bruteForceBest(problem: AssignmentProblem): number {
  const left = problem.leftCapacities.map(() => 0);
  const right = problem.rightCapacities.map(() => 0);
  let best = 0;
  const visit = (index: number, total: number) => {
    if (index === problem.pairs.length) {
      best = Math.max(best, total);
      return;
    }
    visit(index + 1, total);
    const pair = problem.pairs[index]!;
    if (left[pair.left]! < problem.leftCapacities[pair.left]! && right[pair.right]! < problem.rightCapacities[pair.right]!) {
      left[pair.left]! += 1;
      right[pair.right]! += 1;
      visit(index + 1, total + pair.gain);
      left[pair.left]! -= 1;
      right[pair.right]! -= 1;
    }
  };
  visit(0, 0);
  return best;
}

const problems = fc.record({ leftCount: fc.integer({ min: 1, max: 5 }), rightCount: fc.integer({ min: 1, max: 4 }) }).chain(({ leftCount, rightCount }) =>
  fc.record({
    leftCapacities: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: leftCount, maxLength: leftCount }),
    rightCapacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: rightCount, maxLength: rightCount }),
    pairs: fc
      .uniqueArray(fc.tuple(fc.integer({ min: 0, max: leftCount - 1 }), fc.integer({ min: 0, max: rightCount - 1 })), {
        selector: ([l, r]) => `${l}-${r}`,
        maxLength: 12,
      })
      .chain((keys) => fc.tuple(...keys.map(([l, r]) => fc.integer({ min: 0, max: 1000 }).map((gain) => ({ left: l, right: r, gain }))))),
  }),
);

const totalOf = (problem: AssignmentProblem, chosen: number[]) => chosen.reduce((sum, index) => sum + problem.pairs[index]!.gain, 0);

describe("the assignment solver", () => {
  it("finds the largest total gain, as brute force does, on many small random instances", () => {
    fc.assert(
      fc.property(problems, (problem) => {
        expect(totalOf(problem, solveAssignment(problem))).toBe(bruteForceBest(problem));
      }),
      { numRuns: 600 },
    );
  });

  it("never exceeds a capacity and never repeats a pair", () => {
    fc.assert(
      fc.property(problems, (problem) => {
        const chosen = solveAssignment(problem);
        expect(new Set(chosen).size).toBe(chosen.length);
        problem.leftCapacities.forEach((capacity, left) => {
          expect(chosen.filter((index) => problem.pairs[index]!.left === left).length).toBeLessThanOrEqual(capacity);
        });
        problem.rightCapacities.forEach((capacity, right) => {
          expect(chosen.filter((index) => problem.pairs[index]!.right === right).length).toBeLessThanOrEqual(capacity);
        });
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    {
      name: "gives up a greedy first choice for a better total",
      problem: {
        leftCapacities: [1, 1],
        rightCapacities: [1, 1],
        pairs: [
          { left: 0, right: 0, gain: 10 },
          { left: 0, right: 1, gain: 9 },
          { left: 1, right: 0, gain: 8 },
        ],
      },
      total: 17,
    },
    { name: "leaves a pair of gain 0 out", problem: { leftCapacities: [1], rightCapacities: [1], pairs: [{ left: 0, right: 0, gain: 0 }] }, total: 0 },
    {
      name: "fills a French authority's several places",
      problem: { leftCapacities: [1, 1, 1], rightCapacities: [2], pairs: [0, 1, 2].map((left) => ({ left, right: 0, gain: 5 + left })) },
      total: 13,
    },
    { name: "has nothing to do without pairs", problem: { leftCapacities: [1], rightCapacities: [1], pairs: [] }, total: 0 },
  ])("$name", ({ problem, total }) => {
    expect(totalOf(problem, solveAssignment(problem))).toBe(total);
  });
});

describe("blocking pairs", () => {
  const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index}`, capacity: 1 }));

  it("finds none in the greedy matching by gain, which is stable when both sides rank by the same gain", () => {
    fc.assert(
      fc.property(problems, (problem) => {
        const lebanese = problem.leftCapacities.map((capacity, index) => ({ id: `l${index}`, capacity }));
        const french = problem.rightCapacities.map((capacity, index) => ({ id: `f${index}`, capacity }));
        const weighted = problem.pairs.map((pair) => ({ lebaneseId: `l${pair.left}`, frenchId: `f${pair.right}`, gain: pair.gain, score: pair.gain }));
        const used = new Map<string, number>();
        const chosen = [...weighted]
          .sort((a, b) => b.gain - a.gain)
          .filter((pair) => {
            const capacityOf = (id: string, list: typeof lebanese) => list.find((authority) => authority.id === id)!.capacity;
            if (
              pair.gain === 0 ||
              (used.get(pair.lebaneseId) ?? 0) >= capacityOf(pair.lebaneseId, lebanese) ||
              (used.get(pair.frenchId) ?? 0) >= capacityOf(pair.frenchId, french)
            )
              return false;
            used.set(pair.lebaneseId, (used.get(pair.lebaneseId) ?? 0) + 1);
            used.set(pair.frenchId, (used.get(pair.frenchId) ?? 0) + 1);
            return true;
          });
        const rest = weighted.filter((pair) => !chosen.includes(pair));
        expect(findBlockingPairs({ pairs: rest, chosen, lebanese, french })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("names the pair both sides prefer to the optimum's", () => {
    // The optimum pairs l0–f1 and l1–f0 (9 + 8 = 17) while l0 and f0 would rather be together (10).
    const weighted = [
      { lebaneseId: "l0", frenchId: "f0", gain: 10, score: 10 },
      { lebaneseId: "l0", frenchId: "f1", gain: 9, score: 9 },
      { lebaneseId: "l1", frenchId: "f0", gain: 8, score: 8 },
    ];
    const [blocking, ...chosen] = weighted;
    expect(findBlockingPairs({ pairs: [blocking!], chosen, lebanese: ids(2, "l"), french: ids(2, "f") })).toEqual([
      { lebaneseId: "l0", frenchId: "f0", score: 10 },
    ]);
  });

  it("does not count a pair one side does not prefer", () => {
    const chosen = [{ lebaneseId: "l0", frenchId: "f0", gain: 10, score: 10 }];
    const pairs = [{ lebaneseId: "l0", frenchId: "f1", gain: 5, score: 5 }];
    expect(findBlockingPairs({ pairs, chosen, lebanese: ids(1, "l"), french: ids(2, "f") })).toEqual([]);
  });
});
