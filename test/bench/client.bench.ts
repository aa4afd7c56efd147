/**
 * Web app benchmark, for the census on a Lebanese phone line. It builds the client of the
 * branch point with `main` (the yardstick, "today's build") beside this build, serves each from
 * the real app, and measures in headless Chromium at 360 px:
 * - what the census page moves over the wire on a cold cache (every response's encoded size);
 * - when its first question takes input, cold, at 400 kbps with a 400 ms round trip (Chromium's
 *   own throttling), warm (reopened on the same device) and offline (reopened without a
 *   connection), beside the targets;
 * - what each part of the page moved (the entry, the form chunk, the styles, the questionnaire),
 *   for both builds, beside this build's precompressed files (brotli 11, gzip -9) and the floor:
 *   the packages' own minified files, compressed the same way; and what the floor alone takes on
 *   that line, which bounds the cold time any build of this stack can reach.
 * Chromium asks for brotli on this plain-HTTP loopback too (`gzip, deflate, br, zstd`), so the
 * page gets the brotli copies, as over HTTPS. Run with
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
const CENSUS_PAGE = "/surveys/census-lebanon";
const RUNS = process.env.BENCH_CLIENT_RUNS ? Number(process.env.BENCH_CLIENT_RUNS) : 3;
// 400 kbit/s each way (50,000 bytes/s) and 400 ms round trip: a weak Lebanese mobile line.
const WEAK_LINE = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const TARGETS = { wireKb: 350, coldMs: 7_000, warmMs: 1_500 };

interface Opening {
  ms: number | null;
  wireBytes: number;
  /** Encoded bytes received, by part of the page (`partOf`). */
  wireByPart: Map<string, number>;
}

// The parts of the census page, as its files are named by the build.
const PARTS = [
  "page (HTML)",
  "entry (UI library, app shell, words)",
  "app styles",
  "form chunk (SurveyJS, the form)",
  "form styles",
  "questionnaire (API)",
  "other (service worker, small chunks)",
] as const;

type Part = (typeof PARTS)[number];

/**
 * A build's files by part, relative to its `dist`: the build's own list of the respondent's files
 * (`respondent-files.json`, from the bundle's import graph), or, for a build from before that
 * list, its files named like the parts (`index-*`, `respond-page-*`).
 */
function filesByPart(dist: string): Map<Part, Set<string>> {
  const list = path.join(dist, "respondent-files.json");
  if (fs.existsSync(list)) {
    const { shell, form } = JSON.parse(fs.readFileSync(list, "utf8")) as Record<"shell" | "form", { scripts: string[]; styles: string[] }>;
    return new Map<Part, Set<string>>([
      ["entry (UI library, app shell, words)", new Set(shell.scripts)],
      ["app styles", new Set(shell.styles)],
      ["form chunk (SurveyJS, the form)", new Set(form.scripts)],
      ["form styles", new Set(form.styles)],
    ]);
  }
  const assets = fs.readdirSync(path.join(dist, "assets"));
  const named = (prefix: string, extension: string) =>
    new Set(assets.filter((file) => file.startsWith(prefix) && file.endsWith(`.${extension}`)).map((file) => `assets/${file}`));
  return new Map<Part, Set<string>>([
    ["entry (UI library, app shell, words)", named("index-", "js")],
    ["app styles", named("index-", "css")],
    ["form chunk (SurveyJS, the form)", named("respond-page-", "js")],
    ["form styles", named("respond-page-", "css")],
  ]);
}

function partOf(files: Map<Part, Set<string>>, url: string): Part {
  const { pathname } = new URL(url);
  for (const [part, names] of files) if (names.has(pathname.slice(1))) return part;
  if (pathname.startsWith("/api/surveys/")) return "questionnaire (API)";
  if (pathname === CENSUS_PAGE) return "page (HTML)";
  return "other (service worker, small chunks)";
}

/** Opens the census in `page`, on the weak line; ms until the first answer box takes input (null: never). */
async function openCensus(context: BrowserContext, page: Page, files: Map<Part, Set<string>>, { offline = false } = {}): Promise<Opening> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", offline ? { ...WEAK_LINE, offline: true } : WEAK_LINE);
  const urls = new Map<string, string>();
  const wireByPart = new Map<string, number>();
  let wireBytes = 0;
  cdp.on("Network.responseReceived", (event: { requestId: string; response: { url: string } }) => urls.set(event.requestId, event.response.url));
  cdp.on("Network.loadingFinished", (event: { requestId: string; encodedDataLength: number }) => {
    wireBytes += event.encodedDataLength;
    const url = urls.get(event.requestId);
    const part = url ? partOf(files, url) : "other (service worker, small chunks)";
    wireByPart.set(part, (wireByPart.get(part) ?? 0) + event.encodedDataLength);
  });
  const opened = await page.goto(CENSUS_PAGE, { waitUntil: "commit" }).then(
    () => true,
    () => false,
  );
  if (!opened) return { ms: null, wireBytes, wireByPart };
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
  return { ms: handle ? ((await handle.jsonValue()) as number) : null, wireBytes, wireByPart };
}

/** Cold, then warm (same device, the connection on), then offline (same device, none). */
async function measureBuild(browser: Browser, baseUrl: string, dist: string): Promise<{ cold: Opening[]; warm: Opening[]; offline: Opening[] }> {
  const files = filesByPart(dist);
  const result = { cold: [] as Opening[], warm: [] as Opening[], offline: [] as Opening[] };
  for (let run = 0; run < RUNS; run += 1) {
    const { context, page } = await openDevice(browser, { baseUrl, language: "fr-FR", viewport: PHONE });
    try {
      result.cold.push(await openCensus(context, page, files));
      // Let the service worker (if any) finish keeping the app before the device is reused.
      await page
        .evaluate(() =>
          "serviceWorker" in navigator ? navigator.serviceWorker.getRegistration().then((r) => (r ? navigator.serviceWorker.ready : null)) : null,
        )
        .catch(() => null);
      const warm = await context.newPage();
      result.warm.push(await openCensus(context, warm, files));
      await context.setOffline(true);
      const offline = await context.newPage();
      result.offline.push(await openCensus(context, offline, files, { offline: true }));
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
  const archive = execFileSync("git", ["archive", "--format=tar", revision, "client", "shared", "surveys", "tsconfig.base.json"], {
    cwd: ROOT,
    maxBuffer: 1 << 30,
  });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  execFileSync("npx", ["vite", "build", "--config", path.join(dir, "client/vite.config.mts"), "--logLevel", "error"], {
    cwd: path.join(dir, "client"),
    stdio: "inherit",
  });
  return path.join(dir, "client/dist");
}

/** A part's floor: the packages it cannot do without, their own minified files, concatenated. */
interface Floor {
  label: string;
  files: string[];
}

const FLOORS: Partial<Record<(typeof PARTS)[number], Floor>> = {
  "entry (UI library, app shell, words)": {
    label: "preact + hooks + compat",
    files: ["preact/dist/preact.min.module.js", "preact/hooks/dist/hooks.module.js", "preact/compat/dist/compat.module.js"],
  },
  "form chunk (SurveyJS, the form)": {
    label: "survey-core + survey-react-ui",
    files: ["survey-core/survey.core.min.js", "survey-react-ui/survey-react-ui.min.js"],
  },
  "form styles": { label: "survey-core's CSS", files: ["survey-core/survey-core.fontless.min.css"] },
};
// The yardstick's entry carried React: its floor, for the record.
const REACT_FLOOR: Floor = { label: "react + react-dom", files: ["react/cjs/react.production.js", "react-dom/cjs/react-dom-client.production.js"] };

function floorBytes(floor: Floor): { brotli: number; gzip: number } {
  const data = Buffer.concat(floor.files.map((file) => fs.readFileSync(path.join(ROOT, "node_modules", file))));
  return { brotli: brotli(data), gzip: gzipSync(data, { level: 9 }).length };
}

/** The build's own precompressed copies (`.br`, `.gz`) of a part's files. */
function builtBytes(dist: string, files: Set<string>): { brotli: number; gzip: number } {
  const size = (suffix: string) => [...files].reduce((sum, file) => sum + fs.statSync(path.join(dist, file + suffix)).size, 0);
  return { brotli: size(".br"), gzip: size(".gz") };
}

interface MeasuredBuild {
  label: string;
  dist: string;
  cold: Opening[];
}

/** Each part: what the median cold opening of each build moved, this build's files, the floor. */
function partRows(builds: MeasuredBuild[]): Record<string, string>[] {
  const medianPart = (build: MeasuredBuild, part: string) => median(build.cold.map((opening) => opening.wireByPart.get(part) ?? 0));
  const current = builds[builds.length - 1]!;
  const rows: Record<string, string>[] = PARTS.map((part) => {
    const built = filesByPart(current.dist).get(part);
    const files = built ? builtBytes(current.dist, built) : null;
    const floor = FLOORS[part];
    const floorSize = floor ? floorBytes(floor) : null;
    return {
      part,
      ...Object.fromEntries(builds.map((build) => [`moved, ${build.label}`, kb(medianPart(build, part))])),
      "this build's files, brotli (gzip -9)": files ? `${kb(files.brotli)} (${kb(files.gzip)})` : "—",
      "floor, brotli (gzip -9)": floor && floorSize ? `${floor.label}: ${kb(floorSize.brotli)} (${kb(floorSize.gzip)})` : "—",
    };
  });
  const totalFloor = Object.values(FLOORS).reduce((sum, floor) => sum + floorBytes(floor).brotli, 0);
  rows.push({
    part: `**total** (target ≤ ${TARGETS.wireKb} kB)`,
    ...Object.fromEntries(builds.map((build) => [`moved, ${build.label}`, kb(median(build.cold.map((opening) => opening.wireBytes)))])),
    "this build's files, brotli (gzip -9)": "—",
    "floor, brotli (gzip -9)": `the packages alone: ${kb(totalFloor)} brotli`,
  });
  return rows;
}

async function main(): Promise<void> {
  const revision = process.env.BENCH_CLIENT_BASELINE ?? execFileSync("git", ["merge-base", "main", "HEAD"], { cwd: ROOT }).toString().trim();
  const baselineDist = buildBaseline(revision);
  const baselineDir = path.resolve(baselineDist, "../..");
  const builds = [
    { label: `yardstick ${revision.slice(0, 8)}`, dist: baselineDist },
    { label: "this build", dist: path.join(ROOT, "client/dist") },
  ];
  const browser = await launchChromium();
  const rows: Record<string, string>[] = [];
  const measured: MeasuredBuild[] = [];
  try {
    for (const build of builds) {
      const server = await startAppServer(null, build.dist);
      try {
        const { cold, warm, offline } = await measureBuild(browser, server.baseUrl, build.dist);
        measured.push({ ...build, cold });
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
    printTable("Census page at 360 px, 400 kbit/s and 400 ms round trip (Chromium throttling), medians", rows);
    printTable(
      "What the census page moved, cold, by part (medians), beside this build's files and the floor (the packages' own minified files)",
      partRows(measured),
    );
  } finally {
    await browser.close();
    fs.rmSync(baselineDir, { recursive: true, force: true });
  }
  // What the floor alone allows on this line: its bytes at 50 kB/s, and the three round trips
  // the page cannot avoid (the page, its entry, then the form chunk and the questionnaire).
  const floor = Object.values(FLOORS).reduce((sum, part) => sum + floorBytes(part).brotli, 0);
  const floorMs = (floor / WEAK_LINE.downloadThroughput) * 1000 + 3 * WEAK_LINE.latency;
  console.log(
    `The floor alone (${kb(floor)} brotli) takes ${(floorMs / 1000).toFixed(1)} s on this line (transfer at 50 kB/s and 3 round trips), against the ${TARGETS.coldMs / 1000} s target.`,
  );
  const react = floorBytes(REACT_FLOOR);
  console.log(`For the record, the yardstick's UI library: ${REACT_FLOOR.label} ${kb(react.brotli)} brotli (${kb(react.gzip)} gzip -9).`);
}

void main();
