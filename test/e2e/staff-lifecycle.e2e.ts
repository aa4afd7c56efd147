import type { Browser } from "playwright-core";
import type { Answers } from "@passerelle/shared";
import { censusAnswers } from "../support/census-answers";
import { DESKTOP, expectNoSeriousViolations, launchChromium, openDevice, screenshotBothWidths } from "./support/browser";
import { ADMIN, startServer, type RunningServer } from "./support/server";

/**
 * Withdrawing and restoring staff access in a real browser, and what a viewer is shown of the
 * figures the disclosure control withholds, in French and Arabic.
 */

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  for (const [governorate, district] of [
    ["mount_lebanon", "baabda"],
    ["mount_lebanon", "metn"],
    ["mount_lebanon", "aley"],
    ["akkar", "akkar"],
  ]) {
    await submit({ ...censusAnswers(), governorate, district });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function submit(answers: Answers): Promise<void> {
  const response = await fetch(`${server.baseUrl}/api/surveys/census-lebanon/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ answers, status: "submitted", locale: "fr" }),
  });
  if (response.status !== 201) throw new Error(`the census refused a response: ${response.status}`);
}

async function signInOnPage(
  page: import("playwright-core").Page,
  email: string,
  password: string,
  labels: { email: string; password: string; submit: string },
) {
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: labels.submit }).click();
}

const FRENCH = { email: "Adresse e-mail", password: "Mot de passe", submit: "Se connecter" };

test("an administrator confirms a role change, sets a temporary password, and the colleague chooses a new one", async () => {
  const admin = await openDevice(browser, { baseUrl: server.baseUrl, language: "fr-FR", viewport: DESKTOP });
  await admin.page.goto("/admin");
  await signInOnPage(admin.page, ADMIN.email, ADMIN.password, FRENCH);
  await admin.page.getByRole("heading", { name: "Comptes" }).waitFor();
  const form = admin.page.locator("form.staff-form").last();
  await form.getByLabel("Adresse e-mail").fill("embassy@example.org");
  await form.getByLabel("Rôle").selectOption("viewer");
  await form.getByLabel("Mot de passe (12 caractères au moins)").fill("a viewer password");
  await form.getByRole("button", { name: "Créer le compte" }).click();
  await admin.page.getByText("Compte créé pour embassy@example.org.").waitFor();

  const row = admin.page.locator('tr[data-account="embassy@example.org"]');
  await row.getByLabel("Rôle — embassy@example.org").selectOption("analyst");
  await row.getByText("Passer embassy@example.org de « Consultation » à « Analyse » ? La personne sera déconnectée.").waitFor();
  await screenshotBothWidths(admin.page, "admin-role-confirmation");
  await row.getByRole("button", { name: "Annuler" }).click();
  expect(await row.getByLabel("Rôle — embassy@example.org").inputValue()).toBe("viewer");

  await row.getByRole("button", { name: "Mot de passe temporaire…" }).click();
  await row.getByLabel(/Mot de passe temporaire \(12 caractères au moins\)/).fill("a temporary password");
  await row.getByRole("button", { name: "Définir" }).click();
  await admin.page.getByText("Mot de passe temporaire défini pour embassy@example.org : il devra le changer à sa prochaine connexion.").waitFor();
  await row.locator("td").nth(2).filter({ hasText: "Mot de passe temporaire" }).waitFor();
  await expectNoSeriousViolations(admin.page, "administration with account actions");
  await screenshotBothWidths(admin.page, "admin-accounts");

  const colleague = await openDevice(browser, { baseUrl: server.baseUrl, language: "ar-LB", viewport: DESKTOP });
  await colleague.page.goto("/surveys/census-lebanon/dashboard");
  await colleague.page.getByText("نسيتم كلمة المرور أو أُغلق الدخول؟", { exact: false }).waitFor();
  await screenshotBothWidths(colleague.page, "sign-in-locked-out-help-ar");
  await signInOnPage(colleague.page, "embassy@example.org", "a temporary password", { email: "البريد الإلكتروني", password: "كلمة المرور", submit: "دخول" });
  await colleague.page.getByRole("heading", { name: "اختاروا كلمة المرور" }).waitFor();
  await screenshotBothWidths(colleague.page, "change-temporary-password-ar");
  await colleague.page.getByLabel("كلمة المرور المؤقتة").fill("a temporary password");
  await colleague.page.getByLabel("كلمة المرور الجديدة (12 حرفًا على الأقل)").fill("my very own password");
  await colleague.page.getByRole("button", { name: "حفظ كلمة المرور" }).click();
  // The viewer's dashboard, with its figures protected.
  await colleague.page.getByText("أرقامكم محمية", { exact: false }).waitFor();
  await screenshotBothWidths(colleague.page, "dashboard-viewer-ar");

  // Akkar's one authority: the view is withheld, and says so.
  await colleague.page.goto("/surveys/census-lebanon/dashboard?governorate=akkar");
  await colleague.page.getByText("الأرقام مخفية لعوامل التصفية هذه", { exact: false }).waitFor();
  expect(await colleague.page.locator('[data-stat="submitted"] .stat-value').innerText()).toBe("مخفي");
  await expectNoSeriousViolations(colleague.page, "withheld view");
  await screenshotBothWidths(colleague.page, "dashboard-viewer-withheld-ar");

  // Disabled: the colleague's next request finds the session gone.
  await row.getByRole("button", { name: "Désactiver" }).click();
  await admin.page.getByText("embassy@example.org est désactivé et déconnecté partout.").waitFor();
  await colleague.page.reload();
  await colleague.page.getByText("نسيتم كلمة المرور أو أُغلق الدخول؟", { exact: false }).waitFor();
  await admin.context.close();
  await colleague.context.close();
});
