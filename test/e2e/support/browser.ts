import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const ROOT = path.resolve(__dirname, "../../..");
export const SCREENSHOTS = path.join(ROOT, "test-results/screenshots");
const AXE = path.join(ROOT, "node_modules/axe-core/axe.min.js");
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

/** Debian's Chromium, headless, kept off the network (this machine has none beyond loopback). */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A fresh "device": its own storage, a screen size and a browser language. */
export async function openDevice(
  browser: Browser,
  options: { baseUrl: string; language: "ar-LB" | "fr-FR" | "en-GB"; viewport: { width: number; height: number } },
): Promise<{ context: BrowserContext; page: Page }> {
  // Reduced motion turns SurveyJS's animations off: a question sliding in while a click lands
  // would close the dropdown just opened (the app honours this system setting).
  const context = await browser.newContext({
    viewport: options.viewport,
    locale: options.language,
    baseURL: options.baseUrl,
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  return { context, page };
}

/** Full-page screenshots at phone and desktop width, then back to the page's own width. */
export async function screenshotBothWidths(page: Page, name: string): Promise<void> {
  const original = page.viewportSize() ?? DESKTOP;
  for (const [width, viewport] of [
    ["360", PHONE],
    ["1280", DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    // Charts and SurveyJS re-layout on resize: let them settle before the picture.
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core on the page; fails on any serious or critical violation, printing them. */
export async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's content-security policy does not
  // govern: an injected <script> would (rightly) be refused.
  await page.evaluate(readFileSync(AXE, "utf8"));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  });
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  if (serious.length > 0) console.error(`axe on ${screen}:\n${JSON.stringify(serious, null, 2)}`);
  expect(serious.map((violation) => `${violation.impact}: ${violation.id} (${violation.help})`)).toEqual([]);
}
