import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { PHONE, SCREENSHOTS, expectNoSeriousViolations, launchChromium, openDevice as openBrowserDevice } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { choose, chooseInDropdown, eventually, goToNextPage, question } from "./support/survey-form";

/**
 * The census on a 360 × 740 phone, as a clerk sees and operates it: the first question visible
 * on opening, the need panels in the clerk's own ranking, every page accessible, the whole
 * questionnaire answered with the keyboard alone.
 */

const CENSUS = "census-lebanon";
const THEMES = (JSON.parse(readFileSync(path.join(__dirname, "../../surveys/themes.json"), "utf8")) as { themes: { id: string; label: Record<string, string> }[] }).themes;
const themeLabel = (id: string, locale: "fr" | "ar") => THEMES.find((theme) => theme.id === id)?.label[locale] ?? id;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function openDevice(language: "ar-LB" | "fr-FR"): Promise<{ context: BrowserContext; page: Page }> {
  return openBrowserDevice(browser, { baseUrl: server.baseUrl, language, viewport: PHONE });
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

const rankedItems = (page: Page) => question(page, "priority_themes").locator("[data-ranking='to-container'] .sv-ranking-item");

/** Identity and cooperation history, in Arabic, up to the ranking page. */
async function answerUpToRanking(page: Page): Promise<void> {
  await question(page, "authority_name").locator("input").fill("بلدية جبيل");
  await choose(page, "authority_kind", "municipality");
  await chooseInDropdown(page, "governorate", "كسروان - جبيل");
  await chooseInDropdown(page, "district", "جبيل");
  await goToNextPage(page, "partnership_status");
  await choose(page, "partnership_status", "none");
  await choose(page, "cooperation_intent", "develop_new");
  await goToNextPage(page, "priority_themes");
}

async function rank(page: Page, themeIds: string[], locale: "fr" | "ar"): Promise<void> {
  for (const [index, id] of themeIds.entries()) {
    await question(page, "priority_themes").locator("[data-ranking='from-container'] .sv-ranking-item", { hasText: themeLabel(id, locale) }).click();
    await eventually(() => rankedItems(page).count(), (count) => count === index + 1);
  }
}

test.each([
  ["ar-LB", "ar"],
  ["fr-FR", "fr"],
] as const)("the census opens on a 360 × 740 phone with its first question above the fold (%s)", async (language, locale) => {
  const { context, page } = await openDevice(language);
  await page.goto(`/surveys/${CENSUS}`);
  const input = question(page, "authority_name").locator("input");
  await input.waitFor();
  const box = await input.boundingBox();
  expect(box && box.y + box.height).toBeLessThanOrEqual(PHONE.height);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, `phone-fold-${locale}`);
  // The introduction is one tap away.
  await page.locator(".survey-about > summary").click();
  expect(await page.locator(".survey-about .lead").isVisible()).toBe(true);
  await context.close();
});

test("the need panels follow the clerk's ranking, and every census page is accessible", async () => {
  const { context, page } = await openDevice("ar-LB");
  await page.goto(`/surveys/${CENSUS}`);
  await question(page, "authority_name").waitFor();
  await expectNoSeriousViolations(page, "identity (ar)");
  await answerUpToRanking(page);
  await rank(page, ["energy", "water_sanitation", "health"], "ar");
  await expectNoSeriousViolations(page, "ranking (ar)");
  // Each ranked item is a button named with its rank; the question says how to rank.
  expect(await rankedItems(page).evaluateAll((elements) => elements.map((element) => [element.getAttribute("role"), element.getAttribute("aria-label")]))).toEqual([
    ["button", `1. ${themeLabel("energy", "ar")}`],
    ["button", `2. ${themeLabel("water_sanitation", "ar")}`],
    ["button", `3. ${themeLabel("health", "ar")}`],
  ]);
  const rankingDescription = await question(page, "priority_themes").evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" "),
  );
  expect(rankingDescription).toContain("الإجابة مطلوبة.");
  expect(rankingDescription).toContain("مفتاح المسافة");
  await screenshot(page, "phone-ranking-ar");
  await goToNextPage(page, "need_energy");
  const needs = await page.locator(".sd-page [data-name^='need_']").evaluateAll((elements) => elements.map((element) => element.getAttribute("data-name")));
  expect(needs).toEqual(["need_energy", "need_water_sanitation", "need_health"]);
  await screenshot(page, "phone-needs-ar");
  await expectNoSeriousViolations(page, "needs (ar)");
  await context.close();
});
