import { readFileSync } from "node:fs";
import path from "node:path";
import { isJsonObject, readQuestionnaireShape } from "@passerelle/shared";
import { areaCodes, findAreaField } from "../../../client/src/features/maps/area-codes";
import { areaCode, areaFeatures } from "../../../client/src/features/maps/map-areas";

const field = (name: string, values: string[]) => ({ name, choices: values.map((value) => ({ value })) });

function censusChoices(name: string): string[] {
  const definition: unknown = JSON.parse(readFileSync(path.join(__dirname, "../../../surveys/census-lebanon.json"), "utf8"));
  if (!isJsonObject(definition)) throw new Error("the census is a JSON object");
  const question = readQuestionnaireShape(definition).questions.find((candidate) => candidate.name === name);
  if (!question) throw new Error(`the census asks ${name}`);
  return question.choices;
}

test("the boundaries hold 26 districts and 9 governorates, each a census code, none twice", () => {
  for (const [level, count] of [
    ["district", 26],
    ["governorate", 9],
  ] as const) {
    const codes = areaFeatures(level).map((feature) => areaCode(feature, level));
    expect(codes).toHaveLength(count);
    expect(new Set(codes).size).toBe(count);
  }
});

test("the codes known without the geometry are exactly the boundary files' codes", () => {
  for (const level of ["district", "governorate"] as const) {
    expect(new Set(areaFeatures(level).map((feature) => areaCode(feature, level)))).toEqual(areaCodes(level));
  }
});

test("every census district and governorate has its area on the map, and no area is outside the census", () => {
  expect([...areaCodes("district")].sort()).toEqual([...censusChoices("district")].sort());
  expect([...areaCodes("governorate")].sort()).toEqual([...censusChoices("governorate")].sort());
});

test("each district lies in the governorate the census puts it in", () => {
  const governorateOf = new Map(areaFeatures("district").map((feature) => [areaCode(feature, "district"), feature.properties.governorate]));
  expect(governorateOf.get("tyre")).toBe("south");
  expect(governorateOf.get("tripoli")).toBe("north");
  expect(new Set(governorateOf.values())).toEqual(areaCodes("governorate"));
});

describe("which breakdown field holds the areas of a level", () => {
  const governorate = field("governorate", censusChoices("governorate"));
  const district = field("district", censusChoices("district"));
  const kind = field("authority_kind", ["municipality", "union"]);

  it.each([
    ["the census's fields", [governorate, district, kind], "district", "district"],
    ["the census's fields", [governorate, district, kind], "governorate", "governorate"],
    // Names do not matter, codes do: a questionnaire of its own calling its field "caza".
    ["a field named otherwise", [kind, field("caza", ["tyre", "saida", "jezzine", "other"])], "district", "caza"],
    // A handful of districts offered, some with codes of their own: mostly areas, still a map.
    ["a field with a few unknown codes", [field("zone", ["tyre", "saida", "jezzine", "somewhere"])], "district", "zone"],
    // Codes shared by both levels (beirut, akkar, nabatieh) do not make governorates districts.
    ["governorates only", [governorate], "district", undefined],
    ["codes that are no area of Lebanon", [field("region", ["ile_de_france", "occitanie"]), kind], "governorate", undefined],
    ["a field whose choices load at run time", [field("district", [])], "district", undefined],
    ["no breakdown field at all", [], "governorate", undefined],
  ] as const)("%s, level %s", (_case, fields, level, expected) => {
    expect(findAreaField(fields, level)?.name).toBe(expected);
  });
});

// d3-geo, which draws the map, reads polygons on the sphere: an outer ring wound anticlockwise
// encloses the rest of the globe, and the map shows one filled square.
test("outer rings are clockwise and holes anticlockwise, as d3-geo reads them", () => {
  const signedArea = (ring: number[][]) =>
    ring.slice(1).reduce((sum, point, index) => {
      const previous = ring[index] as number[];
      return sum + (previous[0] as number) * (point[1] as number) - (point[0] as number) * (previous[1] as number);
    }, 0);
  for (const level of ["district", "governorate"] as const) {
    for (const feature of areaFeatures(level)) {
      const polygons = (feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates) as number[][][][];
      for (const polygon of polygons) {
        polygon.forEach((ring, index) =>
          expect([areaCode(feature, level), index, Math.sign(signedArea(ring))]).toEqual([areaCode(feature, level), index, index === 0 ? -1 : 1]),
        );
      }
    }
  }
});
