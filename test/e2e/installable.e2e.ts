import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { startAppServer, type AppServer } from "./support/app-server";

/**
 * The respondent app can be installed on a phone's home screen: Chromium finds nothing against
 * installing it, and the manifest's icons are what installing needs (PNG at 192 and 512 px, which
 * Android requires, a maskable one for its icon shapes, each of the size and type it declares).
 * Chromium refuses to install from a private window, so this device has a profile on disk.
 */

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

let server: AppServer;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  server = await startAppServer(null);
  profile = mkdtempSync(path.join(os.tmpdir(), "passerelle-profile-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    baseURL: server.baseUrl,
    viewport: { width: 360, height: 740 },
    locale: "ar-LB",
  });
});

afterAll(async () => {
  await context?.close();
  await server?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("Chromium finds the app installable once its service worker runs", async () => {
  const page = await context.newPage();
  await page.goto("/");
  await page.locator(".survey-list").waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cdp = await context.newCDPSession(page);
  const manifest = (await cdp.send("Page.getAppManifest")) as { url: string; errors: unknown[] };
  expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
  expect(manifest.errors).toEqual([]);
  const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: { errorId: string }[] };
  expect(installabilityErrors).toEqual([]);
  await page.close();
});

test("the manifest's icons load, each of its declared size and type, with the PNGs installing needs", async () => {
  const page = await context.newPage();
  const response = await page.request.get("/manifest.webmanifest");
  const manifest = (await response.json()) as { start_url: string; display: string; icons: ManifestIcon[] };
  expect(manifest.display).toBe("standalone");
  const pngSizes = manifest.icons.filter((icon) => icon.type === "image/png").map((icon) => icon.sizes);
  expect(pngSizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(manifest.icons.some((icon) => icon.purpose === "maskable")).toBe(true);

  await page.goto("/");
  for (const icon of manifest.icons) {
    const file = await page.request.get(icon.src);
    expect([icon.src, file.status(), file.headers()["content-type"]?.split(";")[0]]).toEqual([icon.src, 200, icon.type]);
    if (icon.sizes === "any") continue;
    const size = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      return `${image.naturalWidth}x${image.naturalHeight}`;
    }, icon.src);
    expect([icon.src, size]).toEqual([icon.src, icon.sizes]);
  }
  await page.close();
});
