import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { applyOverrides, sourcesOf } from "../../../server/src/questionnaires/questionnaire-overrides";
import type { QuestionnaireOverrides } from "../../../server/src/store/questionnaire-settings.port";
import { FIXTURE_SURVEYS_DIR } from "../../support/test-app";

const OPENS = new Date("2026-06-01T05:00:00Z");
const CLOSES = new Date("2026-06-30T21:00:00Z");
const LATER = new Date("2026-07-31T21:00:00Z");
const declared = { ...loadQuestionnaires(FIXTURE_SURVEYS_DIR).get("mini"), status: "open" as const, opensAt: OPENS, closesAt: CLOSES };

describe("an administrator's settings over a questionnaire's definition", () => {
  it.each<[string, QuestionnaireOverrides, { status: string; opensAt?: Date; closesAt?: Date }, ReturnType<typeof sourcesOf>]>([
    [
      "nothing set: the definition's",
      {},
      { status: "open", opensAt: OPENS, closesAt: CLOSES },
      { status: "definition", opensAt: "definition", closesAt: "definition" },
    ],
    [
      "closed",
      { status: "closed" },
      { status: "closed", opensAt: OPENS, closesAt: CLOSES },
      { status: "administrator", opensAt: "definition", closesAt: "definition" },
    ],
    [
      "a later closing date",
      { closesAt: LATER },
      { status: "open", opensAt: OPENS, closesAt: LATER },
      { status: "definition", opensAt: "definition", closesAt: "administrator" },
    ],
    ["no dates at all", { opensAt: null, closesAt: null }, { status: "open" }, { status: "definition", opensAt: "administrator", closesAt: "administrator" }],
  ])("%s", (_case, overrides, expected, sources) => {
    const effective = applyOverrides(declared, overrides);
    expect({ status: effective.status, opensAt: effective.opensAt, closesAt: effective.closesAt }).toEqual({
      opensAt: undefined,
      closesAt: undefined,
      ...expected,
    });
    expect(effective.version).toBe(declared.version);
    expect(sourcesOf(overrides)).toEqual(sources);
  });
});
