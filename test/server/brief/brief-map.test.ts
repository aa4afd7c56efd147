import { CLASS_COLOURS, HATCH_COLOURS, type AreaLevel } from "@passerelle/shared";
import { areaFieldOf, briefMap } from "../../../server/src/brief/brief-map";
import { boundaryAreas } from "../../../server/src/brief/map-boundaries";
import { choroplethPng, MAP_WIDTH, mapHeight } from "../../../server/src/brief/map-png";
import { decodePng, type DecodedPng } from "../../support/png-reader";

const hex = (colour: string) => colour.slice(1).toLowerCase();

/**
 * The pixels of each area: the map drawn once with every area in a colour of its own (its index
 * in the file), read back where that exact colour is.
 */
function pixelsByArea(level: AreaLevel): Map<string, { x: number; y: number }[]> {
  const areas = boundaryAreas(level);
  const colourOf = (index: number) => `#10${(index + 1).toString(16).padStart(2, "0")}20`;
  const image = decodePng(choroplethPng(level, (code) => ({ kind: "class", colour: colourOf(areas.findIndex((area) => area.code === code)) })));
  const byColour = new Map(areas.map((area, index) => [hex(colourOf(index)), area.code]));
  const found = new Map(areas.map((area) => [area.code, [] as { x: number; y: number }[]]));
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      const code = byColour.get(image.pixel(x, y));
      if (code) found.get(code)!.push({ x, y });
    }
  }
  return found;
}

function colours(image: DecodedPng, pixels: readonly { x: number; y: number }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { x, y } of pixels) counts.set(image.pixel(x, y), (counts.get(image.pixel(x, y)) ?? 0) + 1);
  return counts;
}

describe("the Word brief's maps", () => {
  it.each(["district", "governorate"] as const)("draws every %s of the boundary files at the map's size, in its class colour", (level) => {
    const areas = boundaryAreas(level);
    expect(areas.length).toBe(level === "district" ? 26 : 9);
    const image = decodePng(choroplethPng(level, () => ({ kind: "class", colour: CLASS_COLOURS[4] })));
    expect(image.width).toBe(MAP_WIDTH);
    expect(image.height).toBe(mapHeight(level));
    // Lebanon is taller than wide, once longitudes are shortened at its latitude.
    expect(image.height / image.width).toBeGreaterThan(1.15);
    expect(image.height / image.width).toBeLessThan(1.45);
    const byArea = pixelsByArea(level);
    for (const area of areas) {
      const inside = byArea.get(area.code)!;
      expect([area.code, inside.length > 20]).toEqual([area.code, true]);
      const drawn = colours(image, inside);
      expect(drawn.get(hex(CLASS_COLOURS[4]))).toBe(inside.length);
    }
    // The corners are the sea or Syria: white.
    expect([image.pixel(0, 0), image.pixel(MAP_WIDTH - 1, image.height - 1)]).toEqual(["ffffff", "ffffff"]);
  });

  it("hatches a withheld area with grey stripes, never in a colour of the scale", () => {
    const inside = pixelsByArea("governorate").get("bekaa")!;
    const image = decodePng(choroplethPng("governorate", (code) => (code === "bekaa" ? { kind: "suppressed" } : { kind: "class", colour: CLASS_COLOURS[0] })));
    const drawn = colours(image, inside);
    const ground = drawn.get(hex(HATCH_COLOURS.ground)) ?? 0;
    const stripe = drawn.get(hex(HATCH_COLOURS.stripe)) ?? 0;
    expect(ground).toBeGreaterThan(inside.length / 3);
    expect(stripe).toBeGreaterThan(inside.length / 10);
    for (const colour of CLASS_COLOURS) expect(drawn.get(hex(colour)) ?? 0).toBe(0);
    // Every pixel of the area is a shade of grey: the ground, a stripe, or the smoothing between them.
    for (const colour of drawn.keys()) expect(colour.slice(0, 2) === colour.slice(2, 4) && colour.slice(2, 4) === colour.slice(4, 6)).toBe(true);
  });

  it.each([
    {
      name: "counts, a withheld area and one with no figure",
      values: { north: 8, south: 4, bekaa: "suppressed" as const, akkar: 0 },
      legend: ["0", "1–2", "3–4", "5–6", "7–8", "trop peu pour afficher", "aucune réponse"],
      hatched: true,
    },
    {
      name: "shares, every area shown",
      values: Object.fromEntries([...boundaryAreas("governorate")].map((area) => [area.code, 0.5])),
      legend: ["0", "0–0,1", "0,1–0,3", "0,3–0,4", "0,4–0,5"],
      hatched: false,
    },
    { name: "nothing at all", values: {}, legend: ["aucune réponse"], hatched: false },
  ])("gives the page's classes and legend: $name", ({ values, legend, hatched }) => {
    const format = (value: number) => new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(value);
    const view = briefMap({ level: "governorate", values, label: "Répondants", format, locale: "fr" });
    expect(view.legend.map((entry) => entry.label)).toEqual(legend);
    expect(view.caption).toBe("Répondants par mohafazat");
    expect(view.notes.some((note) => note.startsWith("Hachuré"))).toBe(hatched);
    expect(view.notes[view.notes.length - 1]).toContain("geoBoundaries");
    expect(decodePng(view.png).width).toBe(view.width);
  });

  it.each([
    {
      name: "provinces coded as governorates",
      choices: ["north", "south", "bekaa", "other"],
      levels: ["district", "governorate"] as const,
      found: "governorate",
    },
    { name: "cazas", choices: ["tyre", "saida", "zahle", "beirut"], levels: ["governorate", "district"] as const, found: "district" },
    { name: "regions of France", choices: ["bretagne", "normandie", "nord"], levels: ["district", "governorate"] as const, found: undefined },
  ])("finds the map's field of a questionnaire's breakdown fields: $name", ({ choices, levels, found }) => {
    const shape = {
      breakdownFields: ["where"],
      questions: [{ name: "where", kind: "single" as const, choices }],
    };
    expect(areaFieldOf(shape, levels)?.level).toBe(found);
  });
});
