// The catalogue is small (about 4 kB) and not served yet: it is bundled with the dashboard.
// TODO: read the colours from the API once it serves the catalogue, so a colour changed in
// surveys/themes.json shows without rebuilding the client.
import catalogue from "../../../../surveys/themes.json";

/** Bars of data that is not a theme. */
export const NEUTRAL_COLOUR = "#0e5a6b";

const COLOURS: ReadonlyMap<string, string> = new Map(catalogue.themes.map((theme) => [theme.id, theme.colour]));

/** The catalogue colour of a theme, so a theme has the same colour on every chart. */
export function themeColour(themeId: string | undefined): string {
  return (themeId && COLOURS.get(themeId)) || NEUTRAL_COLOUR;
}
