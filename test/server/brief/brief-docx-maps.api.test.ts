import JSZip from "jszip";
import type request from "supertest";
import { fillMapWords, HATCH_COLOURS, type ThematicBrief } from "@passerelle/shared";
import { mapHeight, MAP_WIDTH } from "../../../server/src/brief/map-png";
import { decodePng } from "../../support/png-reader";
import { signedIn, type StaffAgent } from "../../support/test-app";
import { voicesWorld } from "../../support/voices-world";

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => callback(null, Buffer.concat(chunks)));
};

interface DocxMap {
  name: string;
  title: string;
  png: Buffer;
}

/** The Word brief's document.xml and its maps: each drawing named `map-…`, with the PNG its relationship points to. */
async function wordBrief(agent: StaffAgent, query: string): Promise<{ xml: string; maps: DocxMap[] }> {
  const res = await agent.get(`/api/surveys/voices/brief.docx${query}`).buffer(true).parse(binary).expect(200);
  const zip = await JSZip.loadAsync(res.body as Buffer);
  const xml = await zip.file("word/document.xml")!.async("string");
  const rels = await zip.file("word/_rels/document.xml.rels")!.async("string");
  const targets = new Map([...rels.matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((match) => [match[1]!, match[2]!]));
  const maps: DocxMap[] = [];
  for (const drawing of xml.split("</w:drawing>")) {
    const properties = /<wp:docPr [^>]*name="(map-[a-z]+)"[^>]*/.exec(drawing);
    if (!properties) continue;
    const title = /title="([^"]*)"/.exec(properties[0])?.[1] ?? "";
    const target = targets.get(/r:embed="([^"]+)"/.exec(drawing)![1]!)!;
    maps.push({ name: properties[1]!, title, png: await zip.file(`word/${target}`)!.async("nodebuffer") });
  }
  return { xml, maps };
}

function hatchedPixels(png: Buffer): number {
  const image = decodePng(png);
  const stripe = HATCH_COLOURS.stripe.slice(1);
  let count = 0;
  for (let y = 0; y < image.height; y += 1) for (let x = 0; x < image.width; x += 1) if (image.pixel(x, y) === stripe) count += 1;
  return count;
}

describe("the Word brief's maps", () => {
  it("draws the page's maps: respondents by governorate, each top theme, each theme's where, as PNGs of the map's size", async () => {
    const { app } = await voicesWorld();
    const viewer = await signedIn(app, "viewer");
    const brief = (await viewer.get("/api/surveys/voices/brief").expect(200)).body as ThematicBrief;
    const { xml, maps } = await wordBrief(viewer, "?locale=fr");
    const sections = brief.priorities.filter((theme) => {
      const overall = brief.themes.themes.find((entry) => entry.theme === theme)!.overall;
      return !("suppressed" in overall) && overall.cited > 0;
    });
    // The councils' provinces are governorates: every map is by governorate.
    expect(maps.map((map) => map.name)).toEqual(Array(1 + Math.min(3, sections.length) + sections.length).fill("map-governorate"));
    expect(maps[0]!.title).toBe("Collectivités ayant répondu par mohafazat");
    expect(maps[1]!.title).toBe("Eau et assainissement — Part par mohafazat");
    for (const map of maps) {
      const image = decodePng(map.png);
      expect([image.width, image.height]).toEqual([MAP_WIDTH, mapHeight("governorate")]);
    }
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text.split(fillMapWords("fr", "mapCredit")).length - 1).toBe(maps.length);
    // The table stays beside the map, for readers who do not see the picture.
    expect(text).toContain("Réponses par province");
  });

  it("hatches the Bekaa and the South, too small groups, and names the hatching in the legend; with no small-group rule they are drawn", async () => {
    const { app } = await voicesWorld();
    const viewer = await wordBrief(await signedIn(app, "viewer"), "?locale=fr");
    const { app: unprotected } = await voicesWorld({ minGroupSize: 1 });
    const analyst = await wordBrief(await signedIn(unprotected, "analyst"), "?locale=fr");
    expect(hatchedPixels(viewer.maps[0]!.png)).toBeGreaterThan(500);
    expect(hatchedPixels(analyst.maps[0]!.png)).toBe(0);
    const legend = (xml: string) => xml.replace(/<[^>]+>/g, " ");
    expect(legend(viewer.xml)).toContain(fillMapWords("fr", "mapSuppressed"));
    expect(viewer.xml).toContain('w:val="reverseDiagStripe"');
    expect(legend(analyst.xml)).not.toContain(fillMapWords("fr", "mapSuppressed"));
  });

  it("writes the Arabic maps' captions, legends and credit lines right to left", async () => {
    const { app } = await voicesWorld();
    const { xml, maps } = await wordBrief(await signedIn(app, "viewer"), "?locale=ar");
    expect(maps.length).toBeGreaterThan(1);
    const paragraphs = xml.split("</w:p>");
    expect(maps[0]!.title).toContain(fillMapWords("ar", "mapByGovernorate"));
    for (const words of [maps[0]!.title, fillMapWords("ar", "mapCredit"), fillMapWords("ar", "mapSuppressed")]) {
      const paragraph = paragraphs.find((part) => part.replace(/<[^>]+>/g, "").includes(words))!;
      expect([words, paragraph.includes("<w:bidi/>"), paragraph.includes("<w:rtl/>")]).toEqual([words, true, true]);
    }
    expect(xml).toContain("<w:bidiVisual/>");
  });
});
