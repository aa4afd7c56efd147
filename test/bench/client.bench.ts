/**
 * Web app benchmark: the gzip size of the JavaScript the respondent page loads (entry and form
 * chunk) and of the staff pages' chunks, and the time until the census form takes input in headless
 * Chromium, on loopback and on a throttled "slow 3G" line. Run with `npm run bench:client` (it
 * builds the app); runs per network with BENCH_CLIENT_RUNS (default 5 on loopback, 3 throttled).
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { launchChromium, openDevice, PHONE } from "../e2e/support/browser";
import { startServer } from "../e2e/support/server";
import { printTable } from "./bench-tools";

const ASSETS = path.join(__dirname, "../../client/dist/assets");
const CENSUS_PAGE = "/surveys/census-lebanon";
const RUNS = process.env.BENCH_CLIENT_RUNS ? Number(process.env.BENCH_CLIENT_RUNS) : undefined;

// Chrome DevTools' "Slow 3G" preset: 2 s round trip, about 50 kB/s each way.
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 };

interface Network {
  label: string;
  runs: number;
  conditions?: typeof SLOW_3G;
}

/** Opens the census in a fresh device; returns ms from navigation start until the first answer box takes input, and the scripts loaded. */
async function openCensus(browser: Browser, baseUrl: string, network: Network): Promise<{ ms: number; scripts: string[] }> {
  const { context, page } = await openDevice(browser, { baseUrl, language: "fr-FR", viewport: PHONE });
  try {
    const scripts: string[] = [];
    page.on("response", (response) => {
      if (response.url().endsWith(".js")) scripts.push(path.basename(new URL(response.url()).pathname));
    });
    if (network.conditions) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", network.conditions);
    }
    await page.goto(CENSUS_PAGE, { waitUntil: "commit" });
    const handle = await page.waitForFunction(
      () => {
        const input = document.querySelector<HTMLInputElement>('[data-name="authority_name"] input');
        return input && !input.disabled && input.offsetParent !== null ? performance.now() : false;
      },
      undefined,
      { timeout: 120_000, polling: 10 },
    );
    return { ms: (await handle.jsonValue()) as number, scripts };
  } finally {
    await context.close();
  }
}

function gzipKb(files: string[]): string {
  const bytes = files.reduce((sum, file) => sum + gzipSync(fs.readFileSync(path.join(ASSETS, file))).length, 0);
  return `${(bytes / 1000).toFixed(0)} kB`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  const assets = fs.readdirSync(ASSETS).filter((file) => file.endsWith(".js"));
  const named = (prefix: string) => assets.filter((file) => file.startsWith(prefix));
  // What the staff pages split off between them (the sign-in gate, their shared words…): every
  // chunk that is not the entry nor a page's own.
  const pages = ["index-", "respond-page-", "dashboard-page-", "admin-page-", "admin-survey-page-", "matching-page-"];
  const sharedByStaff = assets.filter((file) => !pages.some((prefix) => file.startsWith(prefix)));
  const server = await startServer();
  const browser = await launchChromium();
  const timings: Record<string, string>[] = [];
  let respondentScripts: string[] = [];
  try {
    const networks: Network[] = [
      { label: "loopback", runs: RUNS ?? 5 },
      { label: "slow 3G (2 s round trip, 50 kB/s)", runs: RUNS ?? 3, conditions: SLOW_3G },
    ];
    for (const network of networks) {
      const times: number[] = [];
      for (let run = 0; run < network.runs; run += 1) {
        const { ms, scripts } = await openCensus(browser, server.baseUrl, network);
        times.push(ms);
        respondentScripts = [...new Set(scripts)];
      }
      timings.push({
        network: network.label,
        runs: String(network.runs),
        "census form takes input after (median)": `${median(times).toFixed(0)} ms`,
        fastest: `${Math.min(...times).toFixed(0)} ms`,
        slowest: `${Math.max(...times).toFixed(0)} ms`,
      });
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  printTable("Web app JavaScript, gzip", [
    { part: "entry (every page)", files: named("index-").join(", "), gzip: gzipKb(named("index-")) },
    { part: "census form chunk", files: named("respond-page-").join(", "), gzip: gzipKb(named("respond-page-")) },
    { part: "respondent page, every script it loads", files: String(respondentScripts.length), gzip: gzipKb(respondentScripts) },
    { part: "dashboard chunk", files: named("dashboard-page-").join(", "), gzip: gzipKb(named("dashboard-page-")) },
    { part: "administration chunk", files: named("admin-page-").join(", "), gzip: gzipKb(named("admin-page-")) },
    { part: "questionnaire administration chunk", files: named("admin-survey-page-").join(", "), gzip: gzipKb(named("admin-survey-page-")) },
    { part: "matchmaking chunk", files: named("matching-page-").join(", "), gzip: gzipKb(named("matching-page-")) },
    { part: "chunks shared by staff pages", files: sharedByStaff.join(", "), gzip: gzipKb(sharedByStaff) },
  ]);
  printTable("Census form in headless Chromium, fresh cache, 360 px", timings);
}

void main();
