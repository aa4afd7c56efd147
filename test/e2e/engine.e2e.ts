import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DESKTOP, launchChromium, openDevice as openBrowserDevice, screenshotBothWidths, SCREENSHOTS } from "./support/browser";
import { allTypesAnswers } from "../support/engine-fixtures";
import { ADMIN, startServer, type RunningServer } from "./support/server";
import { choose, chooseInDropdown, eventually, goToNextPage, question } from "./support/survey-form";

/**
 * Questionnaires written for the engine's tests (not the shipped ones) filled in and submitted
 * in a real browser: one with its questions at the root (no pages), one in the older
 * `pages[].questions` format, one written only in Spanish. Their dashboards then show what was
 * submitted, in French and with the Arabic interface.
 */

const ENGINE_SURVEYS_DIR = path.resolve(__dirname, "../fixtures/engine");

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ SURVEYS_DIR: ENGINE_SURVEYS_DIR });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openDevice(language: "ar-LB" | "fr-FR", isStaff = false): Promise<{ context: BrowserContext; page: Page }> {
  const device = await openBrowserDevice(browser, { baseUrl: server.baseUrl, language, viewport: DESKTOP });
  if (isStaff) {
    const signedIn = await device.context.request.post(`${server.baseUrl}/api/session`, { data: ADMIN });
    if (!signedIn.ok()) throw new Error(`sign-in failed: ${signedIn.status()}`);
  }
  return device;
}

/** Completes the form and waits for the server's acceptance (the completion page). */
async function submit(page: Page, surveyId: string): Promise<void> {
  await page.locator(".sd-navigation__complete-btn").click();
  await page.waitForURL(new RegExp(`/surveys/${surveyId}/responses/[^/]+/done`), { timeout: 15_000 });
}

/** Opens every part of the dashboard's per-question results. */
async function openQuestionSections(page: Page): Promise<void> {
  const sections = page.locator(".details-entry");
  await sections.first().waitFor();
  for (let index = 0; index < (await sections.count()); index += 1) await sections.nth(index).locator("summary").click();
}

/** French numbers carry narrow no-break spaces ("100 %"): compare with plain spaces. */
const plain = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

/** The card of the question titled exactly `title`. */
const card = (page: Page, title: string) => {
  const exactly = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
  return page.locator(".question-card", { has: page.locator(".question-title", { hasText: exactly }) });
};

test("a questionnaire with its questions at the root is filled in, submitted and charted", async () => {
  const { context, page } = await openDevice("fr-FR");
  await page.goto("/surveys/engine-root");
  await question(page, "root_area").waitFor();
  await chooseInDropdown(page, "root_area", "rural");
  await question(page, "root_staff").locator("input").fill("12");
  await question(page, "root_contact").locator("input").first().fill("Mairie, rue principale");
  await submit(page, "engine-root");
  await context.close();

  const staff = await openDevice("fr-FR", true);
  await staff.page.goto("/surveys/engine-root/dashboard");
  await openQuestionSections(staff.page);
  expect(await staff.page.locator(".details-entry summary .details-title").allInnerTexts()).toEqual(["Root elements"]);
  const area = card(staff.page, "Area").locator('canvas[role="img"]');
  await area.waitFor();
  expect(await area.getAttribute("aria-label")).toContain("rural");
  const contact = card(staff.page, "Contact");
  await eventually(
    () => contact.locator(".question-part-title").allInnerTexts(),
    (titles) => titles.length === 2,
  );
  expect(await contact.locator(".question-part-title").allInnerTexts()).toEqual(["Office", "Opening hours"]);
  expect(await contact.locator(".question-part").first().innerText()).toContain("Réponses écrites : 1");
  const staffCount = card(staff.page, "Staff").locator("table");
  await staffCount.waitFor();
  expect(await staffCount.innerText()).toContain("12");
  await screenshotBothWidths(staff.page, "engine-root-dashboard-fr");
  await staff.context.close();
});

test("a questionnaire in the older pages[].questions format is filled in over two pages, submitted and charted", async () => {
  const { context, page } = await openDevice("fr-FR");
  await page.goto("/surveys/engine-legacy");
  await question(page, "legacy_color").waitFor();
  await choose(page, "legacy_color", "blue");
  await choose(page, "legacy_fruits", "fig");
  await choose(page, "legacy_fruits", "apple");
  await goToNextPage(page, "legacy_score");
  await question(page, "legacy_note").locator("textarea").fill("Une note");
  await submit(page, "engine-legacy");
  await context.close();

  const staff = await openDevice("fr-FR", true);
  await staff.page.goto("/surveys/engine-legacy/dashboard");
  await openQuestionSections(staff.page);
  expect(await staff.page.locator(".details-entry summary .details-title").allInnerTexts()).toEqual(["first", "second"]);
  const fruits = card(staff.page, "Fruits").locator('canvas[role="img"]');
  await fruits.waitFor();
  expect(plain(await fruits.getAttribute("aria-label"))).toBe("Fruits : apple 100 %, pear 0 % et fig 100 %");
  // Each card loads its own figures as it comes into view: the note's may come after the chart's.
  const note = await eventually(
    () => card(staff.page, "Note").innerText(),
    (text) => text.includes("Réponses écrites"),
  );
  expect(note).toContain("Réponses écrites : 1");
  await staff.context.close();
});

test("a questionnaire written only in Spanish shows its Spanish texts in the form and on the dashboard, the interface in Arabic", async () => {
  const { context, page } = await openDevice("ar-LB");
  await page.goto("/surveys/engine-spanish");
  await question(page, "es_servicio").waitFor();
  expect(await page.locator("h1").innerText()).toBe("Encuesta municipal");
  expect(await question(page, "es_servicio").innerText()).toContain("¿Qué servicio usa más?");
  expect(await question(page, "es_servicio").innerText()).toContain("Electricidad");
  await choose(page, "es_servicio", "luz");
  // The form is laid out as the Spanish it is, inside the Arabic page.
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  const form = page.locator('[lang="es"][dir]', { has: question(page, "es_servicio") });
  expect(await form.getAttribute("dir")).toBe("ltr");
  await screenshotBothWidths(page, "engine-spanish-form-ar");
  // SurveyJS's own button stays in the reader's language.
  expect((await page.locator(".sd-navigation__complete-btn").innerText()).trim()).toBe("إرسال البيانات");
  await submit(page, "engine-spanish");
  await context.close();

  const staff = await openDevice("ar-LB", true);
  await staff.page.goto("/surveys/engine-spanish/dashboard");
  expect(await staff.page.locator("html").getAttribute("dir")).toBe("rtl");
  await openQuestionSections(staff.page);
  expect(await staff.page.locator(".details-entry summary .details-title").allInnerTexts()).toEqual(["Preguntas"]);
  const service = card(staff.page, "¿Qué servicio usa más?").locator('canvas[role="img"]');
  await service.waitFor();
  expect(await service.getAttribute("aria-label")).toContain("Electricidad");
  await screenshotBothWidths(staff.page, "engine-spanish-dashboard-ar");
  await staff.context.close();
});

test("the dashboard of a questionnaire of every question type shows groups by part, files as counts, in Arabic", async () => {
  // Computed values left out: whatever the server makes of them, the groups are what is looked at here.
  const { budget_per_head: _expression, staff_total: _calculated, ...answers } = allTypesAnswers();
  for (const region of ["north", "south"]) {
    const sent = await fetch(`${server.baseUrl}/api/surveys/engine-all-types/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ answers: { ...answers, region }, status: "submitted", locale: "ar" }),
    });
    if (sent.status !== 201) throw new Error(`the questionnaire refused a response: ${sent.status} ${await sent.text()}`);
  }
  const staff = await openDevice("ar-LB", true);
  await staff.page.goto("/surveys/engine-all-types/dashboard");
  await openQuestionSections(staff.page);
  const sites = card(staff.page, "Sites");
  await eventually(
    () => sites.locator(".question-part-title").allInnerTexts(),
    (titles) => titles.length === 3,
  );
  expect(await sites.locator(".question-part-title").allInnerTexts()).toEqual(["Site name", "Kind of site", "Needs"]);
  expect(await sites.innerText()).toContain("٢ سطرًا ملأها ٢ مجيبًا");
  expect(await staff.page.locator(".question-title", { hasText: "Kind of site" }).count()).toBe(0);
  const equipment = card(staff.page, "Equipment");
  await eventually(
    () => equipment.locator(".question-part-title").count(),
    (count) => count === 8,
  );
  expect((await equipment.locator(".question-part-title").allInnerTexts()).slice(0, 2)).toEqual(["Trucks — State", "Trucks — Count"]);
  expect(await card(staff.page, "Plan").innerText()).toContain("الملفات المرفقة: ٢");
  const downloads = await staff.page.locator(".downloads-list a").allInnerTexts();
  expect(downloads).toEqual(expect.arrayContaining(["أسطر «Projects» (CSV)", "أسطر «Sites» (CSV)"]));
  await screenshotBothWidths(staff.page, "engine-all-types-dashboard-ar");
  // The groups close up: the whole page is too long to read at a glance.
  await sites.screenshot({ path: path.join(SCREENSHOTS, "engine-all-types-sites-ar.png") });
  await equipment.screenshot({ path: path.join(SCREENSHOTS, "engine-all-types-equipment-ar.png") });
  await staff.context.close();
});
