import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { ENGINE_FIXTURES, ENGINE_SURVEYS_DIR, engineFixture } from "../../support/engine-fixtures";

// The fixture as the test edits it: any nesting, written through.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document edited at any depth
type Json = any;

function folderWith(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-formats-"));
  fs.copyFileSync(path.join(ENGINE_SURVEYS_DIR, "themes.json"), path.join(dir, "themes.json"));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), JSON.stringify(content));
  return dir;
}

describe("questionnaires in either definition format", () => {
  it("loads every engine fixture", () => {
    expect(
      loadQuestionnaires(ENGINE_SURVEYS_DIR)
        .list()
        .map((questionnaire) => questionnaire.id)
        .sort(),
    ).toEqual(["engine-all-types", "engine-legacy", "engine-root", "engine-runtime-choices", "engine-spanish"]);
  });

  it.each<[string, string, (json: Json) => void, string, string]>([
    [
      "pages with questions",
      ENGINE_FIXTURES.legacy,
      (json: Json) => void (json.pages[1].questions[1].questions[0].name = "legacy_color"),
      "pages[1].questions[1].questions[0].name",
      "pages[0].questions[0]",
    ],
    ["root elements", ENGINE_FIXTURES.rootElements, (json: Json) => void (json.elements[2].name = "root_area"), "elements[2].name", "elements[0]"],
  ])("refuses a duplicate question name in %s, naming both places", (_label, file, edit, at, first) => {
    const json = engineFixture(file);
    edit(json);
    expect(() => loadQuestionnaires(folderWith({ [file]: json }))).toThrow(`at ${at}: duplicate question name`);
    expect(() => loadQuestionnaires(folderWith({ [file]: json }))).toThrow(`(first used at ${first})`);
  });
});
