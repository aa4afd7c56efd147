import fc from "fast-check";
import {
  addToDistribution,
  addAnswer,
  bucketKeyOf,
  createAccumulator,
  describeNumbers,
  DistributionBuilder,
  emptyDistribution,
  MAX_EXACT_VALUES,
  medianOf,
  mergeAccumulatorInto,
  mergeAccumulators,
  mergeDistributions,
  RELATIVE_ACCURACY,
  type NumberDistribution,
  type QuestionShape,
} from "@passerelle/shared";
import { fuzzParameters } from "../../support/fuzz";

// The median as a sorted list of every number gives it: the reference the distribution must match.
function sortedMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function oneByOne(values: readonly number[]): NumberDistribution {
  const distribution = emptyDistribution();
  for (const value of values) addToDistribution(distribution, value);
  return distribution;
}

function built(values: readonly number[]): NumberDistribution {
  const builder = new DistributionBuilder();
  for (const value of values) builder.add(value);
  return builder.settle();
}

// Numbers of every magnitude and sign, zeros (both) among them, and a few repeated often.
const anyNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1000, max: 1_000_000 }),
  fc.constantFrom(0, -0, 1, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 0.1, 12_500),
  // Integers where doubles are 2, 4, 8 apart: keys the dense window's arithmetic must not round.
  fc.integer({ min: -300, max: 300 }).map((step) => 2 ** 53 + 8 * step),
  fc.integer({ min: -300, max: 300 }).map((step) => -(2 ** 55) + 8 * step),
);
// Few distinct values (kept exactly) or many (counted by bucket), on either side of the bound.
const numberLists = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 300 }),
  fc.array(anyNumber, { minLength: 1, maxLength: 200 }),
  fc.integer({ min: MAX_EXACT_VALUES - 3, max: MAX_EXACT_VALUES + 300 }).map((distinct) => Array.from({ length: distinct }, (_, index) => index * 7.25 - 900)),
);

describe("distribution of numbers", () => {
  it("gives the exact median of up to the bound of distinct values, however many numbers", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 2000 }), (values) => {
        const distribution = built(values);
        expect(distribution.form).toBe("exact");
        expect(medianOf(distribution)).toEqual({ median: sortedMedian(values), isExact: true });
      }),
      fuzzParameters(200),
    );
  });

  it("keeps exact values up to the bound and counts by bucket from one more", () => {
    const atBound = Array.from({ length: MAX_EXACT_VALUES }, (_, index) => index + 0.5);
    expect(built(atBound).form).toBe("exact");
    expect(oneByOne(atBound).keys).toHaveLength(MAX_EXACT_VALUES);
    const beyond = [...atBound, -1];
    expect(built(beyond).form).toBe("buckets");
    expect(oneByOne(beyond).form).toBe("buckets");
    expect(mergeDistributions([built(atBound), built([-1])]).form).toBe("buckets");
  });

  it("reads the median from buckets within the relative accuracy, signs and zeros included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.constant(0)), { minLength: MAX_EXACT_VALUES + 1, maxLength: 3000 }),
        (values) => {
          fc.pre(new Set(values).size > MAX_EXACT_VALUES);
          const sorted = [...values].sort((a, b) => a - b);
          const middle = medianOf(built(values));
          expect(middle?.isExact).toBe(false);
          // Each middle number is read within the accuracy of itself, so their mean within that of the two.
          const lower = sorted[Math.floor((sorted.length - 1) / 2)] as number;
          const upper = sorted[Math.floor(sorted.length / 2)] as number;
          const tolerance = RELATIVE_ACCURACY * (Math.abs(lower) + Math.abs(upper)) * 0.5000001;
          expect(Math.abs((middle?.median as number) - sortedMedian(values))).toBeLessThanOrEqual(tolerance);
        },
      ),
      fuzzParameters(40),
    );
  });

  it("is the same distribution whatever the order of the numbers and however they were split and merged", () => {
    fc.assert(
      fc.property(numberLists, fc.array(fc.nat(), { maxLength: 6 }), fc.nat(), (values, cuts, seed) => {
        const whole = built(values);
        const shuffled = [...values].sort((a, b) => ((a * 31 + seed) % 7) - ((b * 31 + seed) % 7));
        const bounds = [...new Set(cuts.map((cut) => cut % (values.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...bounds, values.length].slice(1).map((end, index, ends) => shuffled.slice(index === 0 ? 0 : ends[index - 1], end));
        expect(oneByOne(shuffled)).toEqual(whole);
        expect(mergeDistributions(pieces.map(built).reverse())).toEqual(whole);
        expect(mergeDistributions(pieces.map(oneByOne))).toEqual(whole);
      }),
      fuzzParameters(150),
    );
  });

  it("counts the numbers by the definition of its form, however widely they spread over magnitudes and signs", () => {
    // The definition: exact values while at most the bound of them are distinct, else buckets.
    const defined = (values: readonly number[]): NumberDistribution => {
      const form = new Set(values.map((value) => value + 0)).size > MAX_EXACT_VALUES ? "buckets" : "exact";
      const counts = new Map<number, number>();
      for (const value of values) {
        const key = form === "exact" ? value + 0 : bucketKeyOf(value);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const keys = [...counts.keys()].sort((a, b) => a - b);
      return { form, keys, counts: keys.map((key) => counts.get(key) as number) };
    };
    const spread = fc.oneof(
      fc.array(anyNumber, { minLength: MAX_EXACT_VALUES - 10, maxLength: MAX_EXACT_VALUES + 400 }),
      fc.array(fc.double({ min: 1, max: 1e9, noNaN: true }), { minLength: MAX_EXACT_VALUES + 1, maxLength: MAX_EXACT_VALUES + 400 }),
    );
    fc.assert(
      fc.property(spread, fc.nat(), (values, cut) => {
        const at = cut % (values.length + 1);
        expect(built(values)).toEqual(defined(values));
        expect(mergeDistributions([built(values.slice(at)), built(values.slice(0, at))])).toEqual(defined(values));
        const [first, second] = [new DistributionBuilder(), new DistributionBuilder()];
        for (const value of values.slice(0, at)) first.add(value);
        for (const value of values.slice(at)) second.add(value);
        second.addBuilder(first);
        expect(second.settle()).toEqual(defined(values));
      }),
      fuzzParameters(40),
    );
  });

  it("stays small at many responses: about 115 buckets per factor of ten the answers span", () => {
    const builder = new DistributionBuilder();
    let state = 7;
    for (let index = 0; index < 200_000; index += 1) {
      state = (state * 48271) % 2147483647;
      builder.add(100 + (state % 1_000_000) * 1000);
    }
    const distribution = builder.settle();
    // Answers from 100 to a billion: seven factors of ten.
    expect(distribution.form).toBe("buckets");
    expect(distribution.keys.length).toBeLessThan(7 * 116);
    expect(distribution.counts.reduce((sum, count) => sum + count, 0)).toBe(200_000);
  });

  it("reads the median of a long chain of in-place merges, as a view of many thousand cells makes", () => {
    const population: QuestionShape = { name: "population", kind: "numeric", choices: [] };
    const whole = createAccumulator(population);
    for (let index = 0; index < 50_000; index += 1) {
      const one = createAccumulator(population);
      addAnswer(one, population, index % 10);
      mergeAccumulatorInto(whole, one);
    }
    expect(whole.kind === "numeric" && describeNumbers(whole)).toEqual({ n: 50_000, mean: 4.5, median: 4.5, isMedianExact: true, min: 0, max: 9 });
  });

  it("merges untouched pieces into new arrays", () => {
    const piece = built([3, 1, 2]);
    const copy = structuredClone(piece);
    const merged = mergeDistributions([piece, built([2])]);
    merged.counts[0] = 99;
    expect(piece).toEqual(copy);
  });
});

describe("numbers described for a question", () => {
  const population: QuestionShape = { name: "population", kind: "numeric", choices: [] };

  it("says when the median was read from buckets, and keeps it between the exact extremes", () => {
    const many = createAccumulator(population);
    for (let index = 0; index <= MAX_EXACT_VALUES; index += 1) addAnswer(many, population, 1000 + index);
    const described = many.kind === "numeric" ? describeNumbers(many) : undefined;
    expect(described).toMatchObject({ n: MAX_EXACT_VALUES + 1, min: 1000, max: 1000 + MAX_EXACT_VALUES, isMedianExact: false });
    expect(Math.abs((described?.median as number) - (1000 + MAX_EXACT_VALUES / 2))).toBeLessThanOrEqual(RELATIVE_ACCURACY * (1000 + MAX_EXACT_VALUES));

    const one = createAccumulator(population);
    for (let index = 0; index < 2000; index += 1) addAnswer(one, population, 12_345.678 + (index > 1000 ? 0 : index));
    const single = one.kind === "numeric" ? describeNumbers(one) : undefined;
    expect(single?.median).toBeGreaterThanOrEqual(single?.min as number);
    expect(single?.median).toBeLessThanOrEqual(single?.max as number);
  });

  it("merges two accumulators into the distribution of both", () => {
    const a = createAccumulator(population);
    const b = createAccumulator(population);
    [5, 1, 9].forEach((value) => addAnswer(a, population, value));
    [1, 4].forEach((value) => addAnswer(b, population, value));
    const merged = mergeAccumulators(a, b);
    expect(merged.kind === "numeric" && describeNumbers(merged)).toEqual({ n: 5, mean: 4, median: 4, isMedianExact: true, min: 1, max: 9 });
    expect(merged.kind === "numeric" && merged.distribution).toEqual({ form: "exact", keys: [1, 4, 5, 9], counts: [2, 1, 1, 1] });
  });
});
