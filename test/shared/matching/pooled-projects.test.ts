import { describeMissingPiece, proposePooledProjects } from "@passerelle/shared";
import { aFrench, aLebanese, weightsWith } from "../../support/matching-builders";

const weights = weightsWith();
const pooledFrench = (count: number, overrides: Parameters<typeof aFrench>[0] = {}) =>
  Array.from({ length: count }, (_, index) =>
    aFrench({
      id: `f${index}`,
      name: `Commune ${index}`,
      themes: ["water_sanitation"],
      clesEnMain: index % 2 ? "maybe" : "yes",
      envelope: "10k_50k",
      ...overrides,
    }),
  );

describe("pooled « Clés en main » proposals", () => {
  it("proposes a complete consortium from five interested French authorities offering a theme in demand", () => {
    const lebanese = [aLebanese(), aLebanese({ id: "tyr", name: "Tyr", governorate: "south" }), aLebanese({ id: "chtaura", name: "Chtaura" })];
    const [proposal] = proposePooledProjects(lebanese, pooledFrench(5), weights);
    expect(proposal).toMatchObject({ theme: "water_sanitation", isComplete: true, missing: [] });
    expect(proposal!.members.map((member) => member.interest)).toEqual(["yes", "yes", "yes", "maybe", "maybe"]);
    expect(proposal!.served).toEqual([
      {
        governorate: "bekaa",
        authorities: [
          { id: "chtaura", name: "Chtaura" },
          { id: "zahle", name: "Zahlé" },
        ],
      },
      { governorate: "south", authorities: [{ id: "tyr", name: "Tyr" }] },
    ]);
    expect(proposal!.envelopeEur).toEqual({ low: 50_000, high: 250_000 });
    expect(proposal!.needsUsd).toEqual({ low: 150_000, high: 600_000 });
  });

  it.each([
    { name: "four members: one more needed", members: 4, missing: "4 of 5 French members: one more needed" },
    { name: "three members: two more needed", members: 3, missing: "3 of 5 French members: 2 more needed" },
  ])("says what is missing with $name", ({ members, missing }) => {
    const [proposal] = proposePooledProjects([aLebanese()], pooledFrench(members), weights);
    expect(proposal!.isComplete).toBe(false);
    expect(proposal!.missing.map((piece) => describeMissingPiece(piece, "en"))).toEqual([missing]);
  });

  it.each([
    ["fr", "4 membres français sur 5 : encore un nécessaire"],
    ["ar", "4 من 5 أعضاء فرنسيين: يلزم عضو إضافي واحد"],
  ] as const)("words the missing member in %s", (locale, text) => {
    const [proposal] = proposePooledProjects([aLebanese()], pooledFrench(4), weights);
    expect(describeMissingPiece(proposal!.missing[0]!, locale)).toBe(text);
  });

  it("counts only authorities that said yes or maybe, and only for the themes they offer", () => {
    const french = [
      ...pooledFrench(4),
      aFrench({ id: "no", clesEnMain: "no", themes: ["water_sanitation"] }),
      aFrench({ id: "unasked", clesEnMain: undefined }),
      aFrench({ id: "energy", clesEnMain: "yes", themes: ["energy"] }),
    ];
    const proposals = proposePooledProjects([aLebanese()], french, weights);
    expect(proposals.map((proposal) => [proposal.theme, proposal.members.length])).toEqual([["water_sanitation", 4]]);
  });

  it("proposes nothing without Lebanese demand for the theme", () => {
    expect(proposePooledProjects([aLebanese({ needs: [{ theme: "health", rank: 1 }] })], pooledFrench(6), weights)).toEqual([]);
  });

  it("flags a combined envelope below the needs, or envelopes not yet set", () => {
    const bigNeeds = Array.from({ length: 6 }, (_, index) =>
      aLebanese({ id: `l${index}`, needs: [{ theme: "water_sanitation", rank: 1, budget: "200k_1m" }] }),
    );
    const [short] = proposePooledProjects(bigNeeds, pooledFrench(5, { envelope: "under_10k" }), weights);
    expect(short!.missing).toEqual([{ kind: "envelope", envelopeHighUsd: Math.round(50_000 / 0.92), needsLowUsd: 1_200_000 }]);
    const [unknown] = proposePooledProjects(bigNeeds, pooledFrench(5, { envelope: "undecided" }), weights);
    expect(unknown!.missing).toEqual([{ kind: "envelope_unknown" }]);
    expect(unknown!.envelopeEur).toEqual({ low: 0, high: 0 });
  });

  it("lists complete consortia first", () => {
    const french = [...pooledFrench(5), ...pooledFrench(2, { themes: ["solid_waste"] }).map((authority, index) => ({ ...authority, id: `w${index}` }))];
    expect(proposePooledProjects([aLebanese()], french, weights).map((proposal) => [proposal.theme, proposal.isComplete])).toEqual([
      ["water_sanitation", true],
      ["solid_waste", false],
    ]);
  });
});
