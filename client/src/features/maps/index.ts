/**
 * Maps of Lebanon by district (caza) and governorate (mohafazat), for the dashboard and the
 * thematic brief: the component, the values it takes, which breakdown field of a questionnaire
 * holds areas of a level, and the map values from the analytics API's figures.
 */
export { ChoroplethMap } from "./lazy-choropleth-map";
export type { ChoroplethMapProps } from "./choropleth-map";
export type { AreaValue } from "./choropleth";
export { AREA_LEVELS, findAreaField, type AreaLevel } from "./area-codes";
export { choiceByArea, hasScore, respondentsByArea, type AreaValues, type ChoiceMeasure } from "./area-values";
