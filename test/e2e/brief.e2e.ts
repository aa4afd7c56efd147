import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Answers } from "@passerelle/shared";
import { censusAnswers } from "../support/census-answers";
import { DESKTOP, SCREENSHOTS, launchChromium, openDevice as openBrowserDevice } from "./support/browser";
import { ADMIN, startServer, type RunningServer } from "./support/server";

/**
 * The authorities' own words and the thematic brief in a real browser: an analyst reads the
 * written answers on the dashboard, filters and searches them and publishes an excerpt; a
 * viewer finds it in the brief and nothing else of the texts; the brief is printed to PDF by
 * Chromium in French, Arabic and English, and its pages are turned into PNGs to look at.
 */

const CENSUS = "census-lebanon";
const THEME_PREFIXES = ["need_", "urgency_", "studies_", "budget_", "cofunding_"];

function census(place: { governorate: string; district: string; name: string }, themes: string[], needs: Record<string, string>): Answers {
  const base = Object.fromEntries(Object.entries(censusAnswers()).filter(([name]) => !THEME_PREFIXES.some((prefix) => name.startsWith(prefix))));
  const perTheme = Object.fromEntries(
    themes.flatMap((theme) => [
      [`need_${theme}`, needs[theme] ?? `Besoin : ${theme}`],
      [`urgency_${theme}`, "immediate"],
      [`budget_${theme}`, "200k_1m"],
    ]),
  );
  return { ...base, authority_name: place.name, governorate: place.governorate, district: place.district, priority_themes: themes, ...perTheme };
}

const RESPONSES: { answers: Answers; locale: "fr" | "ar" | "en" }[] = [
  {
    locale: "fr",
    answers: {
      ...census({ governorate: "mount_lebanon", district: "baabda", name: "Municipalité de Baabda" }, ["water_sanitation", "energy"], {
        water_sanitation: "Le réseau d'eau potable fuit dans tout le centre ancien.",
      }),
      // "Other, please specify": the authority's own words too.
      constraints: ["other"],
      "constraints-Comment": "Les coupures d'électricité arrêtent les pompes.",
    },
  },
  {
    locale: "ar",
    answers: census({ governorate: "mount_lebanon", district: "aley", name: "بلدية عاليه" }, ["energy", "water_sanitation"], {
      water_sanitation: "شبكة المياه قديمة وتحتاج إلى تأهيل كامل",
    }),
  },
  {
    locale: "en",
    answers: census({ governorate: "mount_lebanon", district: "metn", name: "Municipality of Bikfaya" }, ["water_sanitation", "health"], {
      water_sanitation: "Water tanks on every roof; the mains are dry in summer.",
    }),
  },
  {
    locale: "fr",
    answers: census({ governorate: "north", district: "tripoli", name: "Municipalité de Tripoli" }, ["solid_waste", "water_sanitation"], {
      solid_waste: "La décharge sauvage du port déborde.",
    }),
  },
  { locale: "ar", answers: census({ governorate: "north", district: "zgharta", name: "بلدية زغرتا" }, ["energy", "solid_waste"], {}) },
  {
    locale: "fr",
    answers: census({ governorate: "north", district: "batroun", name: "Municipalité de Batroun" }, ["water_sanitation", "solid_waste", "energy"], {}),
  },
];

const STAFF = {
  analyst: { email: "analyst@example.org", password: "analyst e2e password" },
  viewer: { email: "viewer@example.org", password: "viewer e2e password" },
};

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  const admin = await fetch(`${server.baseUrl}/api/session`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(ADMIN) });
  const cookie = (admin.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await admin.json()) as { csrfToken: string };
  for (const [role, credentials] of Object.entries(STAFF)) {
    const created = await fetch(`${server.baseUrl}/api/admin/accounts`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie, "X-CSRF-Token": csrfToken },
      body: JSON.stringify({ ...credentials, role }),
    });
    if (created.status !== 201) throw new Error(`could not create the ${role}: ${created.status}`);
  }
  for (const { answers, locale } of RESPONSES) {
    const sent = await fetch(`${server.baseUrl}/api/surveys/${CENSUS}/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ answers, status: "submitted", locale }),
    });
    if (sent.status !== 201) throw new Error(`the census refused a response: ${sent.status} ${await sent.text()}`);
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openDevice(language: "ar-LB" | "fr-FR" | "en-GB", role: keyof typeof STAFF): Promise<{ context: BrowserContext; page: Page }> {
  const device = await openBrowserDevice(browser, { baseUrl: server.baseUrl, language, viewport: DESKTOP });
  const signedIn = await device.context.request.post(`${server.baseUrl}/api/session`, { data: STAFF[role] });
  if (!signedIn.ok()) throw new Error(`sign-in failed: ${signedIn.status()}`);
  return device;
}

test("an analyst reads, filters and searches the written answers, and publishes an excerpt the viewer then reads in the brief", async () => {
  const { context, page } = await openDevice("fr-FR", "analyst");
  await page.goto(`/surveys/${CENSUS}/dashboard?governorate=mount_lebanon`);
  const section = page.getByRole("region", { name: "Ce qu'ont écrit les collectivités" });
  await section.getByRole("status").filter({ hasText: "réponses écrites" }).waitFor();
  await section.getByLabel("Question").selectOption("need_water_sanitation");
  await section.getByText("3 réponses écrites").waitFor();
  // Each answer in the language written, the authority named.
  await section.locator('blockquote[lang="ar"][dir="rtl"]', { hasText: "شبكة المياه قديمة" }).waitFor();
  await section.getByText("Municipality of Bikfaya").waitFor();
  await section.screenshot({ path: path.join(SCREENSHOTS, "texts-browser-fr.png") });
  // The "other" text of a choice question is listed as a text of that question.
  await section.getByLabel("Question").selectOption("constraints-Comment");
  await section.getByText("Les coupures d'électricité arrêtent les pompes.").waitFor();
  const other = section.locator(".text-item", { hasText: "Municipalité de Baabda" });
  expect(await other.textContent()).toContain("— « Autre » précisé");
  await section.screenshot({ path: path.join(SCREENSHOTS, "texts-browser-other-fr.png") });
  await section.getByLabel("Question").selectOption("need_water_sanitation");
  await section.getByText("3 réponses écrites").waitFor();

  await section.getByLabel("Rechercher dans les textes").fill("eau potable");
  await section.getByRole("button", { name: "Rechercher" }).click();
  await section.getByText("1 réponses écrites").waitFor();
  const item = section.locator(".text-item", { hasText: "Municipalité de Baabda" });
  await item.getByRole("button", { name: "Publier un extrait" }).click();
  await item.getByLabel("Extrait pour la note thématique").fill("Le réseau d'eau potable fuit dans le centre ancien.");
  await item.getByLabel("Nommer la collectivité dans la note").check();
  await item.getByRole("button", { name: "Publier", exact: true }).click();
  await section.getByText("Extrait publié : les lecteurs de la note le voient.").waitFor();
  await item.getByText("1 extrait(s) publié(s)").waitFor();
  await context.close();

  const viewer = await openDevice("fr-FR", "viewer");
  await viewer.page.goto(`/surveys/${CENSUS}/brief`);
  const water = viewer.page.getByRole("region", { name: "Eau et assainissement" });
  await water.getByText("Le réseau d'eau potable fuit dans le centre ancien.").waitFor();
  await water.getByText("— Municipalité de Baabda").waitFor();
  const text = (await viewer.page.locator("article.brief").textContent()) ?? "";
  for (const raw of ["شبكة المياه قديمة", "Water tanks on every roof", "La décharge sauvage", "Municipality of Bikfaya", "fuit dans tout le centre"])
    expect(text).not.toContain(raw);
  // Nor on the viewer's dashboard, nor from the API.
  await viewer.page.goto(`/surveys/${CENSUS}/dashboard`);
  await viewer.page.getByRole("heading", { name: "Thématiques prioritaires" }).waitFor();
  expect(await viewer.page.getByRole("region", { name: "Ce qu'ont écrit les collectivités" }).count()).toBe(0);
  expect((await viewer.context.request.get(`${server.baseUrl}/api/surveys/${CENSUS}/texts`)).status()).toBe(403);
  await viewer.context.close();

  // The same section in Arabic: the page right to left, each answer in its own direction.
  const arabic = await openDevice("ar-LB", "analyst");
  await arabic.page.goto(`/surveys/${CENSUS}/dashboard?governorate=mount_lebanon`);
  const texts = arabic.page.getByRole("region", { name: "ما كتبته السلطات المحلية" });
  await texts.locator('blockquote[lang="fr"][dir="ltr"]', { hasText: "Le réseau d'eau potable" }).waitFor();
  await texts.screenshot({ path: path.join(SCREENSHOTS, "texts-browser-ar.png") });
  await arabic.context.close();
});

test.each([
  ["fr-FR", "fr", "Note thématique", "Les priorités"],
  ["ar-LB", "ar", "مذكرة موضوعية", "الأولويات"],
  ["en-GB", "en", "Thematic brief", "The priorities"],
] as const)(
  "the brief in %s prints to a clean A4 document, one theme a page, numbered, the filters in the header",
  async (language, locale, title, priorities) => {
    const { context, page } = await openDevice(language, "viewer");
    await page.goto(`/surveys/${CENSUS}/brief`);
    await page.getByRole("heading", { name: priorities }).waitFor();
    await page.locator(".choropleth canvas").first().waitFor();
    expect(await page.locator("article.brief").getAttribute("dir")).toBe(locale === "ar" ? "rtl" : "ltr");
    const themes = await page.locator("section.brief-theme").count();
    expect(themes).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: path.join(SCREENSHOTS, `brief-screen-${locale}.png`) });
    const pdf = path.join(SCREENSHOTS, `brief-${locale}.pdf`);
    await page.emulateMedia({ media: "print" });
    // Let the maps redraw at their print size before the capture.
    await page.waitForTimeout(500);
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]);
    // The cover, the priorities, then a page (at least) per theme.
    expect(pages).toBeGreaterThanOrEqual(2 + themes);
    const printed = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(printed).toContain(title);
    // No buttons or filters on paper.
    for (const word of ["Imprimer ou enregistrer", "طباعة أو حفظ", "Print or save as PDF", "Réinitialiser les filtres"]) expect(printed).not.toContain(word);
    const lastPage = execFileSync("pdftotext", ["-f", String(pages), "-l", String(pages), pdf, "-"], { encoding: "utf8" });
    expect(lastPage.replace(/\s+/g, " ")).toMatch(new RegExp(`${pages}\\s*/\\s*${pages}|${toArabicDigits(pages)}`));
    const prefix = path.join(SCREENSHOTS, `brief-${locale}`);
    const isPageImage = (name: string) => name.startsWith(`brief-${locale}-`) && name.endsWith(".png");
    for (const old of fs.readdirSync(SCREENSHOTS).filter(isPageImage)) fs.rmSync(path.join(SCREENSHOTS, old));
    execFileSync("pdftoppm", ["-png", "-r", "60", pdf, prefix]);
    expect(fs.readdirSync(SCREENSHOTS).filter(isPageImage).length).toBe(pages);
    await context.close();
  },
);

/** A4 at 96 CSS pixels to the inch, and the brief's @page margins (14 mm either side). */
const A4 = { widthMm: 210, heightMm: 297, sideMm: 14, topMm: 18, bottomMm: 16 };
const mmToPx = (mm: number, dpi: number) => Math.round((mm / 25.4) * dpi);

/** A page rendered by pdftoppm as 8-bit grey (PGM): its size and the value of each pixel. */
function greyPages(pdf: string, dpi: number): { width: number; height: number; at: (x: number, y: number) => number }[] {
  const prefix = pdf.replace(/\.pdf$/, "-grey");
  const isPage = (name: string) => name.startsWith(path.basename(prefix)) && name.endsWith(".pgm");
  for (const old of fs.readdirSync(SCREENSHOTS).filter(isPage)) fs.rmSync(path.join(SCREENSHOTS, old));
  execFileSync("pdftoppm", ["-gray", "-r", String(dpi), pdf, prefix]);
  return fs
    .readdirSync(SCREENSHOTS)
    .filter(isPage)
    .sort()
    .map((name) => {
      const file = fs.readFileSync(path.join(SCREENSHOTS, name));
      const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(file.subarray(0, 40).toString("latin1"))!;
      const [width, height, start] = [Number(header[1]), Number(header[2]), header[0].length];
      return { width, height, at: (x: number, y: number) => file[start + y * width + x]! };
    });
}

test.each([
  ["fr-FR", "fr"],
  ["ar-LB", "ar"],
] as const)("the brief's maps in %s are sized for A4 paper: none runs into the page's side margins", async (language, locale) => {
  // The window wider than the paper, as on a desktop: the maps are first drawn for the screen.
  const { context, page } = await openDevice(language, "viewer");
  await page.goto(`/surveys/${CENSUS}/brief`);
  await page.locator(".brief-maps .choropleth canvas").nth(2).waitFor();
  await page.emulateMedia({ media: "print" });
  await page.waitForTimeout(500);
  const pdf = path.join(SCREENSHOTS, `brief-maps-${locale}.pdf`);
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  // On every page, the strips of the side margins between the running header and footer are blank paper.
  const dpi = 50;
  for (const [index, sheet] of greyPages(pdf, dpi).entries()) {
    const side = mmToPx(A4.sideMm, dpi) - 3;
    const [top, bottom] = [mmToPx(A4.topMm, dpi), sheet.height - mmToPx(A4.bottomMm, dpi)];
    let inked = 0;
    for (let y = top; y < bottom; y += 1) {
      for (let x = 0; x < side; x += 1) if (sheet.at(x, y) < 200 || sheet.at(sheet.width - 1 - x, y) < 200) inked += 1;
    }
    expect([`page ${index + 1}`, inked]).toEqual([`page ${index + 1}`, 0]);
  }
  // And no word of a legend or a credit line is printed past the side margins (a map pushed
  // off the page takes its words with it; those cut by the edge are reported where they start).
  const pointsOf = (mm: number) => (mm / 25.4) * 72;
  const words = [
    ...execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" }).matchAll(
      /<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</g,
    ),
  ].map((match) => ({ x0: Number(match[1]), y0: Number(match[2]), x1: Number(match[3]), y1: Number(match[4]), word: match[5] }));
  const body = words.filter((word) => word.y0 > pointsOf(A4.topMm) && word.y1 < pointsOf(A4.heightMm - A4.bottomMm));
  expect(body.length).toBeGreaterThan(100);
  const outside = body.filter((word) => word.x0 < pointsOf(A4.sideMm) - 1 || word.x1 > pointsOf(A4.widthMm - A4.sideMm) + 1);
  expect(outside.map((word) => word.word)).toEqual([]);
  // Laid out at the width between the margins, each map keeps to its column and to the page.
  await page.setViewportSize({ width: mmToPx(A4.widthMm - 2 * A4.sideMm, 96), height: 1100 });
  await page.waitForTimeout(300);
  const boxes = await page.locator(".brief .choropleth-canvas canvas").evaluateAll((canvases) =>
    canvases.map((canvas) => {
      const own = canvas.getBoundingClientRect();
      const column = canvas.closest(".brief-map, .brief-pair > *")!.getBoundingClientRect();
      return { left: own.left, right: own.right, width: own.width, height: own.height, columnLeft: column.left, columnRight: column.right };
    }),
  );
  const pageWidth = mmToPx(A4.widthMm - 2 * A4.sideMm, 96);
  expect(boxes.length).toBeGreaterThanOrEqual(4);
  for (const box of boxes) {
    expect(box.left).toBeGreaterThanOrEqual(-0.5);
    expect(box.right).toBeLessThanOrEqual(pageWidth + 0.5);
    expect(box.left).toBeGreaterThanOrEqual(box.columnLeft - 0.5);
    expect(box.right).toBeLessThanOrEqual(box.columnRight + 0.5);
    // At most 8 cm wide, and never a thumbnail: Lebanon is taller than wide.
    expect(box.width).toBeLessThanOrEqual(mmToPx(80, 96) + 1);
    expect(box.width).toBeGreaterThan(mmToPx(40, 96));
    expect(box.height).toBeGreaterThan(box.width);
  }
  await context.close();
});

function toArabicDigits(value: number): string {
  return String(value).replace(/\d/g, (digit) => "٠١٢٣٤٥٦٧٨٩"[Number(digit)]!);
}
