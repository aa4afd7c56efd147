import { readFileSync } from "node:fs";
import path from "node:path";
import type { AreaLevel } from "@passerelle/shared";

/** A GeoJSON polygon or multipolygon, longitude/latitude (WGS 84). */
export interface AreaGeometry {
  type: "Polygon" | "MultiPolygon";
  coordinates: number[][][] | number[][][][];
}

/** One area of a level: its answer code and its polygons, each a list of rings of [longitude, latitude]. */
export interface BoundaryArea {
  code: string;
  polygons: number[][][][];
}

/**
 * The boundary files the browser's maps draw (client/src/features/maps/boundaries, with their
 * provenance note), read once from the same place so the Word brief's maps are the same areas.
 * The path holds from `src/brief` (tests, development) as from `dist/brief` (the built server).
 */
const BOUNDARIES_DIR = path.resolve(__dirname, "../../../client/src/features/maps/boundaries");
const FILES: Record<AreaLevel, string> = { district: "districts.json", governorate: "governorates.json" };
const loaded = new Map<AreaLevel, readonly BoundaryArea[]>();

/** The areas of a level, in the file's order. */
export function boundaryAreas(level: AreaLevel): readonly BoundaryArea[] {
  const cached = loaded.get(level);
  if (cached) return cached;
  const collection = JSON.parse(readFileSync(path.join(BOUNDARIES_DIR, FILES[level]), "utf8")) as {
    features: { properties: Record<string, string>; geometry: AreaGeometry }[];
  };
  const areas = collection.features.map((feature) => ({
    code: feature.properties[level] ?? "",
    polygons: feature.geometry.type === "Polygon" ? [feature.geometry.coordinates as number[][][]] : (feature.geometry.coordinates as number[][][][]),
  }));
  loaded.set(level, areas);
  return areas;
}
