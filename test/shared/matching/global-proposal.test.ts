import fc from "fast-check";
import { proposePairs, type PairScore } from "@passerelle/shared";

/** A scored pair as the proposal reads it; only score, eligibility and relaunch matter to it. */
function aPair(lebaneseId: string, frenchId: string, score: number, extra: Partial<PairScore> = {}): PairScore {
  return {
    lebaneseId,
    frenchId,
    score,
    isEligible: true,
    isRelaunch: false,
    needsInterpretation: false,
    parts: {} as PairScore["parts"],
    facts: {} as PairScore["facts"],
    ...extra,
  };
}

const instances = fc
  .record({ lebanese: fc.integer({ min: 1, max: 4 }), french: fc.integer({ min: 1, max: 3 }) })
  .chain(({ lebanese, french }) => {
    const keys = Array.from({ length: lebanese * french }, (_, index) => [`l${Math.floor(index / french)}`, `f${index % french}`] as const);
    return fc.record({
      lebanese: fc.tuple(...Array.from({ length: lebanese }, (_, index) => fc.integer({ min: 1, max: 2 }).map((capacity) => ({ id: `l${index}`, capacity })))),
      french: fc.tuple(...Array.from({ length: french }, (_, index) => fc.integer({ min: 0, max: 3 }).map((capacity) => ({ id: `f${index}`, capacity })))),
      scores: fc.tuple(
        ...keys.map(([l, f]) =>
          fc
            .record({ score: fc.integer({ min: 0, max: 100 }).map((n) => n / 100), isEligible: fc.boolean(), isRelaunch: fc.boolean() })
            .map((extra) => aPair(l, f, extra.score, extra)),
        ),
      ),
      decisions: fc.array(fc.record({ pair: fc.integer({ min: 0, max: keys.length - 1 }), kind: fc.constantFrom("fixed", "excluded") }), { maxLength: 3 }),
    });
  })
  .map(({ lebanese, french, scores, decisions }) => {
    const unique = [...new Map(decisions.map((decision) => [decision.pair, decision])).values()];
    const keyOf = (index: number) => ({ lebaneseId: scores[index]!.lebaneseId, frenchId: scores[index]!.frenchId });
    return {
      lebanese,
      french,
      scores,
      fixed: unique.filter((decision) => decision.kind === "fixed").map((decision) => keyOf(decision.pair)),
      excluded: unique.filter((decision) => decision.kind === "excluded").map((decision) => keyOf(decision.pair)),
    };
  });

const same = (a: { lebaneseId: string; frenchId: string }, b: { lebaneseId: string; frenchId: string }) =>
  a.lebaneseId === b.lebaneseId && a.frenchId === b.frenchId;

/** The best (relaunch count, total score) over every subset of pairs, by brute force. */
function bruteForce(input: Parameters<typeof proposePairs>[0]): [number, number] {
  const candidates = input.scores.filter(
    (pair) => pair.isEligible && !input.excluded.some((key) => same(key, pair)) && !input.fixed.some((key) => same(key, pair)),
  );
  const used = new Map<string, number>();
  for (const key of input.fixed) {
    used.set(key.lebaneseId, (used.get(key.lebaneseId) ?? 0) + 1);
    used.set(key.frenchId, (used.get(key.frenchId) ?? 0) + 1);
  }
  const capacity = new Map([...input.lebanese, ...input.french].map((authority) => [authority.id, authority.capacity]));
  let best: [number, number] = [0, 0];
  const visit = (index: number, relaunches: number, total: number) => {
    if (index === candidates.length) {
      if (relaunches > best[0] || (relaunches === best[0] && total > best[1] + 1e-9)) best = [relaunches, total];
      return;
    }
    visit(index + 1, relaunches, total);
    const pair = candidates[index]!;
    if ((used.get(pair.lebaneseId) ?? 0) < capacity.get(pair.lebaneseId)! && (used.get(pair.frenchId) ?? 0) < capacity.get(pair.frenchId)!) {
      used.set(pair.lebaneseId, (used.get(pair.lebaneseId) ?? 0) + 1);
      used.set(pair.frenchId, (used.get(pair.frenchId) ?? 0) + 1);
      visit(index + 1, relaunches + (pair.isRelaunch ? 1 : 0), total + pair.score);
      used.set(pair.lebaneseId, used.get(pair.lebaneseId)! - 1);
      used.set(pair.frenchId, used.get(pair.frenchId)! - 1);
    }
  };
  visit(0, 0, 0);
  return best;
}

describe("the global proposal", () => {
  it("holds the most relaunches, then the largest total fit, as brute force finds", () => {
    fc.assert(
      fc.property(instances, (input) => {
        const proposal = proposePairs(input);
        const free = proposal.pairs.filter((pair) => !pair.isFixed);
        const [relaunches, total] = bruteForce(input);
        expect(free.filter((pair) => pair.isRelaunch).length).toBe(relaunches);
        expect(free.reduce((sum, pair) => sum + pair.score, 0)).toBeCloseTo(total, 6);
      }),
      { numRuns: 400 },
    );
  });

  it("always respects capacities and the pairs staff fixed or excluded", () => {
    fc.assert(
      fc.property(instances, (input) => {
        const proposal = proposePairs(input);
        for (const key of input.fixed) expect(proposal.pairs.some((pair) => same(pair, key))).toBe(true);
        for (const key of input.excluded) expect(proposal.pairs.some((pair) => same(pair, key))).toBe(false);
        for (const key of input.excluded) expect(proposal.blockingPairs.some((pair) => same(pair, key))).toBe(false);
        const overCapacity = new Set(proposal.overCapacity.map((entry) => entry.id));
        for (const authority of [...input.lebanese, ...input.french]) {
          const held = proposal.pairs.filter((pair) => pair.lebaneseId === authority.id || pair.frenchId === authority.id);
          if (!overCapacity.has(authority.id)) expect(held.length).toBeLessThanOrEqual(authority.capacity);
          // Beyond the fixed pairs, nothing more is added to an authority already over capacity.
          else expect(held.every((pair) => pair.isFixed)).toBe(true);
        }
        for (const pair of proposal.pairs.filter((pair) => !pair.isFixed)) {
          expect(input.scores.find((scored) => same(scored, pair))?.isEligible).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("lists as blocking exactly the pairs both of whose sides would gain", () => {
    fc.assert(
      fc.property(instances, (input) => {
        const proposal = proposePairs(input);
        const heldBy = (id: string) => proposal.pairs.filter((pair) => pair.lebaneseId === id || pair.frenchId === id);
        const capacityOf = (id: string) => [...input.lebanese, ...input.french].find((authority) => authority.id === id)!.capacity;
        const rank = (pair: { score: number; isRelaunch: boolean }) => (pair.isRelaunch ? 1000 : 0) + Math.round(pair.score * 100);
        const wouldGain = (id: string, pair: PairScore) => {
          const held = heldBy(id);
          if (capacityOf(id) <= 0) return false;
          return held.length < capacityOf(id) || held.some((other) => rank(pair) > rank(input.scores.find((scored) => same(scored, other))!));
        };
        const expected = input.scores.filter(
          (pair) =>
            pair.isEligible &&
            rank(pair) > 0 &&
            !proposal.pairs.some((held) => same(held, pair)) &&
            !input.excluded.some((key) => same(key, pair)) &&
            wouldGain(pair.lebaneseId, pair) &&
            wouldGain(pair.frenchId, pair),
        );
        expect(proposal.blockingPairs.map((pair) => `${pair.lebaneseId}-${pair.frenchId}`).sort()).toEqual(
          expected.map((pair) => `${pair.lebaneseId}-${pair.frenchId}`).sort(),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("shows the stable alternative staff could prefer", () => {
    const scores = [aPair("zahle", "lyon", 0.9), aPair("zahle", "lille", 0.8), aPair("tyr", "lyon", 0.7)];
    const proposal = proposePairs({
      scores,
      lebanese: [
        { id: "zahle", capacity: 1 },
        { id: "tyr", capacity: 1 },
      ],
      french: [
        { id: "lyon", capacity: 1 },
        { id: "lille", capacity: 1 },
      ],
      fixed: [],
      excluded: [],
    });
    expect(proposal.pairs.map((pair) => `${pair.lebaneseId}-${pair.frenchId}`).sort()).toEqual(["tyr-lyon", "zahle-lille"]);
    expect(proposal.totalScore).toBeCloseTo(1.5, 10);
    expect(proposal.blockingPairs).toEqual([{ lebaneseId: "zahle", frenchId: "lyon", score: 0.9 }]);
  });

  it("reports a fixed pair beyond a capacity instead of dropping it", () => {
    const scores = [aPair("zahle", "lyon", 0.9), aPair("tyr", "lyon", 0.7)];
    const proposal = proposePairs({
      scores,
      lebanese: [
        { id: "zahle", capacity: 1 },
        { id: "tyr", capacity: 1 },
      ],
      french: [{ id: "lyon", capacity: 1 }],
      fixed: [
        { lebaneseId: "zahle", frenchId: "lyon" },
        { lebaneseId: "tyr", frenchId: "lyon" },
      ],
      excluded: [],
    });
    expect(proposal.pairs).toHaveLength(2);
    expect(proposal.overCapacity).toEqual([{ side: "french", id: "lyon" }]);
  });
});
