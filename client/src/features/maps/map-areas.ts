import districts from "./boundaries/districts.json";
import governorates from "./boundaries/governorates.json";

/**
 * The areas of Lebanon the maps can colour, from the boundary files copied into the project
 * (see boundaries/README.md), each named by the census's own answer code (`tyre`, `north`…).
 * Pure: no React, no canvas.
 */
export type AreaLevel = "district" | "governorate";

export const AREA_LEVELS: readonly AreaLevel[] = ["district", "governorate"];

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

const CODES: Record<AreaLevel, ReadonlySet<string>> = {
  district: new Set(FEATURES.district.map((feature) => areaCode(feature, "district"))),
  governorate: new Set(FEATURES.governorate.map((feature) => areaCode(feature, "governorate"))),
};

/** Every area code of a level. */
export function areaCodes(level: AreaLevel): ReadonlySet<string> {
  return CODES[level];
}

/** A breakdown field as the map needs it: its name and the values it offers. */
export interface AreaFieldCandidate {
  name: string;
  choices: readonly { value: string }[];
}

// Answers that are no place: "other" and "none", which questionnaires add to any list.
const NOT_PLACES = new Set(["other", "none"]);

/**
 * The breakdown field whose answers are areas of `level`: the one most of whose choices (more
 * than half, "other" and "none" aside) are that level's codes, the best match first, a field
 * named like the level winning a tie. Matching by the values rather than the name means a
 * questionnaire of its own with a `caza` field coded like the census gets its map, while one
 * whose breakdown codes are not Lebanon's areas gets none (the section says why) instead of an
 * empty or a wrong map. Districts and governorates share a few codes (`beirut`, `akkar`,
 * `nabatieh`), which is why a field must match mostly, not at all.
 */
export function findAreaField<F extends AreaFieldCandidate>(fields: readonly F[], level: AreaLevel): F | undefined {
  const codes = areaCodes(level);
  let best: { field: F; score: number } | undefined;
  for (const field of fields) {
    const values = field.choices.map((choice) => choice.value).filter((value) => !NOT_PLACES.has(value));
    if (values.length === 0) continue;
    const matched = values.filter((value) => codes.has(value)).length / values.length;
    if (matched <= 0.5) continue;
    const score = matched + (field.name === level ? 0.001 : 0);
    if (!best || score > best.score) best = { field, score };
  }
  return best?.field;
}
