import { BORDER_COLOUR, HATCH_COLOURS, type AreaLevel } from "@passerelle/shared";
import { boundaryAreas } from "./map-boundaries";
import { Raster, type Paint, type Point } from "./raster";

/** How an area is filled: a class colour, the hatching of a withheld figure, or blank (no figure). */
export type AreaPaint = { kind: "class"; colour: string } | { kind: "suppressed" } | { kind: "none" };

/** The map's width in pixels; its height follows Lebanon's shape. */
export const MAP_WIDTH = 640;
const MARGIN = 8;
// Drawn twice as large and shrunk, which smooths the borders and the coast.
const OVERSAMPLE = 2;

/**
 * A choropleth of Lebanon as a PNG: each area of `level` filled as `paintOf` says, withheld
 * ones hatched, blank ones white, every border drawn. Longitudes are shortened by the cosine of
 * the middle latitude, so the country keeps its shape (a plate carrée would widen it by a fifth).
 */
export function choroplethPng(level: AreaLevel, paintOf: (code: string) => AreaPaint): Buffer {
  const { height, areas } = projectedAreas(level);
  // A brief draws a top theme's map twice (priorities, its section) and a download is often
  // repeated: the same fills give the same picture, kept for the next time.
  const key = `${level} ${JSON.stringify(areas.map((area) => paintOf(area.code)))}`;
  const cached = drawn.get(key);
  if (cached) return cached;
  const raster = new Raster(MAP_WIDTH * OVERSAMPLE, height * OVERSAMPLE);
  for (const area of areas) {
    const paint = fillOf(paintOf(area.code));
    for (const polygon of area.polygons) raster.fillPolygon(polygon, paint);
  }
  for (const ring of areas.flatMap((area) => area.polygons.flat())) {
    ring.forEach((from, index) => raster.drawLine(from, ring[(index + 1) % ring.length]!, BORDER_COLOUR, OVERSAMPLE));
  }
  const png = raster.toPng(OVERSAMPLE);
  if (drawn.size >= DRAWN_KEPT) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, png);
  return png;
}

const DRAWN_KEPT = 64;
const drawn = new Map<string, Buffer>();

/** The map's height in pixels at `MAP_WIDTH`. */
export function mapHeight(level: AreaLevel): number {
  return projectedAreas(level).height;
}

interface ProjectedAreas {
  height: number;
  areas: { code: string; polygons: Point[][][] }[];
}

const projected = new Map<AreaLevel, ProjectedAreas>();

// The areas in pixels of the oversampled picture, worked out once per level.
function projectedAreas(level: AreaLevel): ProjectedAreas {
  const cached = projected.get(level);
  if (cached) return cached;
  const boundaries = boundaryAreas(level);
  const project = projection(boundaries.flatMap((area) => area.polygons.flat(2)));
  const areas = boundaries.map((area) => ({
    code: area.code,
    polygons: area.polygons.map((polygon) => polygon.map((ring) => ring.map((point) => project.point(point, OVERSAMPLE)))),
  }));
  const result = { height: project.height, areas };
  projected.set(level, result);
  return result;
}

function fillOf(paint: AreaPaint): Paint {
  if (paint.kind === "class") return { colour: paint.colour };
  if (paint.kind === "none") return { colour: "#ffffff" };
  // Stripes every 7 pixels of the final picture, 2 wide: as dense as the hatching on screen.
  return { ground: HATCH_COLOURS.ground, stripe: HATCH_COLOURS.stripe, period: 7 * OVERSAMPLE, width: 2 * OVERSAMPLE };
}

function projection(points: readonly number[][]): { height: number; point: (lonLat: number[], scale: number) => Point } {
  const longitudes = points.map((point) => point[0]!);
  const latitudes = points.map((point) => point[1]!);
  const [west, east] = [Math.min(...longitudes), Math.max(...longitudes)];
  const [south, north] = [Math.min(...latitudes), Math.max(...latitudes)];
  const shrink = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const pixelsPerDegree = (MAP_WIDTH - 2 * MARGIN) / ((east - west) * shrink);
  const height = Math.ceil((north - south) * pixelsPerDegree + 2 * MARGIN);
  return {
    height,
    point: ([longitude, latitude], scale) => [
      (MARGIN + (longitude! - west) * shrink * pixelsPerDegree) * scale,
      (MARGIN + (north - latitude!) * pixelsPerDegree) * scale,
    ],
  };
}
