import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  DESKTOP,
  PHONE,
  SCREENSHOTS,
  expectNoSeriousViolations,
  launchChromium,
  openDevice as openBrowserDevice,
  screenshotBothWidths,
} from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { answerCensusInArabicUpToContact, choose, chooseInDropdown, eventually, goToNextPage, question } from "./support/survey-form";

/**
 * The respondent's journey in a real browser against the built server and client: a Lebanese
 * municipal clerk answers the census in Arabic on a 360 px phone, leaves, resumes on another
 * device through the resume link, and submits. axe-core checks each screen.
 */

const CENSUS = "census-lebanon";

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

function openDevice(language: "ar-LB" | "fr-FR", viewport = PHONE): Promise<{ context: BrowserContext; page: Page }> {
  return openBrowserDevice(browser, { baseUrl: server.baseUrl, language, viewport });
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function waitForSaved(page: Page): Promise<void> {
  await page.locator(".save-status", { hasText: "تم الحفظ" }).waitFor({ timeout: 15_000 });
}

/** The response as the server holds it, read with its resume token. */
async function fetchResponse(responseId: string, token: string): Promise<{ status: string; answers: Record<string, unknown> }> {
  const response = await fetch(`${server.baseUrl}/api/responses/${responseId}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; answers: Record<string, unknown> };
}

function parseResumeUrl(url: string): { responseId: string; token: string } {
  const match = /\/surveys\/census-lebanon\/responses\/([^/#]+)#(.+)$/.exec(url);
  if (!match?.[1] || !match[2]) throw new Error(`not a resume link: ${url}`);
  return { responseId: match[1], token: match[2] };
}

test("the home page lists the open questionnaires, accessibly, in French and Arabic", async () => {
  const { context, page } = await openDevice("fr-FR");
  await page.goto("/");
  await page.locator(".survey-list a").first().waitFor();
  expect(await page.locator("html").getAttribute("lang")).toBe("fr");
  expect(await page.locator("h1").count()).toBe(1);
  await expectNoSeriousViolations(page, "home (fr)");
  await screenshotBothWidths(page, "home-fr");

  await page.getByRole("button", { name: "العربية" }).click();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
  await expectNoSeriousViolations(page, "home (ar)");
  await screenshotBothWidths(page, "home-ar");

  await page.goto("/nowhere/at-all");
  expect(await page.locator("h1").innerText()).toBe("الصفحة غير موجودة");
  await context.close();
});

test("the census form in French is accessible", async () => {
  const { context, page } = await openDevice("fr-FR");
  await page.goto(`/surveys/${CENSUS}`);
  await question(page, "authority_name").waitFor();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe("ltr");
  await expectNoSeriousViolations(page, "form (fr)");
  await screenshotBothWidths(page, "form-fr");

  // A resume link whose response does not exist explains itself and offers a fresh start.
  await page.goto(`/surveys/${CENSUS}/responses/00000000-0000-4000-8000-000000000000#not-a-real-resume-token`);
  expect(await page.locator("h1").innerText()).toBe("Impossible de reprendre cette réponse");
  await page.getByRole("button", { name: "Commencer une nouvelle réponse" }).click();
  await question(page, "authority_name").waitFor();
  expect(new URL(page.url()).pathname).toBe(`/surveys/${CENSUS}`);
  await context.close();
});

test("a clerk answers the census in Arabic on a phone, resumes it on another device and submits it", async () => {
  // --- First device: start answering in Arabic at 360 px. ---
  const first = await openDevice("ar-LB");
  const page = first.page;
  await page.goto(`/surveys/${CENSUS}`);
  await question(page, "authority_name").waitFor();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expectNoSeriousViolations(page, "form (ar)");
  await screenshotBothWidths(page, "form-ar");

  // Identity.
  await question(page, "authority_name").locator("input").fill("بلدية بعبدا");
  await choose(page, "authority_kind", "municipality");
  await question(page, "union_name").waitFor();
  await chooseInDropdown(page, "governorate", "جبل لبنان");
  await chooseInDropdown(page, "district", "بعبدا");

  // The draft is saved without any action: status line, resume address, and the API agree.
  await waitForSaved(page);
  await page.waitForURL(/\/responses\/[^/#]+#.+$/);
  const { responseId, token } = parseResumeUrl(page.url());
  const draft = await fetchResponse(responseId, token);
  expect(draft.status).toBe("draft");
  expect(draft.answers).toMatchObject({ authority_name: "بلدية بعبدا", authority_kind: "municipality", governorate: "mount_lebanon" });
  const resumeLink = await page.locator(".resume-link input").inputValue();
  expect(resumeLink).toBe(`${server.baseUrl}/surveys/${CENSUS}/responses/${responseId}#${token}`);

  // Cooperation history, one ranked theme and its needs, capacities left empty.
  await answerCensusInArabicUpToContact(page, "شبكة مياه الشفة قديمة وتحتاج إلى تأهيل.", () => screenshot(page, "form-ar-needs-360"));
  await question(page, "contact_name").locator("input").fill("ريم خوري");
  await question(page, "contact_email").locator("input").fill("reem@example.org");
  await question(page, "consent_data_use").getByText("نعم", { exact: true }).click();
  await page.locator(".save-status", { hasText: "تم الحفظ" }).waitFor();
  const saved = await eventually(
    () => fetchResponse(responseId, token),
    (response) => response.answers.consent_data_use === true,
  );
  expect(saved.answers).toMatchObject({ contact_email: "reem@example.org", consent_data_use: true });
  await first.context.close();

  // --- Second device: the resume link restores every answer. ---
  const second = await openDevice("ar-LB");
  const resumed = second.page;
  await resumed.goto(resumeLink);
  await question(resumed, "authority_name").waitFor();
  expect(await question(resumed, "authority_name").locator("input").inputValue()).toBe("بلدية بعبدا");
  expect(await question(resumed, "authority_kind").locator('input[value="municipality"]').isChecked()).toBe(true);
  for (const next of ["partnership_status", "priority_themes", "need_water_sanitation", "can_host_missions", "contact_name"]) {
    await goToNextPage(resumed, next);
    if (next === "need_water_sanitation") {
      expect(await question(resumed, next).locator("textarea").inputValue()).toBe("شبكة مياه الشفة قديمة وتحتاج إلى تأهيل.");
    }
  }
  expect(await question(resumed, "contact_email").locator("input").inputValue()).toBe("reem@example.org");

  // Submit: the completion page appears only once the server accepted.
  await resumed.locator(".sd-navigation__complete-btn").click();
  await resumed.waitForURL(new RegExp(`/surveys/${CENSUS}/responses/${responseId}/done`));
  expect(await resumed.locator("h1").innerText()).toBe("شكرًا، تم إرسال إجابتك");
  expect(await resumed.locator(".reference dd").innerText()).toBe(responseId);
  expect(await resumed.evaluate(() => document.documentElement.dir)).toBe("rtl");
  await expectNoSeriousViolations(resumed, "completion (ar)");
  await screenshotBothWidths(resumed, "done-ar");

  const submitted = await fetchResponse(responseId, token);
  expect(submitted.status).toBe("submitted");
  expect(submitted.answers).toMatchObject({ priority_themes: ["water_sanitation"], contact_name: "ريم خوري", consent_data_use: true });

  // Back on the questionnaire, this device shows the sent response, editable, and can start another.
  await resumed.goto(`/surveys/${CENSUS}`);
  await resumed.getByText("تم إرسال هذه الإجابة مسبقًا", { exact: false }).first().waitFor();
  expect(await question(resumed, "authority_name").locator("input").inputValue()).toBe("بلدية بعبدا");
  await resumed.getByRole("button", { name: "بدء إجابة جديدة" }).click();
  await eventually(
    () => question(resumed, "authority_name").locator("input").inputValue(),
    (value) => value === "",
  );
  expect(await question(resumed, "authority_name").locator("input").inputValue()).toBe("");
  expect(new URL(resumed.url()).pathname).toBe(`/surveys/${CENSUS}`);
  await second.context.close();
});

/** A complete, valid set of census answers (one ranked theme), as the form would produce it. */
const COMPLETE_ANSWERS = {
  authority_name: "Municipalité de Jbeil",
  authority_kind: "municipality",
  governorate: "mount_lebanon",
  district: "baabda",
  partnership_status: "none",
  cooperation_intent: "develop_new",
  priority_themes: ["water_sanitation"],
  need_water_sanitation: "Réhabiliter le réseau d'eau potable.",
  urgency_water_sanitation: "short_term",
  contact_name: "Rana Haddad",
  contact_email: "rana@example.org",
  consent_data_use: true,
};

async function createDraft(answers: Record<string, unknown>): Promise<{ id: string; resumeToken: string }> {
  const response = await fetch(`${server.baseUrl}/api/surveys/${CENSUS}/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ answers, status: "draft", locale: "fr" }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; resumeToken: string };
}

test("the server's objections on submission appear on the question concerned, which gets the focus", async () => {
  const draft = await createDraft(COMPLETE_ANSWERS);
  const { context, page } = await openDevice("fr-FR", DESKTOP);
  // Answers the form accepts but the server refuses (as after a questionnaire update).
  await page.route(`**/api/responses/${draft.id}`, async (route) => {
    if (route.request().method() !== "PUT") return route.continue();
    return route.fulfill({
      status: 422,
      contentType: "application/json",
      body: JSON.stringify({
        error: {
          code: "invalid_answers",
          message: "Some answers do not satisfy the questionnaire's rules.",
          details: [{ question: "authority_name", message: "Ce nom ne figure pas dans la liste des collectivités." }],
        },
      }),
    });
  });
  await page.goto(`/surveys/${CENSUS}/responses/${draft.id}#${draft.resumeToken}`);
  await question(page, "authority_name").waitFor();
  for (const next of ["partnership_status", "priority_themes", "need_water_sanitation", "can_host_missions", "contact_name"]) {
    await goToNextPage(page, next);
  }
  await page.locator(".sd-navigation__complete-btn").click();

  await question(page, "authority_name").getByText("Ce nom ne figure pas dans la liste des collectivités.").waitFor();
  expect(page.url()).not.toContain("/done");
  expect(await page.locator(".save-status").innerText()).toContain("Certaines réponses sont à corriger");
  const focusedQuestion = await eventually(
    () => page.evaluate(() => document.activeElement?.closest("[data-name]")?.getAttribute("data-name") ?? null),
    (name) => name === "authority_name",
  );
  expect(focusedQuestion).toBe("authority_name");
  await screenshot(page, "form-fr-server-error-1280");
  await context.close();
});

test("without a connection the draft waits, then is saved when the connection returns; the language can change meanwhile", async () => {
  const { context, page } = await openDevice("ar-LB");
  await page.goto(`/surveys/${CENSUS}`);
  await question(page, "authority_name").locator("input").fill("بلدية صور");
  await waitForSaved(page);
  const { responseId, token } = parseResumeUrl(page.url());

  await context.setOffline(true);
  await question(page, "population").locator("input").fill("12000");
  await page.locator(".save-status", { hasText: "لا يوجد اتصال" }).waitFor({ timeout: 10_000 });
  await screenshot(page, "form-ar-offline-360");

  // Switching language keeps the answers and turns the page left-to-right.
  await page.getByRole("button", { name: "Français" }).click();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe("ltr");
  expect(await page.locator("h1").innerText()).toContain("Recensement");
  expect(await question(page, "authority_name").locator("input").inputValue()).toBe("بلدية صور");

  await context.setOffline(false);
  await page.locator(".save-status", { hasText: "Enregistré à" }).waitFor({ timeout: 15_000 });
  const saved = await fetchResponse(responseId, token);
  expect(saved.answers).toMatchObject({ authority_name: "بلدية صور", population: 12000 });

  // Reopening the questionnaire's plain address on the same device resumes the same response.
  await page.goto(`/surveys/${CENSUS}`);
  await question(page, "authority_name").waitFor();
  expect(await question(page, "population").locator("input").inputValue()).toBe("12000");
  expect(parseResumeUrl(page.url()).responseId).toBe(responseId);
  await context.close();
});

test("two tabs edit one response: the second to save is told it changed elsewhere and chooses which version to keep", async () => {
  const { context, page: first } = await openDevice("fr-FR", DESKTOP);
  await first.goto(`/surveys/${CENSUS}`);
  await question(first, "authority_name").locator("input").fill("Municipalité de Zahlé");
  await first.locator(".save-status", { hasText: "Enregistré à" }).waitFor({ timeout: 15_000 });
  const { responseId, token } = parseResumeUrl(first.url());

  // The same device opens the questionnaire in a second tab: it resumes the same response.
  const second = await context.newPage();
  await second.goto(`/surveys/${CENSUS}`);
  await question(second, "authority_name").waitFor();
  expect(parseResumeUrl(second.url()).responseId).toBe(responseId);
  await question(second, "population").locator("input").fill("150000");
  await second.locator(".save-status", { hasText: "Enregistré à" }).waitFor({ timeout: 15_000 });

  // The first tab, still on the version it loaded, saves a change: refused, and said so.
  await question(first, "population").locator("input").fill("90000");
  const notice = first.locator(".save-dock .alert", { hasText: "Cette réponse a été modifiée ailleurs" });
  await notice.waitFor({ timeout: 15_000 });
  expect(await first.locator(".save-status").innerText()).toContain("Non enregistré");
  expect(await question(first, "population").locator("input").inputValue()).toBe("90000");
  expect((await fetchResponse(responseId, token)).answers).toMatchObject({ population: 150000 });
  await expectNoSeriousViolations(first, "conflict (fr)");
  await screenshot(first, "form-fr-conflict-1280");

  // Loading the saved version shows the other tab's answers, and saving goes on from there.
  await notice.getByRole("button", { name: "Charger la version enregistrée" }).click();
  await notice.waitFor({ state: "detached" });
  expect(await question(first, "population").locator("input").inputValue()).toBe("150000");
  await question(first, "authority_name").locator("input").fill("Municipalité de Zahlé et Maallaqa");
  const saved = await eventually(
    () => fetchResponse(responseId, token),
    (response) => response.answers.authority_name === "Municipalité de Zahlé et Maallaqa",
  );
  expect(saved.answers).toMatchObject({ authority_name: "Municipalité de Zahlé et Maallaqa", population: 150000 });

  // Now the second tab is behind: keeping its own answers saves them over the first tab's.
  await question(second, "population").locator("input").fill("160000");
  const secondNotice = second.locator(".save-dock .alert", { hasText: "Cette réponse a été modifiée ailleurs" });
  await secondNotice.waitFor({ timeout: 15_000 });
  await secondNotice.getByRole("button", { name: "Garder mes réponses et les enregistrer" }).click();
  await secondNotice.waitFor({ state: "detached" });
  const kept = await eventually(
    () => fetchResponse(responseId, token),
    (response) => response.answers.population === 160000,
  );
  expect(kept.answers).toMatchObject({ authority_name: "Municipalité de Zahlé", population: 160000 });
  await context.close();
});
