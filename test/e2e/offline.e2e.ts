import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { PHONE, SCREENSHOTS, expectNoSeriousViolations, launchChromium, openDevice as openBrowserDevice } from "./support/browser";
import { startAppServer, type AppServer } from "./support/app-server";
import { choose, eventually, goToNextPage, question } from "./support/survey-form";

/**
 * A clerk on a Lebanese phone line: the connection drops while answering, while submitting, or
 * before the tab is closed; a new version is deployed while a draft is open. Real Chromium, the
 * real server on a SQLite file, the built app with its service worker; the connection is cut
 * with the browser's own offline mode. The questionnaire is one of these tests' own.
 */

const SURVEY = "water-point";
const FIXTURES = path.join(__dirname, "../fixtures/offline");

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

function openDevice(language: "ar-LB" | "fr-FR" = "fr-FR"): Promise<{ context: BrowserContext; page: Page }> {
  return openBrowserDevice(browser, { baseUrl: server.baseUrl, language, viewport: PHONE });
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const status = (page: Page) => page.locator(".save-status");

/** Opens the questionnaire and waits until the service worker controls the page (the app is kept). */
async function openOnline(page: Page, address = `/surveys/${SURVEY}`): Promise<void> {
  await page.goto(address);
  await page.locator(address === "/" ? ".survey-list" : '[data-name="site_name"]').waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  });
}

async function resumeCredentials(page: Page): Promise<{ responseId: string; token: string }> {
  const url = await eventually(
    async () => page.url(),
    (value) => value.includes("/responses/"),
  );
  const match = /\/responses\/([^/#]+)#(.+)$/.exec(url);
  if (!match?.[1] || !match[2]) throw new Error(`no resume link in ${url}`);
  return { responseId: match[1], token: match[2] };
}

/** The response as the server holds it (read from this process, which the browser's offline mode does not cut). */
async function serverResponse({ responseId, token }: { responseId: string; token: string }) {
  const response = await fetch(`${server.baseUrl}/api/responses/${responseId}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; revision: number; answers: Record<string, unknown> };
}

/** The keys of the answers the device keeps unsent (IndexedDB). */
function unsentKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const opening = indexedDB.open("passerelle");
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const reading = db.transaction("unsent").objectStore("unsent").getAllKeys();
          reading.onsuccess = () => {
            db.close();
            resolve(reading.result.map(String));
          };
        };
      }),
  );
}

/** Counts the submissions the server accepted (answered 2xx), as seen by the browser. */
function countAcceptedSubmissions(page: Page): () => number {
  let accepted = 0;
  page.on("response", (response) => {
    const request = response.request();
    if (!request.url().includes("/api/") || !["PUT", "POST"].includes(request.method())) return;
    if (response.ok() && (request.postData() ?? "").includes('"status":"submitted"')) accepted += 1;
  });
  return () => accepted;
}

test("a submission tapped offline is queued, sent by itself when the connection returns, and completed only after the server's answer", async () => {
  const { context, page } = await openDevice("fr-FR");
  const accepted = countAcceptedSubmissions(page);
  await openOnline(page);
  await question(page, "site_name").locator("input").fill("Source de Baakline");
  await status(page).filter({ hasText: "Enregistré à" }).waitFor();
  const credentials = await resumeCredentials(page);
  await goToNextPage(page, "urgency");
  await choose(page, "urgency", "now");

  await context.setOffline(true);
  await page.locator(".sd-navigation__complete-btn").click();
  await status(page).filter({ hasText: "Pas encore envoyé — sera envoyé dès le retour de la connexion." }).waitFor();
  await screenshot(page, "offline-submission-queued-fr");
  // Several retries go by offline: nothing claims the questionnaire was sent or saved.
  await page.waitForTimeout(3_000);
  expect(page.url()).not.toContain("/done");
  expect(await status(page).innerText()).not.toMatch(/Enregistré|envoyé à/);
  expect((await serverResponse(credentials)).status).toBe("draft");
  expect(await unsentKeys(page)).toEqual([`${SURVEY}/responses/${credentials.responseId}`]);

  await context.setOffline(false);
  await page.waitForURL(/\/done/);
  expect(await page.locator("h1").innerText()).toContain("Merci");
  const stored = await serverResponse(credentials);
  expect(stored.status).toBe("submitted");
  expect(stored.answers).toMatchObject({ site_name: "Source de Baakline", urgency: "now" });
  expect(accepted()).toBe(1);
  expect(await unsentKeys(page)).toEqual([]);
  await context.close();
});

test("answers typed offline survive closing the tab, the form reopens offline from the service worker, and they are sent once the connection returns", async () => {
  const { context, page } = await openDevice("ar-LB");
  await openOnline(page);
  await context.setOffline(true);
  await question(page, "site_name").locator("input").fill("نبع الباروك");
  await question(page, "situation").locator("textarea").fill("المضخة معطلة منذ أسبوع");
  await status(page).filter({ hasText: "باقية على هذا الجهاز" }).waitFor({ timeout: 15_000 });
  await screenshot(page, "offline-kept-on-device-ar");
  await page.close();

  // The battery died; later, still without a connection, the clerk opens the link again. A
  // phone's HTTP cache may have been emptied meanwhile: only what the service worker keeps counts.
  const reopened = await context.newPage();
  await (await context.newCDPSession(reopened)).send("Network.clearBrowserCache");
  await reopened.goto(`/surveys/${SURVEY}`);
  await question(reopened, "site_name").waitFor();
  expect(await question(reopened, "site_name").locator("input").inputValue()).toBe("نبع الباروك");
  expect(await question(reopened, "situation").locator("textarea").inputValue()).toBe("المضخة معطلة منذ أسبوع");
  await reopened.getByText("فُتح الاستبيان من هذا الجهاز").waitFor();
  await expectNoSeriousViolations(reopened, "form opened offline (ar)");
  await screenshot(reopened, "offline-reopened-ar");

  await context.setOffline(false);
  await status(reopened).filter({ hasText: "تم الحفظ" }).waitFor({ timeout: 20_000 });
  const credentials = await resumeCredentials(reopened);
  expect((await serverResponse(credentials)).answers).toEqual({ site_name: "نبع الباروك", situation: "المضخة معطلة منذ أسبوع" });
  expect(
    await eventually(
      () => unsentKeys(reopened),
      (keys) => keys.length === 0,
    ),
  ).toEqual([]);
  await context.close();
});

test("a queued submission the server refuses (422) takes the clerk back to the question concerned", async () => {
  const { context, page } = await openDevice("fr-FR");
  await openOnline(page);
  await question(page, "site_name").locator("input").fill("Puits de Zahlé");
  await status(page).filter({ hasText: "Enregistré à" }).waitFor();
  const credentials = await resumeCredentials(page);
  await context.setOffline(true);
  // Pasted offline: longer than the server accepts (20,000 characters), which the form cannot know.
  await question(page, "situation").locator("textarea").fill("x".repeat(20_001));
  await goToNextPage(page, "urgency");
  await choose(page, "urgency", "later");
  await page.locator(".sd-navigation__complete-btn").click();
  await status(page).filter({ hasText: "Pas encore envoyé" }).waitFor();

  await context.setOffline(false);
  await question(page, "situation").locator(".sd-question__erbox").waitFor({ timeout: 20_000 });
  expect(page.url()).not.toContain("/done");
  expect(await question(page, "situation").locator(".sd-question__erbox").innerText()).toMatch(/20\s?000/);
  expect(await page.evaluate(() => document.activeElement?.closest("[data-name]")?.getAttribute("data-name"))).toBe("situation");
  expect(await status(page).innerText()).toContain("Certaines réponses sont à corriger");
  await screenshot(page, "offline-submission-refused-fr");
  expect((await serverResponse(credentials)).status).toBe("draft");
  // The answers stay on the device as a draft: reopening does not submit them behind the clerk's back.
  await context.close();
});

test("a new deployment while a draft is open reloads into the new version, keeps the draft, and saves through the new app", async () => {
  const { context, page } = await openDevice("fr-FR");
  await openOnline(page);
  await question(page, "site_name").locator("input").fill("Réservoir de Jbeil");
  await status(page).filter({ hasText: "Enregistré à" }).waitFor();
  const credentials = await resumeCredentials(page);
  // Typed just as the new version lands: kept on the device, perhaps not sent yet.
  await question(page, "situation").locator("textarea").fill("Fuite sur la conduite principale");

  server.deployNewVersion("next-version");
  const reloaded = page.waitForEvent("load");
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
  await reloaded;
  await page.locator('meta[name="passerelle-build"][content="next-version"]').waitFor({ state: "attached" });
  await question(page, "situation").waitFor();
  expect(await question(page, "situation").locator("textarea").inputValue()).toBe("Fuite sur la conduite principale");
  await question(page, "households").locator("input").fill("120");
  await status(page).filter({ hasText: "Enregistré à" }).waitFor({ timeout: 20_000 });
  expect((await serverResponse(credentials)).answers).toEqual({
    site_name: "Réservoir de Jbeil",
    situation: "Fuite sur la conduite principale",
    households: 120,
  });
  await context.close();
});

test("staff pages are not kept for offline use", async () => {
  const { context, page } = await openDevice("fr-FR");
  await openOnline(page, "/");
  // The device keeps the respondent's app only: none of the staff's files.
  const kept = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  expect(kept.some((url) => /^\/assets\/respond-page-/.test(url))).toBe(true);
  const staffFiles = kept.filter((url) =>
    /^\/assets\/(dashboard-page|admin-page|admin-survey-page|questionnaires-admin-page|brief-page|matching-page|choropleth-map)-/.test(url),
  );
  expect(staffFiles).toEqual([]);
  await context.setOffline(true);
  for (const address of ["/admin", "/sign-in", `/surveys/${SURVEY}/dashboard`]) {
    const failed = await page.goto(address).then(
      () => false,
      () => true,
    );
    expect({ address, failed }).toEqual({ address, failed: true });
  }
  await context.close();
});

test("a number typed with Arabic-Indic digits is kept and saved as the number", async () => {
  const { context, page } = await openDevice("ar-LB");
  await openOnline(page);
  await question(page, "site_name").locator("input").fill("بئر صور");
  await question(page, "households").locator("input").pressSequentially("١٢٠٠٠");
  await status(page).filter({ hasText: "تم الحفظ" }).waitFor({ timeout: 15_000 });
  const credentials = await resumeCredentials(page);
  expect(
    await eventually(
      async () => (await serverResponse(credentials)).answers.households,
      (value) => value === 12000,
    ),
  ).toBe(12000);
  await question(page, "households").locator("input").blur();
  expect(await question(page, "households").locator("input").inputValue()).toBe("12000");
  await context.close();
});

test.each([
  ["fr-FR", "Garder une copie de mes réponses", "Relevé du point d'eau", "Imprimer", "Urgence", "Immédiate"],
  ["ar-LB", "الاحتفاظ بنسخة من إجاباتي", "معاينة نقطة المياه", "طباعة", "الإلحاح", "فورية"],
] as const)(
  "after submitting, the clerk keeps a printable and downloadable copy of the answers (%s)",
  async (language, keepLink, title, print, urgencyTitle, urgencyAnswer) => {
    const created = await fetch(`${server.baseUrl}/api/surveys/${SURVEY}/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ answers: { site_name: "Ain Zhalta", households: 340, urgency: "now" }, status: "submitted", locale: "fr" }),
    });
    expect(created.status).toBe(201);
    const { id, resumeToken } = (await created.json()) as { id: string; resumeToken: string };
    const { context, page } = await openDevice(language);
    await page.goto(`/surveys/${SURVEY}/responses/${id}/done#${resumeToken}`);
    await page.getByRole("link", { name: keepLink }).click();
    await page.locator(".receipt-answer").first().waitFor();
    expect(await page.locator("h1").innerText()).toBe(title);
    const reference = `${id.replace(/-/g, "").slice(0, 4).toUpperCase()}-${id.replace(/-/g, "").slice(4, 8).toUpperCase()}`;
    expect(await page.locator(".receipt-facts").innerText()).toContain(reference);
    const answers = await page
      .locator(".receipt-answer")
      .evaluateAll((elements) => elements.map((element) => [element.querySelector("dt")?.textContent, element.querySelector("dd")?.textContent]));
    expect(answers).toEqual(
      expect.arrayContaining([
        [urgencyTitle, urgencyAnswer],
        [expect.any(String), "Ain Zhalta"],
        [expect.any(String), "340"],
      ]),
    );
    await expectNoSeriousViolations(page, `receipt (${language})`);
    await screenshot(page, `receipt-${language}`);

    // On paper: no header, no buttons; right to left in Arabic.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".receipt-actions").isVisible()).toBe(false);
    expect(await page.locator(".app-header").isVisible()).toBe(false);
    await screenshot(page, `receipt-print-${language}`);
    await page.emulateMedia({ media: "screen" });
    expect(await page.getByRole("button", { name: print }).isVisible()).toBe(true);

    // The download holds the same content.
    const downloading = page.waitForEvent("download");
    await page.locator(".receipt-actions .button-secondary").click();
    const file = await (await downloading).path();
    const html = readFileSync(file, "utf8");
    expect(html).toContain(reference);
    expect(html).toContain("Ain Zhalta");
    expect(html).toContain(urgencyAnswer);
    expect(html).toContain(`dir="${language === "ar-LB" ? "rtl" : "ltr"}"`);
    await context.close();
  },
);
