/**
 * Web app benchmark, for the census on a Lebanese phone line. It builds the client of the
 * branch point with `main` (the yardstick, "today's build") beside this build, serves each from
 * the real app, and measures in headless Chromium at 360 px:
 * - what the census page moves over the wire on a cold cache (every response's encoded size);
 * - when its first question takes input, cold, at 400 kbps with a 400 ms round trip (Chromium's
 *   own throttling), warm (reopened on the same device) and offline (reopened without a
 *   connection), beside the targets;
 * - each part's compressed weight beside its floor (the package's own minified file, brotli 11).
 * The server here is plain HTTP, over which Chromium does not ask for brotli: the page gets the
 * gzip copies, and the brotli weights (served over HTTPS) are in the parts table. Run with
 * `npm run bench:client` (it builds this app first); runs per case with BENCH_CLIENT_RUNS
 * (default 3). BENCH_CLIENT_BASELINE names another git revision for the yardstick.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, openDevice, PHONE } from "../e2e/support/browser";
import { startAppServer } from "../e2e/support/app-server";
import { printTable } from "./bench-tools";

const ROOT = path.join(__dirname, "../..");
const ASSETS = path.join(ROOT, "client/dist/assets");
const CENSUS_PAGE = "/surveys/census-lebanon";
const RUNS = process.env.BENCH_CLIENT_RUNS ? Number(process.env.BENCH_CLIENT_RUNS) : 3;
// 400 kbit/s each way (50,000 bytes/s) and 400 ms round trip: a weak Lebanese mobile line.
const WEAK_LINE = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const TARGETS = { wireKb: 350, coldMs: 7_000, warmMs: 1_500 };

interface Opening {
  ms: number | null;
  wireBytes: number;
}

/** Opens the census in `page`, on the weak line; ms until the first answer box takes input (null: never). */
async function openCensus(context: BrowserContext, page: Page, { offline = false } = {}): Promise<Opening> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", offline ? { ...WEAK_LINE, offline: true } : WEAK_LINE);
  let wireBytes = 0;
  cdp.on("Network.loadingFinished", (event: { encodedDataLength: number }) => (wireBytes += event.encodedDataLength));
  const opened = await page.goto(CENSUS_PAGE, { waitUntil: "commit" }).then(
    () => true,
    () => false,
  );
  if (!opened) return { ms: null, wireBytes };
  const handle = await page
    .waitForFunction(
      () => {
        const input = document.querySelector<HTMLInputElement>('[data-name="authority_name"] input');
        return input && !input.disabled && input.offsetParent !== null ? performance.now() : false;
      },
      undefined,
      { timeout: 60_000, polling: 10 },
    )
    .catch(() => null);
  await cdp.detach();
  return { ms: handle ? ((await handle.jsonValue()) as number) : null, wireBytes };
}

/** Cold, then warm (same device, the connection on), then offline (same device, none). */
async function measureBuild(browser: Browser, baseUrl: string): Promise<{ cold: Opening[]; warm: Opening[]; offline: Opening[] }> {
  const result = { cold: [] as Opening[], warm: [] as Opening[], offline: [] as Opening[] };
  for (let run = 0; run < RUNS; run += 1) {
    const { context, page } = await openDevice(browser, { baseUrl, language: "fr-FR", viewport: PHONE });
    try {
      result.cold.push(await openCensus(context, page));
      // Let the service worker (if any) finish keeping the app before the device is reused.
      await page.evaluate(() => ("serviceWorker" in navigator ? navigator.serviceWorker.getRegistration().then((r) => (r ? navigator.serviceWorker.ready : null)) : null)).catch(() => null);
      const warm = await context.newPage();
      result.warm.push(await openCensus(context, warm));
      await context.setOffline(true);
      const offline = await context.newPage();
      result.offline.push(await openCensus(context, offline, { offline: true }));
    } finally {
      await context.close();
    }
  }
  return result;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const seconds = (openings: Opening[]) => {
  const times = openings.map((opening) => opening.ms);
  if (times.some((ms) => ms === null)) return "does not open";
  return `${(median(times as number[]) / 1000).toFixed(1)} s`;
};
const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
const brotli = (data: Buffer) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The client as it was at `revision`, built in a temporary folder with this worktree's node_modules. */
function buildBaseline(revision: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-bench-baseline-"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  const archive = execFileSync("git", ["archive", "--format=tar", revision, "client", "shared", "surveys", "tsconfig.base.json"], { cwd: ROOT, maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  execFileSync("npx", ["vite", "build", "--config", path.join(dir, "client/vite.config.mts"), "--logLevel", "error"], { cwd: path.join(dir, "client"), stdio: "inherit" });
  return path.join(dir, "client/dist");
}

function partWeights(): Record<string, string>[] {
  const assets = fs.readdirSync(ASSETS);
  const sizeOf = (prefix: string, extension: string, suffix: string) =>
    assets.filter((file) => file.startsWith(prefix) && file.endsWith(`.${extension}${suffix}`)).reduce((sum, file) => sum + fs.statSync(path.join(ASSETS, file)).size, 0);
  const floor = (relative: string) => brotli(fs.readFileSync(path.join(ROOT, "node_modules", relative)));
  return [
    { part: "entry (React, app shell, words)", "brotli (gzip)": `${kb(sizeOf("index-", "js", ".br"))} (${kb(sizeOf("index-", "js", ".gz"))})`, floor: `react-dom ${kb(floor("react-dom/cjs/react-dom-client.production.js"))}` },
    {
      part: "form chunk (SurveyJS, the form)",
      "brotli (gzip)": `${kb(sizeOf("respond-page-", "js", ".br"))} (${kb(sizeOf("respond-page-", "js", ".gz"))})`,
      floor: `survey-core ${kb(floor("survey-core/survey.core.min.js"))} + survey-react-ui ${kb(floor("survey-react-ui/survey-react-ui.min.js"))}`,
    },
    {
      part: "form styles",
      "brotli (gzip)": `${kb(sizeOf("respond-page-", "css", ".br"))} (${kb(sizeOf("respond-page-", "css", ".gz"))})`,
      floor: `survey-core CSS ${kb(floor("survey-core/survey-core.fontless.min.css"))}`,
    },
    { part: "app styles", "brotli (gzip)": `${kb(sizeOf("index-", "css", ".br"))} (${kb(sizeOf("index-", "css", ".gz"))})`, floor: "—" },
  ];
}

async function main(): Promise<void> {
  const revision = process.env.BENCH_CLIENT_BASELINE ?? execFileSync("git", ["merge-base", "main", "HEAD"], { cwd: ROOT }).toString().trim();
  const baselineDist = buildBaseline(revision);
  const baselineDir = path.resolve(baselineDist, "../..");
  const builds = [
    { label: `yardstick: ${revision.slice(0, 8)} (branch point)`, dist: baselineDist },
    { label: "this build", dist: path.join(ROOT, "client/dist") },
  ];
  const browser = await launchChromium();
  const rows: Record<string, string>[] = [];
  try {
    for (const build of builds) {
      const server = await startAppServer(null, build.dist);
      try {
        const { cold, warm, offline } = await measureBuild(browser, server.baseUrl);
        rows.push({
          build: build.label,
          runs: String(RUNS),
          [`over the wire, cold (target ≤ ${TARGETS.wireKb} kB)`]: kb(median(cold.map((opening) => opening.wireBytes))),
          [`first question, cold (≤ ${TARGETS.coldMs / 1000} s)`]: seconds(cold),
          [`warm (≤ ${TARGETS.warmMs / 1000} s)`]: seconds(warm),
          [`offline (≤ ${TARGETS.warmMs / 1000} s)`]: seconds(offline),
        });
      } finally {
        await server.stop();
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(baselineDir, { recursive: true, force: true });
  }
  printTable("Census page at 360 px, 400 kbit/s and 400 ms round trip (Chromium throttling), medians", rows);
  printTable("This build's parts: precompressed weight beside the floor (the package's own minified file, brotli 11)", partWeights());
  // The floor gzip -9 of the same files, for comparison with figures quoted in gzip.
  const gzipFloor = (relative: string) => kb(gzipSync(fs.readFileSync(path.join(ROOT, "node_modules", relative)), { level: 9 }).length);
  console.log(`gzip -9 floors: survey-core ${gzipFloor("survey-core/survey.core.min.js")}, react-dom ${gzipFloor("react-dom/cjs/react-dom-client.production.js")}, survey-react-ui ${gzipFloor("survey-react-ui/survey-react-ui.min.js")}`);
}

void main();
