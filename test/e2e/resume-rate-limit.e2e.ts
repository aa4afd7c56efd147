import type { Browser } from "playwright-core";
import { FIXTURE_SURVEYS_DIR } from "../support/test-app";
import { miniAnswers } from "../support/builders";
import { launchChromium, openDevice, PHONE, screenshotBothWidths } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";

// A shared office connection that has used up its refused-token allowance: a colleague's resume
// link must say "try again in N minutes", not "this response does not exist".
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ SURVEYS_DIR: FIXTURE_SURVEYS_DIR, RATE_LIMIT_TOKENS: "1" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it.each([
  ["ar-LB", "ar", /محاولات كثيرة جدًا.*بعد 15 دقيقة/, "إعادة المحاولة", "بدء إجابة جديدة"],
  ["fr-FR", "fr", /Trop de tentatives.*dans 15 min/, "Réessayer", "Commencer une nouvelle réponse"],
] as const)(
  "tells a rate-limited resume to try again in so many minutes, in %s, and offers no new response",
  async (language, name, message, retry, startNew) => {
    const created = await fetch(`${server.baseUrl}/api/surveys/mini/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ answers: miniAnswers(), status: "draft", locale: name }),
    }).then((res) => res.json() as Promise<{ id: string; resumeToken: string }>);
    // Ten refused tokens from this address, ten times its allowance of one: beyond the point where
    // its requests are only slowed down, every token from it is refused for 15 minutes. Sent at
    // once, so that none waits behind the slow-down of the others.
    await Promise.all(
      Array.from({ length: 10 }, () => fetch(`${server.baseUrl}/api/responses/${created.id}`, { headers: { Authorization: "Bearer wrong-token" } })),
    );
    const { context, page } = await openDevice(browser, { baseUrl: server.baseUrl, language, viewport: PHONE });
    try {
      await page.goto(`/surveys/mini/responses/${created.id}#${created.resumeToken}`);
      await page.getByText(message).waitFor();
      expect(await page.getByRole("button", { name: retry }).count()).toBe(1);
      expect(await page.getByRole("button", { name: startNew }).count()).toBe(0);
      await screenshotBothWidths(page, `resume-rate-limited-${name}`);
    } finally {
      await context.close();
    }
  },
);
