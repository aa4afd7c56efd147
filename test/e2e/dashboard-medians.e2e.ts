import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { DESKTOP, PHONE, expectNoSeriousViolations, launchChromium, openDevice, screenshotBothWidths } from "./support/browser";
import { ADMIN, startServer, type RunningServer } from "./support/server";
import { eventually } from "./support/survey-form";

/**
 * Medians on the dashboard, in a real browser: a questionnaire of numbers (not the census)
 * answered 1,200 times with a budget of its own each, more different numbers than are kept
 * exactly, and a count of wells among forty values. The budget's median is shown as an
 * estimate, said so in a note; the wells' median is exact and shown plainly.
 */

const SURVEY = "numbers-check";
const RESPONSES = 1200;

let server: RunningServer;
let browser: Browser;
let surveysDir: string;

beforeAll(async () => {
  // The questionnaire of numbers alone, with the theme catalogue every questionnaire folder has.
  surveysDir = mkdtempSync(path.join(tmpdir(), "passerelle-medians-"));
  copyFileSync(path.join(__dirname, "../fixtures/numbers/counts.json"), path.join(surveysDir, "counts.json"));
  copyFileSync(path.join(__dirname, "../../surveys/themes.json"), path.join(surveysDir, "themes.json"));
  // The responses come from one address, faster than a person would send them.
  server = await startServer({ SURVEYS_DIR: surveysDir, RATE_LIMIT_RESPONSES: "0" });
  for (let index = 0; index < RESPONSES; index += 1) {
    const answers = { wells: index % 40, budget: 10_000 + 37 * index };
    const sent = await fetch(`${server.baseUrl}/api/surveys/${SURVEY}/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ answers, status: "submitted", locale: "ar" }),
    });
    if (sent.status !== 201) throw new Error(`the questionnaire refused a response: ${sent.status} ${await sent.text()}`);
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(surveysDir, { recursive: true, force: true });
});

/** The card of the question titled `title`, its figures shown as a table. */
async function numbersTable(page: Page, title: string) {
  const card = page.locator(".question-card", { has: page.locator(".question-title", { hasText: title }) });
  await card.scrollIntoViewIfNeeded();
  await card.locator("table").first().waitFor();
  return card;
}

// A number as the dashboard writes it (one decimal at most), in Arabic or Latin digits, with
// whatever thousands separator the language uses.
function readNumber(text: string): number {
  const latin = text.replace(/[٠-٩]/g, (digit) => String("٠١٢٣٤٥٦٧٨٩".indexOf(digit)));
  const decimal = /[.,٫](\d)\s*$/.exec(latin);
  const whole = Number((decimal ? latin.slice(0, decimal.index) : latin).replace(/\D/g, ""));
  return whole + (decimal ? Number(decimal[1]) / 10 : 0);
}

const cellText = async (card: Awaited<ReturnType<typeof numbersTable>>, row: number) =>
  ((await card.locator("tbody tr").nth(row).locator("td").first().textContent()) ?? "").replace(/\s+/g, " ").trim();

test.each([
  ["ar-LB", "الميزانية", "الآبار العاملة", /الوسيط تقديري بدقة 1٪/],
  ["fr-FR", "Budget", "Puits en service", /Médiane estimée à 1 % près/],
] as const)("marks an estimated median and leaves an exact one plain (%s)", async (language, budgetTitle, wellsTitle, note) => {
  for (const viewport of [DESKTOP, PHONE]) {
    const { context, page } = await openDevice(browser, { baseUrl: server.baseUrl, language, viewport });
    const signedIn = await context.request.post(`${server.baseUrl}/api/session`, { data: ADMIN });
    if (!signedIn.ok()) throw new Error(`sign-in failed: ${signedIn.status()}`);
    await page.goto(`/surveys/${SURVEY}/dashboard`);
    const sections = page.locator(".details-entry");
    await sections.first().waitFor();
    for (let index = 0; index < (await sections.count()); index += 1) await sections.nth(index).locator("summary").click();

    // Budgets 10,000 to 54,363 in steps of 37: the true median is 32,181.5.
    const budget = await numbersTable(page, budgetTitle);
    const median = await eventually(
      () => cellText(budget, 2),
      (text) => text.startsWith("≈"),
    );
    const estimate = readNumber(median);
    expect(Math.abs(estimate - 32_181.5)).toBeLessThanOrEqual(0.01 * 32_181.5 + 1);
    expect(await budget.innerText()).toMatch(note);

    // Wells: forty values, thirty each; the median of 19 and 20 is 19.5, exact, with no note.
    const wells = await numbersTable(page, wellsTitle);
    const exact = await cellText(wells, 2);
    expect(exact).not.toContain("≈");
    expect(await wells.innerText()).not.toMatch(note);

    await expectNoSeriousViolations(page, `dashboard medians (${language}, ${viewport.width} px)`);
    if (viewport === DESKTOP) await screenshotBothWidths(page, `dashboard-medians-${language}`);
    await context.close();
  }
});
