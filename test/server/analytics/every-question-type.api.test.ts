import { allTypesAnswers, engineQuestionnaires, storeSubmitted } from "../../support/engine-fixtures";
import { signedIn, testApp } from "../../support/test-app";

async function analytics(surveyId: string, answersList: Record<string, unknown>[]) {
  const context = testApp({ questionnaires: engineQuestionnaires(), minGroupSize: 2 });
  const questionnaire = context.questionnaires.get(surveyId);
  await storeSubmitted(context.store, questionnaire, answersList, questionnaire.breakdownFields);
  const agent = await signedIn(context.app);
  return (name: string) => agent.get(`/api/surveys/${surveyId}/analytics/questions/${name}`);
}

// Loading checks every fixture with survey-core: once for the file, with the time a busy machine needs.
beforeAll(() => void engineQuestionnaires(), 30_000);

describe("analytics of every question type", () => {
  it("summarises a matrix of dropdowns per row × column, a dynamic panel across panels with their number", async () => {
    const question = await analytics("engine-all-types", [
      allTypesAnswers(),
      allTypesAnswers({ sites: [{ site_kind: "clinic" }, { site_kind: "clinic", site_needs: ["water"] }] }),
    ]);
    const equipment = (await question("equipment").expect(200)).body;
    expect(equipment.question).toMatchObject({ kind: "group", groupType: "matrixdropdown" });
    expect(equipment.overall.parts["trucks.state"]).toEqual({ kind: "counts", n: 2, counts: { none: 0, some: 2, enough: 0 } });
    expect(equipment.overall.parts["trucks.count"]).toMatchObject({ kind: "numeric", n: 2, mean: 2 });
    const sites = (await question("sites").expect(200)).body.overall;
    expect(sites).toMatchObject({ kind: "group", n: 2, entries: 3, parts: { site_kind: { n: 3, counts: { school: 1, clinic: 2 } } } });
    expect(JSON.stringify(sites)).not.toContain("School A");
  });

  it("gives no statistics of their own to a dynamic panel's questions", async () => {
    const question = await analytics("engine-all-types", [allTypesAnswers()]);
    const res = await question("site_kind").expect(404);
    expect(res.body.error.code).toBe("question_not_found");
  });

  it("summarises multiple text items, computed values, files and signatures (counted only)", async () => {
    const question = await analytics("engine-all-types", [allTypesAnswers(), allTypesAnswers({ staff_total: 9, signature: undefined })]);
    expect((await question("staff").expect(200)).body.overall.parts.paid).toMatchObject({ kind: "numeric", n: 2, mean: 3 });
    expect((await question("staff_total").expect(200)).body.overall).toMatchObject({ kind: "values", n: 2, numbers: { mean: 7 } });
    expect((await question("budget_per_head").expect(200)).body.overall).toMatchObject({ kind: "values", n: 2 });
    const signature = (await question("signature").expect(200)).body;
    expect(signature.overall).toEqual({ kind: "text", n: 1 });
    expect(JSON.stringify((await question("plan_file").expect(200)).body)).not.toContain("base64");
  });

  it("counts runtime choices against their source question, or as the values given", async () => {
    const question = await analytics("engine-runtime-choices", [
      { picked: ["apple", "fig"], best: "fig", country: "Lebanon", picked_label: "many", fruit_count: 2 },
      { picked: ["pear"], best: "pear", country: "France", picked_label: "few", fruit_count: 1 },
      { picked: ["apple"], best: "apple", country: "Lebanon", picked_label: "few", fruit_count: 1 },
    ]);
    expect((await question("best").expect(200)).body.overall).toEqual({ kind: "counts", n: 3, counts: { apple: 1, pear: 1, fig: 1 } });
    expect((await question("country").expect(200)).body.overall).toEqual({ kind: "counts", n: 3, counts: { Lebanon: 2, France: 1 } });
    expect((await question("picked_label").expect(200)).body.overall).toMatchObject({ kind: "values", counts: { many: 1, few: 2 } });
  });

  it.each([
    ["engine-legacy", "legacy_fruits", { legacy_color: "red", legacy_fruits: ["fig"] }, { kind: "counts", n: 2, counts: { apple: 0, pear: 0, fig: 2 } }],
    ["engine-root", "root_staff", { root_area: "urban", root_staff: 4 }, { kind: "numeric", n: 2, mean: 4 }],
  ])("summarises %s, a questionnaire in the other definition formats", async (surveyId, name, answers, expected) => {
    const question = await analytics(surveyId, [answers, answers]);
    expect((await question(name).expect(200)).body.overall).toMatchObject(expected);
  });
});
