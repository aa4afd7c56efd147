import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { QuestionnaireLoadError } from "../../../server/src/questionnaires/questionnaire-problems";
import { FIXTURE_SURVEYS_DIR, SHIPPED_SURVEYS_DIR } from "../../support/test-app";

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURE_SURVEYS_DIR, name), "utf8"));

/** A questionnaire folder made of the test fixtures with the given files replaced or added. */
function surveysDir(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-surveys-"));
  const all: Record<string, unknown> = { "themes.json": fixture("themes.json"), "mini.json": fixture("mini.json"), ...files };
  for (const [name, content] of Object.entries(all)) {
    if (content === undefined) continue;
    fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

function loadError(dir: string): string {
  try {
    loadQuestionnaires(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(QuestionnaireLoadError);
    return (error as Error).message;
  }
  throw new Error("expected the questionnaires to be refused");
}

describe("loading questionnaires", () => {
  it("loads the shipped census and French offer with every theme label in three languages", () => {
    const registry = loadQuestionnaires(SHIPPED_SURVEYS_DIR);
    expect(
      registry
        .list()
        .map((q) => q.id)
        .sort(),
    ).toEqual(["census-lebanon", "french-offer"]);
    expect(registry.catalogue.themes.length).toBeGreaterThanOrEqual(16);
    const census = registry.find("census-lebanon");
    expect(census?.breakdownFields).toEqual(["governorate", "district", "authority_kind", "cooperation_intent"]);
    expect(census?.title.ar).toMatch(/[\u0600-\u06FF]/);
    const json = JSON.stringify(census?.definition);
    for (const theme of registry.catalogue.themes) expect(json).toContain(JSON.stringify(theme.label.ar));
  });

  it("gives each definition a version that changes with its content", () => {
    const a = loadQuestionnaires(surveysDir({})).find("mini");
    const changed = { ...fixture("mini.json"), title: "Changed" };
    const b = loadQuestionnaires(surveysDir({ "mini.json": changed })).find("mini");
    expect(a?.version).toMatch(/^[0-9a-f]{16}$/);
    expect(b?.version).not.toBe(a?.version);
    expect(loadQuestionnaires(surveysDir({})).find("mini")?.version).toBe(a?.version);
  });

  it("refuses bad JSON, naming the file, line and column", () => {
    const message = loadError(surveysDir({ "broken.json": '{\n  "questionnaireId": "broken",\n  "pages": []\n  "title": "x"\n}' }));
    expect(message).toMatch(/broken\.json: invalid JSON: .*\(line 4, column 3\)/);
  });

  it("refuses an unknown theme id, naming the path inside the file", () => {
    const mini = fixture("mini.json");
    mini.pages[1].elements[0].choices[2].theme = "tourism";
    const message = loadError(surveysDir({ "mini.json": mini }));
    expect(message).toContain('mini.json at pages[1].elements[0].choices[2].theme: unknown theme id "tourism"');
  });

  it("refuses duplicate question names, including inside panels", () => {
    const mini = fixture("mini.json");
    mini.pages[1].elements[1].elements[1].name = "authority_name";
    const message = loadError(surveysDir({ "mini.json": mini }));
    expect(message).toContain(
      'mini.json at pages[1].elements[1].elements[1].name: duplicate question name "authority_name" (first used at pages[0].elements[0])',
    );
  });

  it("refuses a property SurveyJS does not know, a missing id and an unknown breakdown field", () => {
    const mini = fixture("mini.json");
    mini.pages[0].elements[0].isRequried = true;
    delete mini.questionnaireId;
    mini.breakdownFields = ["governorate", "region"];
    const message = loadError(surveysDir({ "mini.json": mini }));
    expect(message).toContain("mini.json at pages[0].elements[0]: Unknown property in class 'text': 'isRequried'.");
    expect(message).toContain("mini.json at questionnaireId: is required");
    expect(message).toContain('mini.json at breakdownFields[1]: no question is named "region"');
  });

  it("reads which questions an invitation fills in, and which governorate each district is in", () => {
    const census = loadQuestionnaires(SHIPPED_SURVEYS_DIR).find("census-lebanon")!;
    expect(census.access).toBe("public");
    const { questions, districtGovernorates } = census.invitationForm;
    expect(Object.fromEntries(Object.entries(questions).map(([field, question]) => [field, question.name]))).toEqual({
      name: "authority_name",
      kind: "authority_kind",
      governorate: "governorate",
      district: "district",
      email: "contact_email",
    });
    expect(questions.governorate?.choices?.find((choice) => choice.value === "north")?.label).toEqual({ fr: "Liban-Nord", ar: "الشمال", en: "North Lebanon" });
    expect([...(districtGovernorates.get("baalbek") ?? [])]).toEqual(["baalbek_hermel"]);
    expect([...(districtGovernorates.get("jbeil") ?? [])]).toEqual(["keserwan_jbeil"]);
  });

  it("refuses an unknown access, an unknown invitation field and a field filled in twice", () => {
    const mini = fixture("mini.json");
    mini.questionnaireAccess = "friends";
    mini.pages[0].elements[0].invitationField = "name";
    mini.pages[0].elements[1].invitationField = "name";
    mini.pages[0].elements[2].invitationField = "postcode";
    const message = loadError(surveysDir({ "mini.json": mini }));
    expect(message).toContain('mini.json at questionnaireAccess: must be "public" or "invitation"');
    expect(message).toContain('mini.json at pages[0].elements[1].invitationField: "name" is already filled in by the question "authority_name"');
    expect(message).toContain("mini.json at pages[0].elements[2].invitationField: must be one of name, kind, governorate, district, email");
  });

  it("refuses two files with the same questionnaire id", () => {
    expect(loadError(surveysDir({ "mini-copy.json": fixture("mini.json") }))).toContain(
      'mini.json at questionnaireId: "mini" is already used by mini-copy.json',
    );
  });

  it("refuses a theme catalogue without labels in every language or with a bad colour", () => {
    const themes = fixture("themes.json");
    delete themes.themes[1].label.ar;
    themes.themes[2].colour = "orange";
    const message = loadError(surveysDir({ "themes.json": themes }));
    expect(message).toContain("themes.json at themes[1].label.ar");
    expect(message).toContain("themes.json at themes[2].colour: colours are #RRGGBB");
  });

  it("refuses a folder without a theme catalogue", () => {
    expect(loadError(surveysDir({ "themes.json": undefined }))).toContain("themes.json: cannot read the file");
  });
});
