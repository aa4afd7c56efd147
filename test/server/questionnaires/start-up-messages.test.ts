import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import type { QuestionnaireProblem } from "../../../server/src/questionnaires/questionnaire-problems";
import { FIXTURE_SURVEYS_DIR } from "../../support/test-app";

const THEMES = fs.readFileSync(path.join(FIXTURE_SURVEYS_DIR, "themes.json"), "utf8");

function surveysDir(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-start-up-"));
  fs.writeFileSync(path.join(dir, "themes.json"), THEMES);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), JSON.stringify(content));
  return dir;
}

function loadError(dir: string): string {
  try {
    loadQuestionnaires(dir);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the questionnaires to be refused");
}

const page = (elements: unknown[]) => ({ pages: [{ name: "p", elements }] });

describe("start-up messages about questionnaires", () => {
  it("names the folder, the file and the path of an unknown property deep inside a question", () => {
    const dir = surveysDir({
      "a.json": { questionnaireId: "a", ...page([{ type: "text", name: "q", validators: [{ type: "numeric", minimum: 1 }] }]) },
    });
    const message = loadError(dir);
    expect(message).toContain(`questionnaires of ${dir}`);
    expect(message).toContain("a.json at pages[0].elements[0].validators[0]: Unknown property in class 'numericvalidator': 'minimum'.");
  });

  it("refuses a name used twice in the legacy pages[].questions format, naming both places", () => {
    const dir = surveysDir({
      "legacy.json": {
        questionnaireId: "legacy",
        pages: [
          {
            name: "p",
            questions: [
              { type: "text", name: "q" },
              { type: "comment", name: "q" },
            ],
          },
        ],
      },
    });
    expect(loadError(dir)).toContain('legacy.json at pages[0].questions[1].name: duplicate question name "q" (first used at pages[0].questions[0])');
  });

  it("hands survey-core's own warnings to the caller, with the file, instead of printing them", () => {
    const dir = surveysDir({ "w.json": { questionnaireId: "w", ...page([{ type: "text", name: "q", visibleIf: "nosuchfunction({q}) = 1" }]) } });
    const warnings: QuestionnaireProblem[] = [];
    const printed = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      loadQuestionnaires(dir, (warning) => warnings.push(warning));
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
    expect(warnings).toEqual([{ file: path.join(dir, "w.json"), path: [], message: expect.stringContaining("nosuchfunction") }]);
  });

  it.each<[string, unknown, string]>([
    ["no title", undefined, "untitled"],
    ["an empty title", "", "untitled"],
    ["a title in another language only", { es: "Encuesta" }, "Encuesta"],
  ])("shows a questionnaire with %s under a title that is never empty", (_label, title, expected) => {
    const dir = surveysDir({ "u.json": { questionnaireId: "untitled", ...(title === undefined ? {} : { title }), ...page([{ type: "text", name: "q" }]) } });
    expect(loadQuestionnaires(dir).get("untitled").title).toEqual({ fr: expected, ar: expected, en: expected });
  });
});
