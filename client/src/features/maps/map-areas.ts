import type { AreaLevel } from "./area-codes";
import districts from "./boundaries/districts.json";
import governorates from "./boundaries/governorates.json";

/**
 * The boundaries of the areas, from the files copied into the project (see boundaries/README.md),
 * each feature named by the census's own answer code. Loaded with the map only. Pure.
 */

/** A GeoJSON polygon or multipolygon, longitude/latitude (WGS 84). */
export interface AreaGeometry {
  type: "Polygon" | "MultiPolygon";
  coordinates: number[][][] | number[][][][];
}

export interface AreaFeature {
  type: "Feature";
  properties: Record<string, string>;
  geometry: AreaGeometry;
}

const FEATURES: Record<AreaLevel, readonly AreaFeature[]> = {
  district: districts.features as AreaFeature[],
  governorate: governorates.features as AreaFeature[],
};

/** The boundary features of one level, in the file's order. */
export function areaFeatures(level: AreaLevel): readonly AreaFeature[] {
  return FEATURES[level];
}

/** The answer code an area stands for (its `district` or `governorate` property). */
export function areaCode(feature: AreaFeature, level: AreaLevel): string {
  return feature.properties[level] ?? "";
}
