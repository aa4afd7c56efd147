import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Answers } from "@passerelle/shared";
import { frenchOfferAnswers, olderFrenchOfferAnswers } from "../support/french-offer-answers";
import { tyrAnswers, zahleAnswers } from "../support/matching-world";
import { DESKTOP, expectNoSeriousViolations, launchChromium, openDevice as openBrowserDevice, screenshotBothWidths } from "./support/browser";
import { STAFF, createStaff, startServer, type RunningServer } from "./support/server";
import { eventually } from "./support/survey-form";

/**
 * Matchmaking in a real browser against the built server: both questionnaires answered through
 * the API (Zahlé, which wants to relaunch its partnership with "Ville de Lyon", and Tyr; Lyon
 * on the current French offer and Lille on the version before the matching questions), then an
 * analyst finds Lyon first among Zahlé's candidates with its explanation, starts an
 * introduction, moves it to "meeting held", and a viewer reads the follow-up's figures, on the
 * matchmaking page and on the census's dashboard.
 */

let server: RunningServer;
let browser: Browser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // Small-group threshold 1: the single introduction of this test is shown to the viewer.
  server = await startServer({ ANALYTICS_MIN_GROUP: "1" });
  await createStaff(server.baseUrl);
  ids.zahle = await submit("census-lebanon", zahleAnswers());
  ids.tyr = await submit("census-lebanon", tyrAnswers());
  ids.lyon = await submit("french-offer", frenchOfferAnswers({ preferred_governorates: ["bekaa"], lebanese_partners: "" }));
  ids.lille = await submit("french-offer", olderFrenchOfferAnswers({ authority_name: "Lille", expertise_themes: ["solid_waste", "water_sanitation"] }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function submit(surveyId: string, answers: Answers): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/surveys/${surveyId}/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ answers, status: "submitted", locale: "fr" }),
  });
  if (response.status !== 201) throw new Error(`${surveyId} refused a response: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

async function openDevice(language: "ar-LB" | "fr-FR", role: keyof typeof STAFF): Promise<{ context: BrowserContext; page: Page }> {
  const device = await openBrowserDevice(browser, { baseUrl: server.baseUrl, language, viewport: DESKTOP });
  const signedIn = await device.context.request.post(`${server.baseUrl}/api/session`, { data: STAFF[role] });
  if (!signedIn.ok()) throw new Error(`sign-in failed: ${signedIn.status()}`);
  return device;
}

const candidateCard = (page: Page, name: string) => page.locator(".candidate-card", { has: page.getByRole("heading", { name, exact: true }) });

test("candidates with explanations, an introduction started and moved to 'meeting held', then the follow-up's figures", async () => {
  const { context, page } = await openDevice("fr-FR", "analyst");
  await page.goto("/matching");
  expect(await page.locator("h1").innerText()).toBe("Mise en relation");
  // Once signed in, the account menu leads here from every page.
  await page.getByRole("banner").getByRole("link", { name: "Mise en relation" }).waitFor();

  await page.getByLabel("Collectivité libanaise").selectOption({ label: "Zahlé" });
  await page.waitForURL(`**/matching?tab=lebanese&id=${ids.zahle}`);
  await candidateCard(page, "Ville de Lyon").waitFor();
  const names = await page.locator(".candidate-card h3").allInnerTexts();
  expect(names).toEqual(["Ville de Lyon", "Lille"]);
  const lyon = candidateCard(page, "Ville de Lyon");
  expect(await lyon.locator(".badge").allInnerTexts()).toEqual(expect.arrayContaining(["Relance d'un ancien partenariat", "Interprétation nécessaire"]));
  const explanation = await lyon.locator(".explanation li").allInnerTexts();
  expect(explanation[0]).toBe("relance : Ville de Lyon est un ancien partenaire de Zahlé");
  expect(explanation[1]).toBe(
    "Eau et assainissement : classée 1re par Zahlé (urgence immédiate), proposée par Ville de Lyon ; Énergie (dont énergies renouvelables) : classée 2e par Zahlé (à court terme), proposée par Ville de Lyon",
  );
  expect(explanation).toContain("géographie : Bekaa fait partie des gouvernorats préférés");
  expect(await candidateCard(page, "Lille").locator(".explanation li").allInnerTexts()).toContain("modes : non précisés");
  await expectNoSeriousViolations(page, "matching candidates (fr)");
  await screenshotBothWidths(page, "matching-candidates-fr");

  // Nothing is said before the server has answered; then the card says the introduction is under way.
  await lyon.getByRole("button", { name: "Démarrer une mise en relation" }).click();
  await page.getByRole("status").filter({ hasText: "Mise en relation démarrée." }).waitFor();
  await lyon.getByText("Mise en relation en cours").waitFor();

  await page.getByRole("link", { name: "Mises en relation" }).click();
  const proposed = page.getByRole("region", { name: "Proposée (1)" });
  const card = proposed.getByRole("article", { name: "Zahlé – Ville de Lyon" });
  await card.getByLabel("Passer à").selectOption({ label: "Rencontre tenue" });
  await card.getByRole("button", { name: "Changer d'état" }).click();
  const met = page.getByRole("region", { name: "Rencontre tenue (1)" });
  await met.getByRole("article", { name: "Zahlé – Ville de Lyon" }).waitFor();
  expect(await page.getByRole("region", { name: "Proposée (1)" }).count()).toBe(0);
  await screenshotBothWidths(page, "matching-board-fr");
  await context.close();

  // The viewer sees the follow-up in figures, and nothing else of matchmaking.
  const viewer = await openDevice("fr-FR", "viewer");
  await viewer.page.goto("/matching");
  const funnel = viewer.page.getByRole("region", { name: "Suivi en chiffres" });
  await funnel.waitFor();
  expect(await viewer.page.locator(".matching-tabs").count()).toBe(0);
  const byState = funnel.locator("table").first();
  const headers = await byState.locator("thead th").allInnerTexts();
  const cells = await byState.locator("tbody td").allInnerTexts();
  expect(cells[headers.indexOf("Rencontre tenue") - 1]).toBe("1");
  expect(cells[headers.indexOf("Proposée") - 1]).toBe("0");
  // The cross-tables by theme and governorate are for analysts only: one table for a viewer.
  expect(await funnel.locator("table").count()).toBe(1);
  await expectNoSeriousViolations(viewer.page, "matching follow-up (fr)");

  // The same figures on the census's dashboard, below its results.
  await viewer.page.goto("/surveys/census-lebanon/dashboard");
  const onDashboard = viewer.page.getByRole("region", { name: "Suivi en chiffres" });
  await onDashboard.waitFor();
  const dashboardTable = onDashboard.locator("table").first();
  const dashboardHeaders = await dashboardTable.locator("thead th").allInnerTexts();
  expect((await dashboardTable.locator("tbody td").allInnerTexts())[dashboardHeaders.indexOf("Rencontre tenue") - 1]).toBe("1");
  await expectNoSeriousViolations(viewer.page, "census dashboard with the follow-up (fr)");
  await screenshotBothWidths(viewer.page, "dashboard-follow-up-fr");
  await viewer.context.close();
});

test("the workspace reads right to left in Arabic, explanations in Arabic", async () => {
  const { context, page } = await openDevice("ar-LB", "analyst");
  await page.goto(`/matching?tab=lebanese&id=${ids.zahle}`);
  await candidateCard(page, "Ville de Lyon").waitFor();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
  expect(await page.locator("h1").innerText()).toBe("التشبيك");
  const explanation = await candidateCard(page, "Ville de Lyon").locator(".explanation li").allInnerTexts();
  expect(explanation[0]).toBe("إعادة إطلاق: Ville de Lyon شريك سابق لـZahlé");
  expect(
    await eventually(
      () => page.locator(".candidate-score").first().innerText(),
      (text) => text.includes("/ 100"),
    ),
  ).toMatch(/\/ 100/);
  await expectNoSeriousViolations(page, "matching candidates (ar)");
  await screenshotBothWidths(page, "matching-candidates-ar");
  for (const tab of ["proposal", "pooled", "introductions", "follow-up"]) {
    await page.goto(`/matching?tab=${tab}`);
    await page.locator(".admin-section h2").first().waitFor();
    await screenshotBothWidths(page, `matching-${tab}-ar`);
  }
  await context.close();
});
