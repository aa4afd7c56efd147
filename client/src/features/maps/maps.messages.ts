import { MAP_WORDS } from "@passerelle/shared";
import { defineMessages, type FeatureKey } from "../../i18n/feature-messages";

/** The maps' words (shared with the Word brief's maps): legends, the "too few to show" style, the boundaries' credit line. */
export const mapsMessages = defineMessages(MAP_WORDS);
export type MapsKey = FeatureKey<typeof mapsMessages>;
