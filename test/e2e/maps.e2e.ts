import path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import type { Answers } from "@passerelle/shared";
import { censusAnswers } from "../support/census-answers";
import { DESKTOP, SCREENSHOTS, expectNoSeriousViolations, launchChromium, openDevice as openBrowserDevice, screenshotBothWidths } from "./support/browser";
import { ADMIN, STAFF, createStaff, startServer, type RunningServer } from "./support/server";
import { eventually } from "./support/survey-form";

/**
 * The dashboard's map of Lebanon and its cross-tabulation in a real browser against the built
 * server and client. Seven census responses: three from Baabda, three from Tripoli, one from
 * Tyre (too few to show under the rule of three), so the figures below are counted by hand.
 */

const CENSUS = "census-lebanon";
const DASHBOARD = `/surveys/${CENSUS}/dashboard`;
const THEME_QUESTION_PREFIXES = ["need_", "urgency_", "studies_", "budget_", "cofunding_"];

function answersFrom(place: { governorate: string; district: string }, themes: string[], intent: string): Answers {
  const base = Object.fromEntries(Object.entries(censusAnswers()).filter(([name]) => !THEME_QUESTION_PREFIXES.some((prefix) => name.startsWith(prefix))));
  const perTheme = Object.fromEntries(
    themes.flatMap((theme) => [
      [`need_${theme}`, `Besoin en ${theme}`],
      [`urgency_${theme}`, "immediate"],
    ]),
  );
  return { ...base, ...place, priority_themes: themes, cooperation_intent: intent, ...perTheme };
}

const BAABDA = { governorate: "mount_lebanon", district: "baabda" };
const TRIPOLI = { governorate: "north", district: "tripoli" };
const TYRE = { governorate: "south", district: "tyre" };

const RESPONSES: Answers[] = [
  answersFrom(BAABDA, ["water_sanitation", "energy"], "develop_new"),
  answersFrom(BAABDA, ["water_sanitation"], "develop_new"),
  answersFrom(BAABDA, ["energy"], "relaunch_previous"),
  answersFrom(TRIPOLI, ["water_sanitation", "health"], "relaunch_previous"),
  answersFrom(TRIPOLI, ["health"], "relaunch_previous"),
  answersFrom(TRIPOLI, ["health", "water_sanitation"], "both"),
  answersFrom(TYRE, ["energy"], "both"),
];

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  await createStaff(server.baseUrl);
  for (const answers of RESPONSES) await sendResponse(answers);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function sendResponse(answers: Answers): Promise<void> {
  const response = await fetch(`${server.baseUrl}/api/surveys/${CENSUS}/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ answers, status: "submitted", locale: "fr" }),
  });
  if (response.status !== 201) throw new Error(`the census refused a response: ${response.status} ${await response.text()}`);
}

async function openDevice(language: "ar-LB" | "fr-FR", role: "analyst" | "viewer" = "analyst"): Promise<{ context: BrowserContext; page: Page }> {
  const device = await openBrowserDevice(browser, { baseUrl: server.baseUrl, language, viewport: DESKTOP });
  const signedIn = await device.context.request.post(`${server.baseUrl}/api/session`, { data: STAFF[role] });
  if (!signedIn.ok()) throw new Error(`sign-in failed: ${signedIn.status()}`);
  return device;
}

const plain = (text: string) => text.replace(/[\s\u061c]+/g, " ").trim();

async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => (cell.textContent ?? "").replace(/\s+/g, " ").trim())));
}

test("the map shows respondents per district, Tyre hatched as too few to show, and the same figures as a table", async () => {
  const { context, page } = await openDevice("fr-FR");
  await page.goto(DASHBOARD);
  const section = page.getByRole("region", { name: "Carte du Liban" });
  const canvas = section.locator('canvas[role="img"]');
  await canvas.waitFor();
  expect(await canvas.getAttribute("aria-label")).toBe(
    "Carte du Liban, Répondants par caza. Valeur la plus élevée : Baabda (3). Trop peu de répondants pour afficher : 1.",
  );
  const legend = (await section.locator(".choropleth-legend li").allInnerTexts()).map(plain);
  expect(legend).toEqual(["0", "1", "2", "3", "trop peu pour afficher"]);
  expect(await section.locator(".swatch.is-suppressed").count()).toBe(1);
  expect(await section.innerText()).toContain("geoBoundaries (www.geoboundaries.org), domaine public");
  await section.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await section.screenshot({ path: path.join(SCREENSHOTS, "maps-district-fr.png") });

  await section.getByRole("button", { name: "Tableau" }).click();
  const rows = await tableRows(section.locator("table"));
  expect(rows).toHaveLength(26);
  expect(rows).toContainEqual(["Baabda", "3"]);
  expect(rows).toContainEqual(["Tripoli", "3"]);
  expect(rows).toContainEqual(["Tyr", "trop peu pour afficher"]);
  expect(rows).toContainEqual(["Akkar", "0"]);
  await section.getByRole("button", { name: "Tableau" }).click();

  // By governorate, one theme's share: water is cited by 2 of 3 in Mount Lebanon and in the North.
  await section.getByRole("radio", { name: "Mohafazat (gouvernorat)" }).check();
  await section.getByRole("combobox", { name: "Afficher" }).selectOption("water_sanitation");
  await section.getByRole("radio", { name: "Part des répondants" }).check();
  expect(
    await eventually(
      async () => plain((await section.locator('canvas[role="img"]').getAttribute("aria-label")) ?? ""),
      (label) => label.includes("Eau et assainissement — part des répondants"),
    ),
  ).toBe(
    "Carte du Liban, Eau et assainissement — part des répondants par mohafazat. Valeur la plus élevée : Liban-Nord (66,7 %). Trop peu de répondants pour afficher : 1.",
  );
  await section.getByRole("button", { name: "Tableau" }).click();
  const shares = (await tableRows(section.locator("table"))).map((row) => row.map(plain));
  expect(shares).toContainEqual(["Mont-Liban", "66,7 %"]);
  expect(shares).toContainEqual(["Liban-Sud", "trop peu pour afficher"]);
  expect(shares).toContainEqual(["Beyrouth", "aucune réponse"]);
  await section.getByRole("button", { name: "Tableau" }).click();
  await expectNoSeriousViolations(page, "dashboard map (fr)");
  await context.close();
});

test("in Arabic the map's words, legend and figures read right to left", async () => {
  const { context, page } = await openDevice("ar-LB");
  await page.goto(DASHBOARD);
  const section = page.getByRole("region", { name: "خريطة لبنان" });
  await section.locator('canvas[role="img"]').waitFor();
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  expect(plain(await section.locator(".choropleth-legend").innerText())).toContain("أقل من أن يُعرض");
  await section.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await section.screenshot({ path: path.join(SCREENSHOTS, "maps-district-ar.png") });
  await screenshotBothWidths(page, "maps-dashboard-ar");
  await context.close();
});

test("an analyst crosses two questions on the dashboard, reads counts and shares, and downloads the table", async () => {
  const { context, page } = await openDevice("fr-FR");
  await page.goto(DASHBOARD);
  const section = page.getByRole("region", { name: "Tableau croisé" });
  await section.scrollIntoViewIfNeeded();
  await section.getByRole("combobox", { name: "En lignes" }).selectOption("governorate");
  await section.getByRole("combobox", { name: "En colonnes" }).selectOption("cooperation_intent");
  const table = section.locator("table.cross-table");
  await eventually(
    async () =>
      plain(
        (await table
          .locator("caption")
          .innerText()
          .catch(() => "")) ?? "",
      ),
    (text) => text.startsWith("Gouvernorat"),
  );
  expect(plain(await table.locator("caption").innerText())).toBe("Gouvernorat (mohafazat) × Que souhaite faire votre collectivité ? : Effectifs");
  const rows = await tableRows(table);
  const row = (name: string) => rows.find((cells) => cells[0] === name)?.map(plain);
  // Mount Lebanon: develop_new 2, relaunch 1 (under 3: withheld), total 3; the North: relaunch 2, both 1, total 3.
  expect(row("Mont-Liban")?.slice(-1)).toEqual(["3"]);
  expect(row("Liban-Nord")?.slice(-1)).toEqual(["3"]);
  expect(row("Liban-Sud")?.slice(-1)).toEqual(["—masqué (moins de 3 répondants)"]);
  expect(row("Total")?.slice(-1)).toEqual(["7"]);

  await section.getByRole("radio", { name: "% de la ligne" }).check();
  await eventually(
    async () => plain(await table.locator("caption").innerText()),
    (text) => text.endsWith("% de la ligne"),
  );
  expect(
    (await tableRows(table))
      .find((cells) => cells[0] === "Mont-Liban")
      ?.map(plain)
      .at(-1),
  ).toBe("n = 3");

  const download = page.waitForEvent("download");
  await section.getByRole("link", { name: "Télécharger (CSV ; Excel)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("census-lebanon-crosstab-governorate-x-cooperation_intent.csv");
  await section.screenshot({ path: path.join(SCREENSHOTS, "maps-crosstab-fr.png") });
  await expectNoSeriousViolations(page, "dashboard cross-table (fr)");
  await context.close();
});

test("in Arabic the cross-table reads right to left; viewers see none", async () => {
  const { context, page } = await openDevice("ar-LB");
  await page.goto(DASHBOARD);
  const section = page.getByRole("region", { name: "جدول متقاطع" });
  await section.locator("table.cross-table").waitFor();
  expect(plain(await section.locator("table.cross-table thead").innerText())).toContain("المجموع");
  await section.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await section.screenshot({ path: path.join(SCREENSHOTS, "maps-crosstab-ar.png") });
  await context.close();

  // A viewer's map shows what the release plan releases: Tyre's single respondent stays hatched.
  const viewer = await openDevice("fr-FR", "viewer");
  await viewer.page.goto(DASHBOARD);
  const map = viewer.page.getByRole("region", { name: "Carte du Liban" });
  await map.locator("canvas").waitFor();
  expect(await map.locator("canvas").getAttribute("aria-label")).toContain("Trop peu de répondants pour afficher");
  await map.getByRole("button", { name: "Tableau" }).click();
  expect((await tableRows(map.locator("table"))).map((row) => row.map(plain))).toContainEqual(["Tyr", "trop peu pour afficher"]);
  expect(await viewer.page.getByRole("region", { name: "Tableau croisé" }).count()).toBe(0);
  await viewer.context.close();
});

test("a questionnaire of its own, coded otherwise, shows no map and says why, and crosses its own questions", async () => {
  // The small-group rule at 1, so that three associations are enough to read figures.
  const other = await startServer({ SURVEYS_DIR: path.join(__dirname, "../fixtures/cross-tab"), ANALYTICS_MIN_GROUP: "1" });
  try {
    for (const answers of [
      { association: "A", region: "occitanie", activities: ["culture"] },
      { association: "B", region: "occitanie", activities: ["culture", "aid"] },
      { association: "C", region: "bretagne", activities: ["aid"] },
    ]) {
      const sent = await fetch(`${other.baseUrl}/api/surveys/twinning/responses`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ answers, status: "submitted", locale: "fr" }),
      });
      expect(sent.status).toBe(201);
    }
    const device = await openBrowserDevice(browser, { baseUrl: other.baseUrl, language: "fr-FR", viewport: DESKTOP });
    const signedIn = await device.context.request.post(`${other.baseUrl}/api/session`, { data: ADMIN });
    expect(signedIn.ok()).toBe(true);
    await device.page.goto("/surveys/twinning/dashboard");
    const map = device.page.getByRole("region", { name: "Carte du Liban" });
    expect(plain(await map.innerText())).toContain("Pas de carte pour ce questionnaire");
    const crossTab = device.page.getByRole("region", { name: "Tableau croisé" });
    await crossTab.getByRole("combobox", { name: "En colonnes" }).selectOption("activities");
    const table = crossTab.locator("table.cross-table");
    await eventually(
      async () =>
        plain(
          (await table
            .locator("caption")
            .innerText()
            .catch(() => "")) ?? "",
        ),
      (text) => text.startsWith("Région × Activités"),
    );
    // Occitanie: culture 2, aid 1 of 2; Bretagne: aid 1 of 1; activities nobody chose left out.
    expect((await tableRows(table)).map((row) => row.map(plain))).toEqual([
      ["Occitanie", "2", "1", "2"],
      ["Bretagne", "0", "1", "1"],
      ["Total", "2", "2", "3"],
    ]);
    expect(await table.locator("thead th").allInnerTexts()).toEqual(["Culture", "Aide humanitaire", "Total"]);
    await device.context.close();
  } finally {
    await other.stop();
  }
});
