/**
 * Maps of Lebanon by district (caza) and governorate (mohafazat), for the dashboard and the
 * thematic brief: the component, the values it takes, and how to find which breakdown field of
 * a questionnaire holds areas of a level.
 */
export { ChoroplethMap, type ChoroplethMapProps } from "./choropleth-map";
export type { AreaValue } from "./choropleth";
export { AREA_LEVELS, findAreaField, type AreaLevel } from "./map-areas";
export { choiceByArea, hasScore, respondentsByArea, type AreaValues, type ChoiceMeasure } from "./area-values";
