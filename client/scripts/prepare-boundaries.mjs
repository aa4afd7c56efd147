// Makes the map's boundary files from those of the shared data folder (see
// client/src/features/maps/boundaries/README.md): coordinates rounded to 1e-3 degree (about
// 100 m, under a pixel of a map of Lebanon the width of a phone or an A4 column), repeated
// points dropped, and only the properties the map reads kept. Shared borders stay shared:
// both sides round the same vertices the same way. Rings are wound as d3-geo (which draws the
// map) reads them: outer rings clockwise, holes anticlockwise. d3-geo's polygons are spherical,
// and a ring wound the other way (as RFC 7946 asks) encloses the rest of the globe instead.
//
//   node client/scripts/prepare-boundaries.mjs ../shared/data/lebanon client/src/features/maps/boundaries
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [from, to] = process.argv.slice(2);
if (!from || !to) throw new Error("usage: prepare-boundaries.mjs <source folder> <target folder>");

const PRECISION = 1e3;

function roundRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const point = [Math.round(x * PRECISION) / PRECISION, Math.round(y * PRECISION) / PRECISION];
    const last = out[out.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  // A ring needs four points (the last repeating the first) to enclose anything.
  return out.length >= 4 ? out : null;
}

// Twice the signed area in the plane of longitude and latitude: positive when anticlockwise.
function signedArea(ring) {
  let sum = 0;
  for (let index = 0; index + 1 < ring.length; index += 1) sum += ring[index][0] * ring[index + 1][1] - ring[index + 1][0] * ring[index][1];
  return sum;
}

function wind(ring, isOuter) {
  const isClockwise = signedArea(ring) < 0;
  return isClockwise === isOuter ? ring : [...ring].reverse();
}

function roundGeometry(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const rounded = polygons
    .map((polygon) =>
      polygon
        .map(roundRing)
        .filter(Boolean)
        .map((ring, index) => wind(ring, index === 0)),
    )
    .filter((polygon) => polygon.length > 0);
  return rounded.length === 1 ? { type: "Polygon", coordinates: rounded[0] } : { type: "MultiPolygon", coordinates: rounded };
}

for (const [file, keep] of [
  ["districts.geojson", ["district", "governorate"]],
  ["governorates.geojson", ["governorate"]],
]) {
  const source = JSON.parse(readFileSync(path.join(from, file), "utf8"));
  const features = source.features.map((feature) => ({
    type: "Feature",
    properties: Object.fromEntries(keep.map((key) => [key, feature.properties[key]])),
    geometry: roundGeometry(feature.geometry),
  }));
  const target = path.join(to, file.replace(".geojson", ".json"));
  writeFileSync(target, JSON.stringify({ type: "FeatureCollection", features }));
  console.log(`${target}: ${features.length} features`);
}
