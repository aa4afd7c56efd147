// The area codes and the search for a questionnaire's area field live in shared/, where the Word brief's maps read them too.
export { AREA_LEVELS, areaCodes, findAreaField, type AreaFieldCandidate, type AreaLevel } from "@passerelle/shared";
