import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { PHONE, SCREENSHOTS, launchChromium, openDevice } from "./support/browser";
import { startAppServer, type AppServer } from "./support/app-server";
import { choose, chooseInDropdown, goToNextPage, question } from "./support/survey-form";

/**
 * Number questions and the progress bar on a 360 × 740 phone, in French, Arabic and English: a
 * number question shows its title once (the census's and a questionnaire of these tests' own:
 * bare, with a placeholder, title on the left, inside a multiple-text, a matrix and a dynamic
 * panel), and the progress bar's current step does not look finished.
 */

const FIXTURES = path.join(__dirname, "../fixtures/numbers");
const LANGUAGES = ["fr-FR", "ar-LB", "en-GB"] as const;

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  server = await startAppServer(FIXTURES);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** How many times the question's title appears in what the question shows. */
async function titleOccurrences(page: Page, name: string): Promise<{ title: string; count: number; accessibleName: string }> {
  return question(page, name).evaluate((element: HTMLElement) => {
    const title = (element.querySelector(".sd-question__title")?.textContent ?? "").replace(/\s*\*\s*$/, "").trim();
    const shown = element.innerText;
    const input = element.querySelector("input");
    const labelledBy = (input?.getAttribute("aria-labelledby") ?? "").split(" ").filter(Boolean);
    const accessibleName =
      labelledBy
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" ")
        .trim() ||
      (input?.getAttribute("aria-label") ?? "");
    return { title, count: title === "" ? 0 : shown.split(title).length - 1, accessibleName };
  });
}

test.each(LANGUAGES)("number questions show their title once (%s)", async (language) => {
  const { context, page } = await openDevice(browser, { baseUrl: server.baseUrl, language, viewport: PHONE });
  const checks: [string, string[]][] = [
    ["/surveys/census-lebanon", ["population", "staff_count"]],
    ["/surveys/numbers-check", ["wells", "bare", "budget", "staff", "fleet", "sites"]],
  ];
  for (const [address, names] of checks) {
    await page.goto(address);
    for (const name of names) {
      await question(page, name).waitFor();
      const { title, count, accessibleName } = await titleOccurrences(page, name);
      expect([name, title.length > 0, count]).toEqual([name, true, 1]);
      // The answer box is named by the title, once.
      if (["population", "staff_count", "wells", "bare", "budget"].includes(name)) expect([name, accessibleName.replace(/\s*\*$/, "")]).toEqual([name, title]);
    }
    // Typed Eastern Arabic digits stay one number under one title.
    await question(page, names[0]!).locator("input").first().fill("١٢٠");
    await question(page, names[0]!).scrollIntoViewIfNeeded();
    expect((await titleOccurrences(page, names[0]!)).count).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, `numbers-${path.basename(address)}-${language}.png`), fullPage: true });
  }
  await context.close();
});

/** Whether a step's check mark is drawn (SurveyJS renders it in every step and hides some). */
const checkShown = (page: Page, step: string) =>
  page
    .locator(`.sd-progress-buttons__list-element${step}`)
    .first()
    .evaluate((element) => {
      const icon = element.querySelector(".sd-progress-buttons__check-icon");
      return icon !== null && getComputedStyle(icon).display !== "none" && (icon as HTMLElement).getBoundingClientRect().width > 0;
    });

test.each(LANGUAGES)("the progress bar's current step does not look finished; a finished one does (%s)", async (language) => {
  const { context, page } = await openDevice(browser, { baseUrl: server.baseUrl, language, viewport: PHONE });
  await page.goto("/surveys/census-lebanon");
  await question(page, "authority_name").locator("input").fill("Zahlé");
  expect(await checkShown(page, "--current")).toBe(false);
  await choose(page, "authority_kind", "municipality");
  const beirut = { "fr-FR": "Beyrouth", "ar-LB": "بيروت", "en-GB": "Beirut" }[language];
  await chooseInDropdown(page, "governorate", beirut);
  await chooseInDropdown(page, "district", beirut);
  await goToNextPage(page, "partnership_status");
  expect(await checkShown(page, "--current")).toBe(false);
  expect(await checkShown(page, "--passed:not(.sd-progress-buttons__list-element--current)")).toBe(true);
  await page.locator(".sd-progress-buttons").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, `progress-step-${language}.png`) });
  await context.close();
});
