import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createAccount } from "../../../server/src/access/accounts";
import { DEFAULT_PASSWORD_HASHING } from "../../../server/src/access/passwords";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import { startServer } from "../../support/server-process";
import { syntheticCensusAnswers, syntheticResponse } from "../../support/synthetic-census";
import { SHIPPED_SURVEYS_DIR } from "../../support/test-app";

jest.setTimeout(180_000);

const RESPONSES = 10_000;
const EXPORTS_AT_ONCE = 4;
const DOWNLOADS_EACH = 2;
const CREDENTIALS = { email: "analyst@example.org", password: "a long analyst password" };

async function seedDataDir(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-sharing-"));
  const store = openEmbeddedStore({ dataDir });
  const census = loadQuestionnaires(SHIPPED_SURVEYS_DIR).get("census-lebanon");
  const nextAnswers = syntheticCensusAnswers(census.definition, 5);
  await store.responses.insertMany(
    Array.from({ length: RESPONSES }, () => syntheticResponse({ surveyId: census.id, version: census.version, answers: nextAnswers() })),
  );
  await createAccount({ store, now: () => new Date(), passwordHashing: DEFAULT_PASSWORD_HASHING }, { ...CREDENTIALS, role: "analyst" });
  await store.close();
  return dataDir;
}

describe("CSV exports running at once", () => {
  it("leave the server answering other requests between their chunks, not after them", async () => {
    const dataDir = await seedDataDir();
    const server = await startServer({ DATA_DIR: dataDir, SURVEYS_DIR: SHIPPED_SURVEYS_DIR, EXPORT_CONCURRENCY: String(EXPORTS_AT_ONCE) });
    try {
      const session = await fetch(`${server.url}/api/session`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(CREDENTIALS),
      });
      const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const exportUrl = `${server.url}/api/surveys/census-lebanon/exports/responses.csv`;
      let exportsDone = 0;
      let bytes = 0;
      const downloads = Array.from({ length: EXPORTS_AT_ONCE }, async () => {
        for (let round = 0; round < DOWNLOADS_EACH; round += 1) {
          const res = await fetch(exportUrl, { headers: { Cookie: cookie, "Accept-Encoding": "identity" } });
          expect(res.status).toBe(200);
          bytes += (await res.arrayBuffer()).byteLength;
          exportsDone += 1;
        }
      });
      const allDone = Promise.all(downloads);
      let isRunning = true;
      void allDone.finally(() => (isRunning = false));
      // Health checks one after another for as long as the exports run.
      const statuses: number[] = [];
      while (isRunning) {
        const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(60_000) });
        await res.arrayBuffer();
        if (isRunning) statuses.push(res.status);
      }
      await allDone;
      expect(exportsDone).toBe(EXPORTS_AT_ONCE * DOWNLOADS_EACH);
      // Each file is about 5 MB: the exports ran in full.
      expect(bytes).toBeGreaterThan(EXPORTS_AT_ONCE * DOWNLOADS_EACH * 1_000_000);
      expect(statuses.every((status) => status === 200)).toBe(true);
      // An export that kept the event loop until its end would let about one health check through
      // per export finished; taking turns every few milliseconds lets through dozens per export.
      // The bound is a count, not a time, so a loaded machine slows both sides alike.
      expect(statuses.length).toBeGreaterThanOrEqual(4 * exportsDone);
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
