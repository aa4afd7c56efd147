import type { Browser, Page } from "playwright-core";
import { DESKTOP, expectNoSeriousViolations, launchChromium, openDevice, screenshotBothWidths } from "./support/browser";
import { ADMIN, startServer, type RunningServer } from "./support/server";

/**
 * An administrator closes and reopens a questionnaire from `/admin`, then uploads a new one:
 * a broken file first (its problems named with their path), then a good one, previewed in each
 * of its languages and published; in French, then in Arabic.
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

// Another organisation's questionnaire, in French, Arabic and Spanish.
const WATER = {
  questionnaireId: "water-access",
  title: { fr: "Accès à l'eau", ar: "الوصول إلى المياه", es: "Acceso al agua" },
  pages: [
    {
      name: "p1",
      elements: [
        { type: "text", name: "village", isRequired: true, title: { fr: "Village", ar: "القرية", es: "Pueblo" } },
        { type: "rating", name: "quality", rateMax: 5, title: { fr: "Qualité de l'eau", ar: "جودة المياه", es: "Calidad del agua" } },
      ],
    },
  ],
};
const BROKEN = {
  ...WATER,
  pages: [
    {
      name: "p1",
      elements: [
        { type: "text", name: "village" },
        { type: "text", name: "village" },
      ],
    },
  ],
};

async function surveyStatus(id: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/surveys/${id}`);
  return ((await response.json()) as { status: string }).status;
}

async function signIn(page: Page): Promise<void> {
  // Through the API with the page's own cookies: the page then opens signed in.
  const response = await page.context().request.post("/api/session", { data: { email: ADMIN.email, password: ADMIN.password } });
  expect(response.status()).toBe(200);
}

test("an administrator closes and reopens a questionnaire, then uploads one: problems named, preview in each language, published", async () => {
  const { page, context } = await openDevice(browser, { baseUrl: server.baseUrl, language: "fr-FR", viewport: DESKTOP });
  await signIn(page);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Gérer les questionnaires : ouverture, dates, nouvelles versions" }).click();
  await page.getByRole("heading", { name: "Questionnaires : ouverture, dates et versions" }).waitFor();

  const census = page.getByRole("region", { name: /Recensement/ });
  await census.getByRole("button", { name: "Fermer" }).click();
  await census.getByText(/» est fermé\./).waitFor();
  await census.getByText("État actuel : fermé").waitFor();
  expect(await surveyStatus("census-lebanon")).toBe("closed");
  await census.getByText(/fixé par un administrateur \(le fichier dit : ouvert\)/).waitFor();
  await screenshotBothWidths(page, "questionnaires-admin-closed-fr");
  await census.getByRole("button", { name: "Rouvrir" }).click();
  await census.getByText("État actuel : ouvert").waitFor();
  expect(await surveyStatus("census-lebanon")).toBe("open");
  await census.getByRole("button", { name: "Revenir au fichier" }).click();
  await census.getByText(/suit de nouveau son fichier/).waitFor();

  const upload = page.getByLabel("Fichier du questionnaire (SurveyJS, JSON)");
  await upload.setInputFiles({ name: "water.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(BROKEN, null, 2)) });
  await page.getByText("water.json ne peut pas être publié ; à corriger :").waitFor();
  await page.getByText('duplicate question name "village" (first used at pages[0].elements[0])').waitFor();
  expect(await page.getByRole("button", { name: "Publier" }).count()).toBe(0);

  await upload.setInputFiles({ name: "water.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(WATER, null, 2)) });
  await page.getByText("Nouveau questionnaire « Accès à l'eau » (identifiant water-access).").waitFor();
  const preview = page.getByRole("region", { name: "Aperçu du formulaire" });
  await preview.getByText("Qualité de l'eau").waitFor();
  await preview.getByRole("button", { name: "espagnol" }).click();
  await preview.getByText("Calidad del agua").waitFor();
  await preview.getByRole("button", { name: "arabe" }).click();
  await preview.getByText("جودة المياه").waitFor();
  expect(await preview.locator(".preview-frame").getAttribute("dir")).toBe("rtl");
  await screenshotBothWidths(page, "questionnaires-admin-preview-fr");
  await expectNoSeriousViolations(page, "questionnaires administration with a preview");
  // Nothing is served before the administrator confirms.
  expect((await fetch(`${server.baseUrl}/api/surveys/water-access`)).status).toBe(404);
  await page.getByRole("button", { name: "Publier" }).click();
  await page.getByText(/Version [0-9a-f]{16} de « Accès à l'eau » publiée\./).waitFor();
  expect(await surveyStatus("water-access")).toBe("open");
  await page
    .getByRole("region", { name: "Accès à l'eau" })
    .getByText(/publiée par \u2068?admin@example\.org/)
    .waitFor();
  await context.close();
});

test("the same screen in Arabic, right to left", async () => {
  const { page, context } = await openDevice(browser, { baseUrl: server.baseUrl, language: "ar-LB", viewport: DESKTOP });
  await signIn(page);
  await page.goto("/admin/questionnaires");
  await page.getByRole("heading", { name: "الاستبيانات: الفتح والمواعيد والإصدارات" }).waitFor();
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  await page.getByLabel("ملف الاستبيان (SurveyJS، JSON)").setInputFiles({
    name: "water-v2.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ ...WATER, title: { ...WATER.title, ar: "الوصول إلى المياه، الإصدار الثاني" } })),
  });
  await page.getByText(/إصدار جديد من «الوصول إلى المياه، الإصدار الثاني»/).waitFor();
  await page.getByRole("region", { name: "معاينة الاستمارة" }).getByText("جودة المياه").waitFor();
  await screenshotBothWidths(page, "questionnaires-admin-preview-ar");
  await expectNoSeriousViolations(page, "questionnaires administration in Arabic");
  await context.close();
});
