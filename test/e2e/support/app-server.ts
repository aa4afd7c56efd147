import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { createApp } from "../../../server/src/app";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { recordQuestionnaireVersions } from "../../../server/src/questionnaires/record-versions";
import { openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";

const ROOT = path.resolve(__dirname, "../../..");
const BUILT_CLIENT = path.join(ROOT, "client/dist");

/**
 * The real app, in this process, serving its own copy of the built client (`npm run build`) from
 * a folder the test may rewrite, as a new deployment would, and the questionnaires of `surveys/`
 * plus those of `extraSurveysDir`, on a real SQLite file.
 */
export interface AppServer {
  baseUrl: string;
  /** Deploys "another version": the same build with a new index.html and service worker. */
  deployNewVersion(marker: string): void;
  stop(): Promise<void>;
}

/** `builtClient`: another build of the client to serve (the benchmark's yardstick). */
export async function startAppServer(extraSurveysDir: string | null, builtClient = BUILT_CLIENT): Promise<AppServer> {
  const work = mkdtempSync(path.join(tmpdir(), "passerelle-offline-"));
  const clientDir = path.join(work, "client");
  const surveysDir = path.join(work, "surveys");
  cpSync(builtClient, clientDir, { recursive: true });
  cpSync(path.join(ROOT, "surveys"), surveysDir, { recursive: true });
  if (extraSurveysDir) cpSync(extraSurveysDir, surveysDir, { recursive: true });
  const store = openEmbeddedStore({ dataDir: path.join(work, "data") });
  const questionnaires = loadQuestionnaires(surveysDir);
  await recordQuestionnaireVersions(store, questionnaires, new Date());
  const app = createApp({
    store,
    questionnaires,
    logger: pino({ level: "silent" }),
    bodyLimit: "1mb",
    clientDir,
    rateLimits: { signInFailures: 0, tokenFailures: 0, responseCreations: 0 },
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    deployNewVersion(marker) {
      const indexFile = path.join(clientDir, "index.html");
      const index = readFileSync(indexFile, "utf8").replace("<head>", `<head>\n    <meta name="passerelle-build" content="${marker}" />`);
      writeFileSync(indexFile, index);
      // A new build's worker lists index.html with a new revision: that is what the browser sees.
      const workerFile = path.join(clientDir, "sw.js");
      const worker = readFileSync(workerFile, "utf8").replace(/(url:"index\.html",revision:")[0-9a-f]+"/, `$1${marker}"`);
      if (!worker.includes(`revision:"${marker}"`)) throw new Error("sw.js does not list index.html as expected");
      writeFileSync(workerFile, worker);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
