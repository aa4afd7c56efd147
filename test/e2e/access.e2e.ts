import type { Browser } from "playwright-core";
import { DESKTOP, expectNoSeriousViolations, launchChromium, openDevice, screenshotBothWidths } from "./support/browser";
import { ADMIN, startServer, type RunningServer } from "./support/server";

/**
 * Staff access in a real browser: signing in where a staff page asks for it, the
 * administrator's home, accounts and audit trail, under the server's content-security policy.
 */

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

test("a signed-out visitor of a dashboard signs in on the spot, and a wrong password says so", async () => {
  const { context, page } = await openDevice(browser, { baseUrl: server.baseUrl, language: "fr-FR", viewport: DESKTOP });
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  await page.goto("/surveys/census-lebanon/dashboard");
  await page.getByText("Cette page est réservée à l'équipe. Connectez-vous pour continuer.").waitFor();
  await expectNoSeriousViolations(page, "sign-in");
  await page.getByLabel("Adresse e-mail").fill(ADMIN.email);
  await page.getByLabel("Mot de passe").fill("not the password");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByText("L'adresse e-mail ou le mot de passe n'est pas bon.").waitFor();
  await page.getByLabel("Mot de passe").fill(ADMIN.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  // The same address now shows the dashboard, and the header who is signed in.
  await page.getByLabel("Gouvernorat (mohafazat)", { exact: true }).waitFor();
  expect(page.url()).toBe(`${server.baseUrl}/surveys/census-lebanon/dashboard`);
  expect(await page.locator(".account-menu").innerText()).toContain(ADMIN.email);
  expect(violations).toEqual([]);
  await context.close();
});

test("an administrator lands on the administration area, creates an account, and finds it in the audit trail", async () => {
  const { context, page } = await openDevice(browser, { baseUrl: server.baseUrl, language: "fr-FR", viewport: DESKTOP });
  await page.goto("/");
  await page.getByRole("link", { name: "Connexion équipe" }).click();
  await page.getByLabel("Adresse e-mail").fill(ADMIN.email);
  await page.getByLabel("Mot de passe").fill(ADMIN.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL("**/admin");
  await page.getByRole("heading", { name: "Comptes" }).waitFor();

  const form = page.locator("form.staff-form");
  await form.getByLabel("Adresse e-mail").fill("embassy@example.org");
  await form.getByLabel("Rôle").selectOption("viewer");
  await form.getByLabel("Mot de passe (12 caractères au moins)").fill("a viewer password");
  await form.getByRole("button", { name: "Créer le compte" }).click();
  await page.getByText("Compte créé pour embassy@example.org.").waitFor();
  expect(await page.getByLabel("Rôle — embassy@example.org").inputValue()).toBe("viewer");
  await expectNoSeriousViolations(page, "administration");
  await screenshotBothWidths(page, "admin");

  await page.reload();
  await page
    .locator(".admin-table")
    .last()
    .getByRole("row", { name: /account_created.*embassy@example\.org/ })
    .waitFor();
  expect(await page.locator(".admin-table").last().innerText()).toContain("embassy@example.org");

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.getByRole("link", { name: "Connexion équipe" }).waitFor();
  await page.goto("/admin");
  await page.getByText("Cette page est réservée à l'équipe. Connectez-vous pour continuer.").waitFor();
  await context.close();
});
