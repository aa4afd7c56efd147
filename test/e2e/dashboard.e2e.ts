import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import type { Answers } from "@passerelle/shared";
import { censusAnswers } from "../support/census-answers";
import { DESKTOP, PHONE, expectNoSeriousViolations, launchChromium, openDevice as openBrowserDevice, screenshotBothWidths } from "./support/browser";
import { STAFF, createStaff, startServer, type RunningServer } from "./support/server";
import { eventually } from "./support/survey-form";

/**
 * The analysts' dashboard in a real browser against the built server and client: five census
 * responses (three from Mount Lebanon, one each from Keserwan-Jbeil and the South) and a draft
 * are sent through the API, then the dashboard's figures are checked against the numbers
 * computed by hand below, filtered by governorate, read in Arabic, and checked by axe-core.
 */

const CENSUS = "census-lebanon";
const DASHBOARD = `/surveys/${CENSUS}/dashboard`;

const THEME_QUESTION_PREFIXES = ["need_", "urgency_", "studies_", "budget_", "cofunding_"];

/**
 * A complete census submission ranking `themes` (most important first), each with its need
 * and urgency (required for a ranked theme) and, for water, a budget range.
 */
function rankingAnswers(place: { governorate: string; district: string }, themes: string[], intent: string): Answers {
  const base = Object.fromEntries(Object.entries(censusAnswers()).filter(([name]) => !THEME_QUESTION_PREFIXES.some((prefix) => name.startsWith(prefix))));
  const perTheme = Object.fromEntries(
    themes.flatMap((theme) => [
      [`need_${theme}`, `Besoin en ${theme}`],
      [`urgency_${theme}`, theme === "energy" ? "short_term" : "immediate"],
      ...(theme === "water_sanitation" ? [[`budget_${theme}`, "200k_1m"]] : []),
    ]),
  );
  return { ...base, ...place, priority_themes: themes, cooperation_intent: intent, ...perTheme };
}

const RESPONSES: Answers[] = [
  rankingAnswers({ governorate: "mount_lebanon", district: "baabda" }, ["water_sanitation", "energy", "health"], "develop_new"),
  rankingAnswers({ governorate: "mount_lebanon", district: "aley" }, ["energy", "water_sanitation"], "develop_new"),
  rankingAnswers(
    { governorate: "mount_lebanon", district: "metn" },
    ["health", "water_sanitation", "energy", "solid_waste", "education_youth"],
    "relaunch_previous",
  ),
  rankingAnswers({ governorate: "keserwan_jbeil", district: "jbeil" }, ["water_sanitation", "energy"], "relaunch_previous"),
  rankingAnswers({ governorate: "south", district: "tyre" }, ["energy"], "both"),
];

/*
 * Borda scores by hand (up to 5 themes rankable: rank 1 = 5 points … rank 5 = 1):
 *   water:  5 (1st) + 4 (2nd) + 4 (2nd) + 5 (1st)         = 18, cited 4 of 5 = 80 %
 *   energy: 4 (2nd) + 5 (1st) + 3 (3rd) + 4 (2nd) + 5 (1st) = 21, cited 5 of 5 = 100 %
 *   health: 3 (3rd) + 5 (1st)                               = 8,  cited 2 of 5 = 40 %
 *   solid waste: 2 (4th) = 2; education: 1 (5th) = 1;       cited 1 of 5 = 20 % each
 * Mount Lebanon only (the first three): water 5 + 4 + 4 = 13, energy 4 + 5 + 3 = 12, health 8.
 */
const ALL_THEMES_TABLE = [
  ["Énergie (dont énergies renouvelables)", "21", "5", "100 %"],
  ["Eau et assainissement", "18", "4", "80 %"],
  ["Santé", "8", "2", "40 %"],
  ["Gestion des déchets solides", "2", "1", "20 %"],
  ["Éducation, formation professionnelle et jeunesse", "1", "1", "20 %"],
];
const MOUNT_LEBANON_THEMES_TABLE = [
  ["Eau et assainissement", "13", "3", "100 %"],
  ["Énergie (dont énergies renouvelables)", "12", "3", "100 %"],
  ["Santé", "8", "2", "66,7 %"],
  ["Gestion des déchets solides", "2", "1", "33,3 %"],
  ["Éducation, formation professionnelle et jeunesse", "1", "1", "33,3 %"],
];

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  await createStaff(server.baseUrl);
  for (const answers of RESPONSES) await sendResponse(answers, "submitted");
  await sendResponse({ authority_name: "Municipalité en cours", governorate: "mount_lebanon" }, "draft");
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function sendResponse(answers: Answers, status: "submitted" | "draft"): Promise<void> {
  const response = await fetch(`${server.baseUrl}/api/surveys/${CENSUS}/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ answers, status, locale: "fr" }),
  });
  if (response.status !== 201) throw new Error(`the census refused a response: ${response.status} ${await response.text()}`);
}

/** A browser signed in as an analyst (through the API: the sign-in form has its own test). */
async function openDevice(
  language: "ar-LB" | "fr-FR",
  viewport = DESKTOP,
  role: "analyst" | "viewer" = "analyst",
): Promise<{ context: BrowserContext; page: Page }> {
  const device = await openBrowserDevice(browser, { baseUrl: server.baseUrl, language, viewport });
  const credentials = STAFF[role];
  const signedIn = await device.context.request.post(`${server.baseUrl}/api/session`, { data: credentials });
  if (!signedIn.ok()) throw new Error(`sign-in failed: ${signedIn.status()}`);
  return device;
}

/** French numbers carry narrow no-break spaces ("100 %"): compare with plain spaces. */
const plain = (text: string) => text.replace(/\s+/g, " ").trim();

const stat = (page: Page, name: string) => page.locator(`[data-stat="${name}"] .stat-value`).first();
const intent = (page: Page, value: string) => page.locator(`[data-intent="${value}"] .stat-value`);
const themesSection = (page: Page) => page.getByRole("region", { name: "Thématiques prioritaires", exact: true });

/** The rows of a table as text: the row heading, then the first `cells` cells. */
async function tableRows(table: Locator, cells: number): Promise<string[][]> {
  return table.locator("tbody tr").evaluateAll(
    (rows, count) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll("th, td"))
          .slice(0, count + 1)
          .map((cell) => (cell.textContent ?? "").replace(/\s+/g, " ").trim()),
      ),
    cells,
  );
}

test("the dashboard shows what was submitted, and filters by governorate through its address", async () => {
  const { context, page } = await openDevice("fr-FR");
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });

  // Reached from the home page's link.
  await page.goto("/");
  await page.getByRole("link", { name: /^Tableau de bord — Recensement/ }).click();
  await page.waitForURL(`**${DASHBOARD}`);
  expect(await page.locator("h1").innerText()).toBe("Tableau de bord");

  // The first row: 5 submitted, 1 draft; new partnership 3 of 5 (develop_new 2 + both 1), relaunch 3 of 5.
  expect(
    await eventually(
      () => stat(page, "submitted").innerText(),
      (text) => text === "5",
    ),
  ).toBe("5");
  expect(await stat(page, "drafts").innerText()).toBe("1");
  expect(plain(await intent(page, "develop_new").innerText())).toBe("60 %");
  expect(plain(await intent(page, "relaunch_previous").innerText())).toBe("60 %");

  // The themes chart exists, described for screen readers.
  const themes = themesSection(page);
  const themesCanvas = themes.locator('canvas[role="img"]');
  await themesCanvas.waitFor();
  expect(await themesCanvas.getAttribute("aria-label")).toContain("Énergie (dont énergies renouvelables) 21");

  // The heat table: Mount Lebanon's 3 respondents are shown; Keserwan-Jbeil's and the South's single respondents are withheld.
  const heat = page.getByRole("region", { name: /^Part des répondants citant chaque thématique/ }).locator("table");
  const heatColumns = (await heat.locator("thead th").allInnerTexts()).map(plain);
  expect(heatColumns).toEqual(["Thématique", "Mont-Liban n = 3", "Keserwan-Jbeil", "Liban-Sud"]);
  const waterRow = heat.locator("tbody tr", { has: page.getByRole("rowheader", { name: "Eau et assainissement" }) });
  // A withheld cell shows "—" and tells screen readers (and, on hover, everyone) why.
  expect((await waterRow.locator("td").allInnerTexts()).map(plain)).toEqual(["100 %", "— masqué (moins de 3 répondants)", "— masqué (moins de 3 répondants)"]);
  expect(await waterRow.locator('td [aria-hidden="true"]').allInnerTexts()).toEqual(["—", "—"]);
  expect(await waterRow.locator("td").nth(1).getAttribute("title")).toBe("masqué (moins de 3 répondants)");

  await expectNoSeriousViolations(page, "dashboard (fr)");

  // The table of the themes chart gives the numbers computed by hand.
  await themes.getByRole("button", { name: "Tableau" }).click();
  expect(await themes.getByRole("button", { name: "Tableau" }).getAttribute("aria-pressed")).toBe("true");
  const themesTable = themes.locator("table");
  expect((await themesTable.locator("thead th").allInnerTexts()).slice(0, 4)).toEqual(["Thématique", "Score", "Citée par", "Part"]);
  expect((await tableRows(themesTable, 3)).slice(0, 5)).toEqual(ALL_THEMES_TABLE);

  // A theme's details: urgency and budget of water, as charts.
  await page.locator("summary", { hasText: "Eau et assainissement" }).click();
  const waterDetails = page.locator("details[open]", { has: page.locator("summary", { hasText: "Eau et assainissement" }) });
  await waterDetails.getByRole("heading", { name: "Quel est le degré d'urgence de ce besoin ?" }).waitFor();
  expect(await waterDetails.locator('canvas[role="img"]').count()).toBeGreaterThanOrEqual(2);

  // Per question: open a part of the questionnaire; its charts load when scrolled into view.
  await page.locator("summary", { hasText: "Historique de coopération" }).click();
  const intentHeading = page.getByRole("heading", { name: "Que souhaite faire votre collectivité ?" });
  const intentCard = page.locator(".question-card", { has: intentHeading });
  await intentCard.scrollIntoViewIfNeeded();
  await intentCard.locator('canvas[role="img"]').waitFor();
  await intentCard.getByRole("button", { name: "Tableau" }).click();
  expect((await tableRows(intentCard.locator("table"), 2)).map((row) => row.map(plain))).toEqual([
    ["Développer un nouveau partenariat avec une collectivité territoriale française", "2", "40 %"],
    ["Relancer un partenariat ancien", "2", "40 %"],
    ["Les deux", "1", "20 %"],
    ["Ni l'un ni l'autre pour le moment", "0", "0 %"],
  ]);
  await expectNoSeriousViolations(page, "dashboard with details open (fr)");
  await screenshotBothWidths(page, "dashboard-fr");

  // Filter by governorate: the address holds it, and every figure follows.
  await page.getByLabel("Gouvernorat (mohafazat)", { exact: true }).selectOption({ label: "Mont-Liban" });
  await page.waitForURL(/governorate=mount_lebanon/);
  expect(
    await eventually(
      () => stat(page, "submitted").innerText(),
      (text) => text === "3",
    ),
  ).toBe("3");
  expect(await stat(page, "drafts").innerText()).toBe("1");
  expect(plain(await intent(page, "develop_new").innerText())).toBe("66,7 %");
  expect(
    await eventually(
      async () => (await tableRows(themesTable, 3)).slice(0, 5),
      (rows) => JSON.stringify(rows) === JSON.stringify(MOUNT_LEBANON_THEMES_TABLE),
    ),
  ).toEqual(MOUNT_LEBANON_THEMES_TABLE);
  // The districts offered are Mount Lebanon's.
  const districts = page.getByLabel("Caza (district)", { exact: true }).locator("option");
  expect(await districts.allInnerTexts()).toEqual(["Tous", "Baabda", "Aley", "Chouf", "Metn"]);
  const filteredUrl = page.url();
  expect(new URL(filteredUrl).search).toBe("?governorate=mount_lebanon");

  // The dashboard never downloads the form's chunk (SurveyJS).
  expect(scripts.filter((url) => url.includes("respond-page"))).toEqual([]);
  await context.close();

  // A colleague opening the copied address sees the same view.
  const colleague = await openDevice("fr-FR");
  await colleague.page.goto(filteredUrl);
  expect(
    await eventually(
      () => stat(colleague.page, "submitted").innerText(),
      (text) => text === "3",
    ),
  ).toBe("3");
  expect(await colleague.page.getByLabel("Gouvernorat (mohafazat)", { exact: true }).inputValue()).toBe("mount_lebanon");
  // Reset clears the filters and the address.
  await colleague.page.getByRole("button", { name: "Réinitialiser les filtres" }).click();
  expect(
    await eventually(
      () => stat(colleague.page, "submitted").innerText(),
      (text) => text === "5",
    ),
  ).toBe("5");
  expect(new URL(colleague.page.url()).search).toBe("");
  await colleague.context.close();
});

test("the dashboard in Arabic is laid out right to left and accessible", async () => {
  const { context, page } = await openDevice("ar-LB");
  await page.goto(DASHBOARD);
  expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
  expect(await page.locator("h1").innerText()).toBe("لوحة المتابعة");
  // Numbers as written in Lebanon.
  expect(
    await eventually(
      () => stat(page, "submitted").innerText(),
      (text) => text === "٥",
    ),
  ).toBe("٥");
  await page.getByRole("region", { name: "المجالات ذات الأولوية", exact: true }).locator('canvas[role="img"]').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(DESKTOP.width);
  await expectNoSeriousViolations(page, "dashboard (ar)");
  await page.locator("summary", { hasText: "المياه والصرف الصحي" }).click();
  await page.locator("details[open] canvas").first().waitFor();
  await screenshotBothWidths(page, "dashboard-ar");

  // On a phone nothing overflows sideways (wide tables scroll inside their own box).
  // Charts follow a resize on the next frames, hence the polling.
  await page.setViewportSize(PHONE);
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await eventually(pageWidth, (width) => width <= PHONE.width)).toBeLessThanOrEqual(PHONE.width);
  await context.close();
});

test("a filter that matches nothing says so, and the filters that break the rules say what is wrong", async () => {
  const { context, page } = await openDevice("fr-FR", PHONE);
  await page.goto(`${DASHBOARD}?governorate=akkar`);
  await page.getByText("Aucune réponse envoyée ne correspond à ces filtres.").waitFor();
  expect(await stat(page, "submitted").innerText()).toBe("0");
  expect(await page.locator('canvas[role="img"]').count()).toBe(0);

  await page.goto(`${DASHBOARD}?from=2026-06-10&to=2026-06-01`);
  await page.getByText("La date de fin précède la date de début").waitFor();
  await expectNoSeriousViolations(page, "dashboard with an inverted period (fr)");
  await context.close();
});

test("respondents never download the dashboard's chunk (chart.js)", async () => {
  const { context, page } = await openDevice("fr-FR", PHONE);
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  await page.goto(`/surveys/${CENSUS}`);
  await page.locator('[data-name="authority_name"]').waitFor();
  expect(scripts.some((url) => url.includes("respond-page"))).toBe(true);
  expect(scripts.filter((url) => url.includes("dashboard-page"))).toEqual([]);
  await context.close();
});

test("the downloads follow the filters: Mount Lebanon's three responses, for French Excel", async () => {
  const { context, page } = await openDevice("fr-FR");
  await page.goto(`${DASHBOARD}?governorate=mount_lebanon`);
  const link = page.getByRole("link", { name: "Toutes les réponses (CSV ; Excel)" });
  await link.waitFor();
  const href = await link.getAttribute("href");
  const download = await context.request.get(`${server.baseUrl}${href}`);
  expect(download.status()).toBe(200);
  const bytes = await download.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").trim().split("\r\n");
  expect(lines).toHaveLength(1 + 3);
  expect(lines[0]?.split(";").length).toBeGreaterThan(20);
  const themes = await context.request.get(`${server.baseUrl}${await page.getByRole("link", { name: "Synthèse par thème (CSV)" }).getAttribute("href")}`);
  expect(await themes.text()).toContain("Eau et assainissement");
  const workbookLink = page.getByRole("link", { name: "Toutes les réponses et les synthèses (classeur Excel)" });
  const workbookBytes = await (await context.request.get(`${server.baseUrl}${await workbookLink.getAttribute("href")}`)).body();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(workbookBytes as unknown as ArrayBuffer);
  expect(workbook.getWorksheet("Réponses")?.actualRowCount).toBe(1 + 3);
  await context.close();
});

test("a viewer (embassy) sees aggregates and summaries, but cannot download raw responses", async () => {
  const { context, page } = await openDevice("fr-FR", DESKTOP, "viewer");
  await page.goto(DASHBOARD);
  const downloads = page.getByRole("region", { name: "Téléchargements" });
  await downloads.getByRole("link", { name: "Synthèse par thème (CSV)" }).waitFor();
  expect(await downloads.getByRole("link", { name: /Toutes les réponses/ }).count()).toBe(0);
  expect(await stat(page, "submitted").innerText()).toBe("5");
  const raw = await context.request.get(`${server.baseUrl}/api/surveys/${CENSUS}/exports/responses.csv`);
  expect(raw.status()).toBe(403);
  await context.close();
});
