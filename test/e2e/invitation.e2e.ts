import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { parseCsvRecords } from "../support/download";
import { invitationOnlyCensus } from "../support/invitations";
import { DESKTOP, PHONE, expectNoSeriousViolations, launchChromium, openDevice, screenshotBothWidths } from "./support/browser";
import { ADMIN, startServer, type RunningServer } from "./support/server";
import { answerCensusInArabicUpToContact, eventually, question } from "./support/survey-form";

/**
 * The invitation campaign in a real browser: an administrator imports the list of authorities
 * and downloads the links; a clerk opens their link on a phone and finds the census already
 * identified, in Arabic, and submits it; the administrator sees it submitted in the progress view.
 */

const CENSUS = "census-lebanon";
const LIST = [
  "nom;type;gouvernorat;caza;e-mail;langue",
  "بلدية جبيل;بلدية;Keserwan-Jbeil;Jbeil;clerk@jbeil.example;ar",
  "Municipalité de Zahlé;municipality;bekaa;zahle;;fr",
  "Nowhere;municipality;Atlantis;zahle;;",
].join("\r\n");

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ SURVEYS_DIR: invitationOnlyCensus() });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Adresse e-mail").fill(ADMIN.email);
  await page.getByLabel("Mot de passe").fill(ADMIN.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL("**/admin");
}

/** The progress table's cells for a governorate: invited, started, submitted. */
async function progressOf(page: Page, governorate: string): Promise<string[]> {
  const row = page.locator("tr.progress-governorate", { has: page.getByRole("rowheader", { name: governorate }) });
  return row.locator("td").evaluateAll((cells) => cells.slice(0, 3).map((cell) => (cell.textContent ?? "").trim()));
}

test("invitation link → the census already identified → submitted → shown as submitted in the administrator's progress", async () => {
  // --- The administrator imports the list and downloads the links. ---
  const admin = await openDevice(browser, { baseUrl: server.baseUrl, language: "fr-FR", viewport: DESKTOP });
  const adminPage = admin.page;
  await signInAsAdmin(adminPage);
  await adminPage.getByRole("link", { name: "Invitations et suivi" }).click();
  await adminPage.waitForURL(`**/admin/surveys/${CENSUS}`);
  await adminPage.getByLabel("Fichier CSV de la liste").setInputFiles({ name: "communes.csv", mimeType: "text/csv", buffer: Buffer.from(LIST, "utf8") });
  await adminPage.getByRole("button", { name: "Importer le fichier" }).click();
  // The bad line is reported with its number, in French; the good ones are imported.
  const rejected = adminPage.locator("tr", { hasText: "Nowhere" });
  await rejected.waitFor();
  expect(await rejected.innerText()).toContain("4");
  await expectNoSeriousViolations(adminPage, "invitations (fr)");
  await screenshotBothWidths(adminPage, "admin-invitations-fr");

  const [download] = await Promise.all([
    adminPage.waitForEvent("download"),
    adminPage.getByRole("button", { name: "Télécharger les liens d'invitation (CSV)" }).click(),
  ]);
  const links = parseCsvRecords(readFileSync((await download.path())!, "utf8"));
  expect(links.map((record) => [record.name, record.district])).toEqual([
    ["بلدية جبيل", "جبيل"],
    ["Municipalité de Zahlé", "Zahlé"],
  ]);
  const link = links[0]!.link!;
  expect(link).toMatch(new RegExp(`^${server.baseUrl}/surveys/${CENSUS}/invitation#[A-Za-z0-9_-]{43}$`));
  expect(await progressOf(adminPage, "Keserwan-Jbeil")).toEqual(["1", "0", "0"]);

  // --- The clerk opens the link on a phone whose browser speaks French. ---
  const clerk = await openDevice(browser, { baseUrl: server.baseUrl, language: "fr-FR", viewport: PHONE });
  const page = clerk.page;
  await page.goto(link);
  await question(page, "authority_name").waitFor();
  // The invitation's language wins; the authority is named, its identity filled in and locked.
  expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
  expect(await page.locator(".invitation-identity").innerText()).toContain("بلدية جبيل");
  const name = question(page, "authority_name").locator("input");
  expect(await name.inputValue()).toBe("بلدية جبيل");
  expect(await name.isEditable()).toBe(false);
  expect(await question(page, "authority_kind").locator('input[value="municipality"]').isChecked()).toBe(true);
  expect(await question(page, "district").innerText()).toContain("جبيل");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expectNoSeriousViolations(page, "invitation form (ar)");
  await screenshotBothWidths(page, "invitation-form-ar");

  await answerCensusInArabicUpToContact(page, "شبكة مياه الشفة قديمة.");
  // The e-mail of the invitation is suggested, and stays editable.
  expect(await question(page, "contact_email").locator("input").inputValue()).toBe("clerk@jbeil.example");
  await question(page, "contact_name").locator("input").fill("ريم خوري");
  await question(page, "consent_data_use").getByText("نعم", { exact: true }).click();
  await page.locator(".sd-navigation__complete-btn").click();
  await page.waitForURL(new RegExp(`/surveys/${CENSUS}/responses/[^/]+/done`));
  expect(await page.locator("h1").innerText()).toBe("شكرًا، تم إرسال إجابتك");

  // The same link, later, reopens the submitted response instead of starting another.
  await page.goto(link);
  await page.getByText("تم إرسال هذه الإجابة مسبقًا", { exact: false }).first().waitFor();
  expect(await page.getByRole("button", { name: "بدء إجابة جديدة" }).count()).toBe(0);
  await clerk.context.close();

  // --- The administrator sees it submitted. ---
  await adminPage.reload();
  const submitted = await eventually(
    () => progressOf(adminPage, "Keserwan-Jbeil"),
    (cells) => cells[2] === "1",
  );
  expect(submitted).toEqual(["1", "1", "1"]);
  expect(await progressOf(adminPage, "Bekaa")).toEqual(["1", "0", "0"]);
  const row = adminPage.locator("tr", { hasText: "بلدية جبيل" }).last();
  expect(await row.innerText()).toContain("Envoyée");
  await admin.context.close();
});

test("the plain address of a questionnaire by invitation only says how to answer, and a wrong link says it is not valid", async () => {
  const { context, page } = await openDevice(browser, { baseUrl: server.baseUrl, language: "fr-FR", viewport: PHONE });
  await page.goto(`/surveys/${CENSUS}`);
  await page.getByText("Ce questionnaire est réservé aux collectivités invitées", { exact: false }).waitFor();
  expect(await question(page, "authority_name").count()).toBe(0);
  await page.goto(`/surveys/${CENSUS}/invitation#${"x".repeat(43)}`);
  await page.getByText("Ce lien d'invitation n'est plus valable.", { exact: false }).waitFor();
  await context.close();
});
