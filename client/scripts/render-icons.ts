/**
 * Renders the app's PNG icons from `public/icon.svg` with Chromium, for the web app manifest:
 * browsers install an app only with PNG icons of 192 and 512 px (an SVG alone is not enough for
 * Chromium's install prompt or for Android's home screen). A maskable one, its drawing inside the
 * centre 80 % on a full-bleed background, lets Android crop it to its own shape.
 *
 * The PNGs are committed (a few kB): building the app needs no browser. Run again after changing
 * the SVG: `npx tsx client/scripts/render-icons.ts`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const PUBLIC = path.join(__dirname, "../public");
const BACKGROUND = "#1f4e79";

interface IconFile {
  file: string;
  size: number;
  /** Maskable: square background, the drawing scaled into the safe zone. */
  isMaskable: boolean;
}

const ICONS: IconFile[] = [
  { file: "icon-192.png", size: 192, isMaskable: false },
  { file: "icon-512.png", size: 512, isMaskable: false },
  { file: "icon-maskable-512.png", size: 512, isMaskable: true },
];

function pageFor(svg: string, icon: IconFile): string {
  const drawing = icon.isMaskable
    ? `<div style="position:absolute;inset:0;background:${BACKGROUND}"></div><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" style="position:absolute;inset:10%;width:80%;height:80%">`
    : `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" style="width:100%;height:100%">`;
  return `<!doctype html><html><body style="margin:0;width:${icon.size}px;height:${icon.size}px;position:relative;background:transparent">${drawing}</body></html>`;
}

async function main(): Promise<void> {
  const svg = readFileSync(path.join(PUBLIC, "icon.svg"), "utf8");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    for (const icon of ICONS) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
      await page.setContent(pageFor(svg, icon));
      await page.locator("img").evaluate((image: HTMLImageElement) => image.decode());
      await page.screenshot({ path: path.join(PUBLIC, icon.file), omitBackground: true });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

void main();
