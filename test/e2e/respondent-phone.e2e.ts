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
const THEMES = (
  JSON.parse(readFileSync(path.join(__dirname, "../../surveys/themes.json"), "utf8")) as { themes: { id: string; label: Record<string, string> }[] }
).themes;
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
    await question(page, "priority_themes")
      .locator("[data-ranking='from-container'] .sv-ranking-item", { hasText: themeLabel(id, locale) })
      .click();
    await eventually(
      () => rankedItems(page).count(),
      (count) => count === index + 1,
    );
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
  expect(
    await rankedItems(page).evaluateAll((elements) => elements.map((element) => [element.getAttribute("role"), element.getAttribute("aria-label")])),
  ).toEqual([
    ["button", `1. ${themeLabel("energy", "ar")}`],
    ["button", `2. ${themeLabel("water_sanitation", "ar")}`],
    ["button", `3. ${themeLabel("health", "ar")}`],
  ]);
  const rankingDescription = await question(page, "priority_themes").evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
  expect(rankingDescription).toContain("الإجابة مطلوبة.");
  expect(rankingDescription).toContain("مفتاح المسافة");
  await screenshot(page, "phone-ranking-ar");
  await goToNextPage(page, "need_energy");
  const needs = await page.locator(".sd-page [data-name^='need_']").evaluateAll((elements) => elements.map((element) => element.getAttribute("data-name")));
  expect(needs).toEqual(["need_energy", "need_water_sanitation", "need_health"]);
  await screenshot(page, "phone-needs-ar");
  await expectNoSeriousViolations(page, "needs (ar)");
  for (const id of ["energy", "water_sanitation", "health"]) {
    await question(page, `need_${id}`).locator("textarea").fill("حاجة موصوفة");
    await choose(page, `urgency_${id}`, "medium_term");
  }
  await goToNextPage(page, "can_host_missions");
  await expectNoSeriousViolations(page, "capacities (ar)");
  await goToNextPage(page, "contact_name");
  await expectNoSeriousViolations(page, "contact (ar)");
  await screenshot(page, "phone-contact-ar");
  await context.close();
});

/** Presses Tab (Shift+Tab with `backwards`) until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string, { backwards = false, limit = 80 } = {}): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${selector} was not reached with the keyboard`);
}

/** Moves within a radio group with the arrow keys until `value` is checked. */
async function chooseWithKeys(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `[data-name="${name}"] input[type="radio"]`);
  await page.keyboard.press("Space");
  for (let presses = 0; presses < 12; presses += 1) {
    if (await question(page, name).locator(`input[value="${value}"]`).isChecked()) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`${value} was not reached in ${name}`);
}

async function pickWithKeys(page: Page, name: string, typed: string): Promise<void> {
  await tabTo(page, `[data-name="${name}"] input`);
  await page.keyboard.type(typed);
  await page.getByRole("option", { name: typed }).first().waitFor();
  await page.keyboard.press("Enter");
  await eventually(
    async () => (await question(page, name).locator(".sd-dropdown").getAttribute("class")) ?? "",
    (classes) => !classes.includes("sd-dropdown--empty"),
  );
}

async function nextWithKeys(page: Page, nextQuestion: string, pageTitle: string): Promise<void> {
  await tabTo(page, ".sd-navigation__next-btn");
  await page.keyboard.press("Enter");
  await question(page, nextQuestion).waitFor();
  // The focus moved to the new page's heading, which a screen reader then reads.
  const focused = await eventually(
    () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? ""),
    (text) => text === pageTitle,
  );
  expect(focused).toBe(pageTitle);
  await expectNoSeriousViolations(page, `${pageTitle} (fr)`);
}

/**
 * The contrast, against the question's background, of the most visible focus indicator drawn on
 * the focused element or the box around it (outline or box-shadow colour).
 */
function focusRingContrast(page: Page): Promise<number> {
  return page.evaluate(() => {
    const channels = (colour: string) => (colour.match(/[\d.]+/g) ?? []).slice(0, 4).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const [lr, lg, lb] = [r, g, b].map((value) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (lr ?? 0) + 0.7152 * (lg ?? 0) + 0.0722 * (lb ?? 0);
    };
    const contrast = (a: number[], b: number[]) => {
      const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return ((high ?? 0) + 0.05) / ((low ?? 0) + 0.05);
    };
    const active = document.activeElement as HTMLElement;
    const card = active.closest(".sd-question") ?? document.body;
    const background = channels(getComputedStyle(card).backgroundColor);
    const colours: number[][] = [];
    for (let element: HTMLElement | null = active, depth = 0; element && depth < 4; element = element.parentElement, depth += 1) {
      const style = getComputedStyle(element);
      if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) colours.push(channels(style.outlineColor));
      for (const shadow of style.boxShadow.match(/rgba?\([^)]*\)/g) ?? []) {
        const colour = channels(shadow);
        if ((colour[3] ?? 1) > 0.5) colours.push(colour);
      }
    }
    return Math.max(0, ...colours.map((colour) => contrast(colour, background)));
  });
}

test("the census can be answered and sent with the keyboard alone, in French", async () => {
  const { context, page } = await openDevice("fr-FR");
  await page.goto(`/surveys/${CENSUS}`);
  await question(page, "authority_name").waitFor();

  await tabTo(page, '[data-name="authority_name"] input');
  await page.keyboard.type("Municipalité de Byblos");
  // The focus ring is seen: at least 3:1 against the question's background.
  expect(await focusRingContrast(page)).toBeGreaterThanOrEqual(3);
  await chooseWithKeys(page, "authority_kind", "municipality");
  await pickWithKeys(page, "governorate", "Keserwan-Jbeil");
  await pickWithKeys(page, "district", "Jbeil");
  await nextWithKeys(page, "partnership_status", "Historique de coopération");

  await chooseWithKeys(page, "partnership_status", "none");
  await chooseWithKeys(page, "cooperation_intent", "develop_new");
  await nextWithKeys(page, "priority_themes", "Thématiques prioritaires");

  // Enter on a theme ranks it; then the arrows put it first.
  for (const id of ["health", "water_sanitation"]) {
    await tabTo(page, `[data-ranking="from-container"] .sv-ranking-item[aria-label="${themeLabel(id, "fr")}"]`);
    await page.keyboard.press("Enter");
    await eventually(
      () =>
        rankedItems(page)
          .filter({ hasText: themeLabel(id, "fr") })
          .count(),
      (count) => count === 1,
    );
  }
  await tabTo(page, `[data-ranking="to-container"] .sv-ranking-item[aria-label="2. ${themeLabel("water_sanitation", "fr")}"]`, { backwards: true });
  await page.keyboard.press("ArrowUp");
  await eventually(
    () => rankedItems(page).first().getAttribute("aria-label"),
    (label) => label === `1. ${themeLabel("water_sanitation", "fr")}`,
  );
  await nextWithKeys(page, "need_water_sanitation", "Besoins par thématique");

  // Panels in the ranked order: water first, then health.
  await tabTo(page, '[data-name="need_water_sanitation"] textarea');
  await page.keyboard.type("Réhabiliter le réseau d'eau potable.");
  await chooseWithKeys(page, "urgency_water_sanitation", "short_term");
  await pickWithKeys(page, "budget_water_sanitation", "De 200 000 USD à 1 million USD");
  // The chosen range is read in full at 360 px, not cut off, once the clerk moved on.
  await page.keyboard.press("Tab");
  const budget = question(page, "budget_water_sanitation");
  await budget.screenshot({ path: path.join(SCREENSHOTS, "phone-budget-fr.png") });
  const shown = await budget.locator(".sd-dropdown__input-prefix-wrapper > span").evaluate((element) => ({
    text: element.textContent,
    isCut:
      element.scrollWidth > element.clientWidth + 1 ||
      element.getBoundingClientRect().right > (element.closest(".sd-dropdown")?.getBoundingClientRect().right ?? 0),
  }));
  expect(shown).toEqual({ text: "De 200 000 USD à 1 million USD", isCut: false });
  await tabTo(page, '[data-name="need_health"] textarea');
  await page.keyboard.type("Équiper le dispensaire.");
  await chooseWithKeys(page, "urgency_health", "immediate");
  await screenshot(page, "phone-keyboard-needs-fr");
  await nextWithKeys(page, "can_host_missions", "Capacités et conditions");
  await nextWithKeys(page, "contact_name", "Contact et consentement");

  await tabTo(page, '[data-name="contact_name"] input');
  await page.keyboard.type("Rima Haddad");
  await tabTo(page, '[data-name="contact_email"] input');
  await page.keyboard.type("rima@example.org");
  // A yes/no switch: Space turns it to "yes".
  await tabTo(page, '[data-name="consent_data_use"] input[type="checkbox"]');
  await page.keyboard.press("Space");
  expect(await question(page, "consent_data_use").locator('input[type="checkbox"]').isChecked()).toBe(true);
  await tabTo(page, ".sd-navigation__complete-btn");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/done/);
  await expectNoSeriousViolations(page, "done (fr)");
  await context.close();
});
