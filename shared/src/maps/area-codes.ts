/**
 * The areas of Lebanon the maps can colour, by the census's own answer codes (`tyre`, `north`…):
 * the codes alone, so that knowing whether a questionnaire has a map costs no geometry (the
 * boundaries load with the map itself). A test checks they are exactly the boundary files' codes.
 */
export type AreaLevel = "district" | "governorate";

export const AREA_LEVELS: readonly AreaLevel[] = ["district", "governorate"];

const CODES: Record<AreaLevel, ReadonlySet<string>> = {
  district: new Set([
    "bint_jbeil",
    "tyre",
    "marjayoun",
    "hasbaya",
    "nabatieh",
    "jezzine",
    "saida",
    "rashaya",
    "west_bekaa",
    "zahle",
    "chouf",
    "aley",
    "baabda",
    "beirut",
    "metn",
    "keserwan",
    "jbeil",
    "batroun",
    "koura",
    "tripoli",
    "bsharri",
    "zgharta",
    "minieh_danniyeh",
    "akkar",
    "hermel",
    "baalbek",
  ]),
  governorate: new Set(["nabatieh", "south", "bekaa", "mount_lebanon", "beirut", "keserwan_jbeil", "north", "akkar", "baalbek_hermel"]),
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
