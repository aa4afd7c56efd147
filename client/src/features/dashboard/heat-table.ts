import { isSuppressed, type AnalyticsThemes, type ThemeGroupCell } from "@passerelle/shared";
import { SUPPRESSED, type ChartContext } from "./chart-view";
import type { StatQuestion } from "./dashboard-questionnaire";

/**
 * The theme × group table (theme × governorate for the census): each cell is the share of the
 * group's respondents citing the theme, shaded by that share. A cell withheld because the group
 * is small reads "—" and says why. Groups nobody in the current view belongs to are left out
 * (with a governorate filter, the other eight would be empty columns).
 */
export interface HeatTableView {
  caption: string;
  /** Heading of the row headings' column. */
  corner: string;
  columns: { value: string; label: string; /** "n = 12", or null when withheld. */ base: string | null }[];
  rows: { theme: string; label: string; cells: HeatCell[] }[];
  notes: string[];
}

export interface HeatCell {
  text: string;
  /** Read by screen readers instead of a bare "—". */
  description: string | null;
  background: string;
  colour: string;
}

export function heatTable(
  themes: AnalyticsThemes,
  options: { groupField: StatQuestion; labels: ReadonlyMap<string, string>; order: readonly string[] },
  ctx: ChartContext,
): HeatTableView {
  const { formats, t } = ctx;
  const { groupField } = options;
  const groupValues = groupField.choices.map((choice) => choice.value);
  const cellOf = (theme: string, value: string): ThemeGroupCell | "suppressed" | undefined => {
    const cell = themes.themes.find((candidate) => candidate.theme === theme)?.byGroup[value];
    if (!cell) return undefined;
    return isSuppressed(cell) ? "suppressed" : cell;
  };
  const respondentsOf = (value: string): number | "suppressed" => {
    const cell = themes.themes[0]?.byGroup[value];
    if (!cell) return 0;
    return isSuppressed(cell) ? "suppressed" : cell.respondents;
  };
  const shown = groupValues.filter((value) => respondentsOf(value) !== 0);
  const hidden = groupValues.length - shown.length;

  const themeOrder = [...options.order, ...themes.themes.map((theme) => theme.theme).filter((id) => !options.order.includes(id))];
  const suppressedDescription = t("suppressedCell", { min: formats.integer(themes.minGroupSize) });
  const hasSuppressed = shown.some((value) => respondentsOf(value) === "suppressed");

  const notes: string[] = [t("heatNote")];
  if (hasSuppressed) notes.push(t("suppressedNote", { min: formats.integer(themes.minGroupSize) }));
  if (hidden > 0) notes.push(t("heatHiddenGroups", { count: formats.integer(hidden) }));

  return {
    caption: t("heatCaption", { field: groupField.title }),
    corner: t("colTheme"),
    columns: shown.map((value) => {
      const respondents = respondentsOf(value);
      return {
        value,
        label: groupField.choices.find((choice) => choice.value === value)?.label ?? value,
        base: respondents === "suppressed" ? null : t("baseN", { count: formats.integer(respondents) }),
      };
    }),
    rows: themeOrder.map((theme) => ({
      theme,
      label: options.labels.get(theme) ?? theme,
      cells: shown.map((value): HeatCell => {
        const cell = cellOf(theme, value);
        if (cell === "suppressed") return { text: SUPPRESSED, description: suppressedDescription, ...WITHHELD_COLOURS };
        const share = cell?.share ?? null;
        if (share === null) return { text: "", description: t("noAnswer"), ...WITHHELD_COLOURS };
        return { text: formats.percent(share), description: null, ...heatColours(share) };
      }),
    })),
    notes,
  };
}

const WITHHELD_COLOURS = { background: "#f4f6f7", colour: "#1c1c1c" };

// From white (0 %) to the brand colour (100 %).
const LOW = [255, 255, 255] as const;
const HIGH = [14, 90, 107] as const;

/**
 * The shade of a share and the text colour that reads best on it: black or white, whichever has
 * the higher contrast, which is always at least 4.5:1 (WCAG AA) whatever the shade.
 */
export function heatColours(share: number): { background: string; colour: string } {
  const weight = Math.min(Math.max(share, 0), 1);
  const rgb = LOW.map((low, index) => Math.round(low + ((HIGH[index] ?? low) - low) * weight));
  const background = `#${rgb.map((channel) => channel.toString(16).padStart(2, "0")).join("")}`;
  const luminance = relativeLuminance(rgb);
  const onWhite = 1.05 / (luminance + 0.05);
  const onBlack = (luminance + 0.05) / 0.05;
  return { background, colour: onWhite >= onBlack ? "#ffffff" : "#000000" };
}

/** WCAG relative luminance of an sRGB colour. */
export function relativeLuminance(rgb: readonly number[]): number {
  const [r = 0, g = 0, b = 0] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
