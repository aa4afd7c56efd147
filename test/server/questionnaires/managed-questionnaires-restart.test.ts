import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import {
  changeQuestionnaireSettings,
  publishQuestionnaire,
  restoreManagedQuestionnaires,
} from "../../../server/src/questionnaires/managed-questionnaires.service";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { recordQuestionnaireVersions } from "../../../server/src/questionnaires/record-versions";
import { openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import { FIXTURE_SURVEYS_DIR } from "../../support/test-app";

const MINI = JSON.parse(fs.readFileSync(path.join(FIXTURE_SURVEYS_DIR, "mini.json"), "utf8")) as Record<string, unknown>;
const THEMES = JSON.parse(fs.readFileSync(path.join(FIXTURE_SURVEYS_DIR, "themes.json"), "utf8")) as { themes: { id: string }[] };
const ADMIN = "admin@example.org";

/** A deployment: a surveys folder and a data folder, started as `main.ts` starts, any number of times. */
function deployment() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-managed-"));
  const surveysDir = path.join(root, "surveys");
  fs.mkdirSync(surveysDir);
  const ship = (files: Record<string, unknown>) => {
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(surveysDir, name), JSON.stringify(content));
  };
  ship({ "themes.json": THEMES, "mini.json": MINI });
  const remove = (name: string) => fs.rmSync(path.join(surveysDir, name));
  const errors: string[] = [];
  const logger = pino({ level: "error" }, { write: (line: string) => void errors.push(String(JSON.parse(line).msg)) });
  const start = async (at: string) => {
    const store = openEmbeddedStore({ dataDir: path.join(root, "data") });
    const questionnaires = loadQuestionnaires(surveysDir);
    await recordQuestionnaireVersions(store, questionnaires, new Date(at));
    await restoreManagedQuestionnaires({ store, questionnaires, logger });
    return { store, questionnaires, deps: { store, questionnaires, logger, now: () => new Date(at) } };
  };
  return { surveysDir, ship, remove, start, errors, cleanUp: () => fs.rmSync(root, { recursive: true, force: true }) };
}

const secondEdition = { ...MINI, title: { default: "Mini census, second edition" } };

describe("questionnaires managed at run time, across restarts", () => {
  it("keeps serving the administrator's settings and uploaded version after a restart", async () => {
    const site = deployment();
    const first = await site.start("2026-06-01T08:00:00Z");
    const { served } = await publishQuestionnaire(first.deps, { actor: ADMIN, upload: { fileName: "mini-v2.json", text: JSON.stringify(secondEdition) } });
    await changeQuestionnaireSettings(first.deps, { actor: ADMIN, surveyId: "mini", settings: { status: "closed" } });
    await first.store.close();

    const again = await site.start("2026-06-02T08:00:00Z");
    expect(again.questionnaires.get("mini")).toMatchObject({
      version: served.declared.version,
      status: "closed",
      title: { en: "Mini census, second edition" },
    });
    expect(again.questionnaires.served("mini").origin).toMatchObject({ kind: "upload", publication: { fileName: "mini-v2.json", publishedBy: ADMIN } });
    await again.store.close();
    site.cleanUp();
  });

  it("brings a second instance on the same store up to date when it refreshes", async () => {
    const site = deployment();
    const first = await site.start("2026-06-01T08:00:00Z");
    const other = { store: first.store, questionnaires: loadQuestionnaires(site.surveysDir), logger: first.deps.logger };
    await restoreManagedQuestionnaires(other);
    await publishQuestionnaire(first.deps, { actor: ADMIN, upload: { fileName: "mini-v2.json", text: JSON.stringify(secondEdition) } });
    await changeQuestionnaireSettings(first.deps, { actor: ADMIN, surveyId: "mini", settings: { status: "closed" } });
    expect(other.questionnaires.get("mini").status).toBe("open");
    await restoreManagedQuestionnaires(other);
    expect(other.questionnaires.get("mini")).toMatchObject({ status: "closed", version: first.questionnaires.get("mini").version });
    await first.store.close();
    site.cleanUp();
  });

  it("serves a version of the file shipped after the upload, keeping the administrator's settings over it", async () => {
    const site = deployment();
    const first = await site.start("2026-06-01T08:00:00Z");
    await publishQuestionnaire(first.deps, { actor: ADMIN, upload: { fileName: "mini-v2.json", text: JSON.stringify(secondEdition) } });
    await changeQuestionnaireSettings(first.deps, { actor: ADMIN, surveyId: "mini", settings: { closesAt: "2026-12-31T22:00:00Z" } });
    await first.store.close();

    site.ship({ "mini.json": { ...MINI, title: { default: "Mini census, third edition" } } });
    const again = await site.start("2026-06-03T08:00:00Z");
    expect(again.questionnaires.get("mini")).toMatchObject({ title: { en: "Mini census, third edition" }, closesAt: new Date("2026-12-31T22:00:00Z") });
    expect(again.questionnaires.served("mini").origin).toEqual({ kind: "file", file: "mini.json" });
    // All three versions stay readable, for the responses given against each.
    expect(await again.store.questionnaireVersions.listForSurvey("mini")).toHaveLength(3);
    await again.store.close();
    site.cleanUp();
  });

  it("serves an uploaded questionnaire that has no file, and logs and skips one that no longer passes the checks", async () => {
    const site = deployment();
    const first = await site.start("2026-06-01T08:00:00Z");
    const themed = { questionnaireId: "themed", pages: [{ name: "p", elements: [{ type: "text", name: "a", theme: "water_sanitation" }] }] };
    await publishQuestionnaire(first.deps, { actor: ADMIN, upload: { fileName: "themed.json", text: JSON.stringify(themed) } });
    await publishQuestionnaire(first.deps, { actor: ADMIN, upload: { fileName: "new.json", text: JSON.stringify({ questionnaireId: "new-one", pages: [] }) } });
    await first.store.close();

    // The theme catalogue shipped since no longer has the theme the upload uses (nor the file that used it).
    site.ship({ "themes.json": { ...THEMES, themes: THEMES.themes.filter((theme) => theme.id !== "water_sanitation") } });
    site.remove("mini.json");
    const again = await site.start("2026-06-02T08:00:00Z");
    expect(again.questionnaires.find("new-one")?.id).toBe("new-one");
    expect(again.questionnaires.find("themed")).toBeUndefined();
    expect(site.errors).toEqual(["uploaded questionnaire version not served: it is missing or no longer passes the checks"]);
    await again.store.close();
    site.cleanUp();
  });
});
