import { canMoveIntroduction, lastStage, UpdateIntroductionSchema, type IntroductionState } from "@passerelle/shared";

const path = (...states: IntroductionState[]) => states.map((state) => ({ state }));

describe("moving an introduction", () => {
  it.each([
    [path("proposed"), "contacted", true],
    [path("proposed"), "meeting_held", true],
    [path("proposed", "contacted", "meeting_held"), "contacted", false],
    [path("proposed"), "proposed", false],
    [path("proposed", "contacted"), "declined", true],
    [path("proposed", "declined"), "contacted", false],
    [path("proposed", "declined"), "on_hold", false],
    [path("proposed", "contacted", "on_hold"), "contacted", true],
    [path("proposed", "contacted", "on_hold"), "letter_of_intent", true],
    [path("proposed", "meeting_held", "on_hold"), "contacted", false],
    [path("proposed", "meeting_held", "on_hold"), "declined", true],
    [path("proposed", "agreement_signed", "project_under_way"), "declined", false],
    [path("proposed", "agreement_signed", "project_under_way"), "on_hold", true],
    [path("proposed", "on_hold"), "on_hold", false],
  ] as const)("from %j to %s: %s", (history, to, allowed) => {
    expect(canMoveIntroduction(history, to)).toBe(allowed);
  });

  it("remembers the stage an introduction was held at", () => {
    expect(lastStage(path("proposed", "meeting_held", "on_hold"))).toBe("meeting_held");
    expect(lastStage([])).toBe("proposed");
  });

  it.each([
    [{ revision: 0 }, false],
    [{ revision: 0, state: "contacted" }, true],
    [{ revision: 0, state: "declined" }, false],
    [{ revision: 0, state: "declined", reason: "  " }, false],
    [{ revision: 0, state: "declined", reason: "No budget this year" }, true],
    [{ revision: 0, state: "contacted", reason: "Why not" }, false],
    [{ revision: 0, note: "Called the mayor" }, true],
    [{ revision: 0, nextStepOn: "2026-13-01" }, false],
    [{ revision: 0, nextStepOn: "2026-12-15", owner: null }, true],
    [{ revision: -1, note: "x" }, false],
    [{ revision: 0, state: "married" }, false],
    [{ revision: 0, note: "x", extra: 1 }, false],
  ])("checks the change %j: valid %s", (body, valid) => {
    expect(UpdateIntroductionSchema.safeParse(body).success).toBe(valid);
  });
});
