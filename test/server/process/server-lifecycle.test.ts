import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { miniAnswers } from "../../support/builders";
import { runServerToFailure, startServer } from "../../support/server-process";
import { FIXTURE_SURVEYS_DIR } from "../../support/test-app";

const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

describe("the server process", () => {
  it("keeps submitted answers in its data file across a graceful restart", async () => {
    const dataDir = tempDir("passerelle-data-");
    const env = { DATA_DIR: dataDir, SURVEYS_DIR: FIXTURE_SURVEYS_DIR };
    const first = await startServer(env);
    const created = await fetch(`${first.url}/api/surveys/mini/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ answers: miniAnswers(), status: "submitted", locale: "ar" }),
    }).then((res) => res.json() as Promise<{ id: string; resumeToken: string }>);
    expect(await first.stop()).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "passerelle.sqlite"))).toBe(true);

    const second = await startServer(env);
    try {
      const res = await fetch(`${second.url}/api/responses/${created.id}`, {
        headers: { Authorization: `Bearer ${created.resumeToken}` },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "submitted", locale: "ar", answers: miniAnswers() });
    } finally {
      await second.stop();
    }
  });

  it("refuses to start on a bad setting, naming it", async () => {
    const { code, output } = await runServerToFailure({ PORT: "eighty", DATA_DIR: tempDir("passerelle-data-") });
    expect(code).toBe(1);
    expect(output).toContain("Invalid configuration: PORT");
  });

  it("refuses to start on a broken questionnaire, naming the file and the path inside it", async () => {
    const surveysDir = tempDir("passerelle-surveys-");
    fs.copyFileSync(path.join(FIXTURE_SURVEYS_DIR, "themes.json"), path.join(surveysDir, "themes.json"));
    const mini = JSON.parse(fs.readFileSync(path.join(FIXTURE_SURVEYS_DIR, "mini.json"), "utf8"));
    mini.pages[0].elements[1].name = "authority_name";
    fs.writeFileSync(path.join(surveysDir, "mini.json"), JSON.stringify(mini));
    const { code, output } = await runServerToFailure({ SURVEYS_DIR: surveysDir, DATA_DIR: tempDir("passerelle-data-") });
    expect(code).toBe(1);
    expect(output).toContain('mini.json at pages[0].elements[1].name: duplicate question name "authority_name"');
    expect(output).not.toMatch(/\n\s+at /);
  });
});
