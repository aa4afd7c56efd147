import { isRightToLeft, type Locale } from "@passerelle/shared";
// chart.js ships its types as ES modules; the attribute lets the test project (CommonJS) read them.
import type { ChartConfiguration, ChartOptions, TooltipItem } from "chart.js" with { "resolution-mode": "import" };
import { translatorFor } from "../../i18n/feature-messages";
import type { Translate } from "../../i18n/messages";
import { dashboardMessages, type DashboardKey } from "./dashboard.messages";
import { numberFormats, type NumberFormats } from "./number-format";

/**
 * What every `*.chart.ts` builder returns: the chart.js configuration to mount, a sentence that
 * sums the chart up for screen readers (the canvas's `aria-label`), and the same numbers as a
 * table (the "Table" toggle, which analysts copy into briefings). Builders are pure functions of
 * the API's figures, so they are tested without a canvas; components only mount the result.
 */
export interface ChartView {
  config: BarConfig | LineConfig;
  summary: string;
  table: TableView;
  /**
   * The series and their colours, shown as an HTML list under the canvas (empty for a single
   * series). HTML wraps on a narrow screen and mirrors right to left; a legend drawn inside the
   * canvas is cut off when it needs more lines than planned.
   */
  legend: LegendItem[];
  /** Height of the drawing in CSS pixels, from the number of bars and their labels' lines. */
  height: number;
}

export interface LegendItem {
  label: string;
  colour: string;
}

export type BarConfig = ChartConfiguration<"bar", (number | null)[], string | string[]>;
// A null is a gap in the line: a figure withheld.
export type LineConfig = ChartConfiguration<"line", (number | null)[], string>;

/** A table of figures: a caption, column headings, and rows each headed by a label. */
export interface TableView {
  caption: string;
  /** Headings of every column, the row headings' column first. */
  columns: string[];
  rows: { header: string; cells: string[] }[];
  /** Said under the table: what "—" means, what the base of the shares is. */
  notes: string[];
}

/** What builders need of the reader: language, direction, number formats, words. */
export interface ChartContext {
  locale: Locale;
  intlLocale: string;
  isRtl: boolean;
  /** False when the reader asked for reduced motion. */
  isAnimated: boolean;
  /** A phone-sized screen: labels beside bars wrap sooner. */
  isCompact: boolean;
  formats: NumberFormats;
  t: Translate<DashboardKey>;
}

/** Intl tags matching the audience, as in the i18n context: Lebanese Arabic, French of France, English. */
const INTL_LOCALE: Record<Locale, string> = { fr: "fr-FR", ar: "ar-LB", en: "en-GB" };

export function createChartContext(locale: Locale, options: { isAnimated: boolean; isCompact?: boolean }): ChartContext {
  const intlLocale = INTL_LOCALE[locale];
  return {
    locale,
    intlLocale,
    isRtl: isRightToLeft(locale),
    isAnimated: options.isAnimated,
    isCompact: options.isCompact ?? false,
    formats: numberFormats(intlLocale),
    t: translatorFor(dashboardMessages, locale),
  };
}

/** "—": a figure withheld because its group is too small to keep respondents anonymous. */
export const SUPPRESSED = "—";

/** Distinct colours for the segments of a stacked bar (at least 3:1 against white). */
export const SERIES_COLOURS = ["#0e5a6b", "#c2410c", "#6d28d9", "#15803d", "#b91c1c", "#1d4ed8", "#a16207", "#be185d"] as const;

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length] ?? SERIES_COLOURS[0];
}

const MIN_ROW = 30;
const LINE_HEIGHT = 16;
const AXIS_ALLOWANCE = 40;

/**
 * Room for horizontal bars whose labels may wrap: chart.js gives every category the same
 * height, so each row is as tall as the longest label needs.
 */
export function horizontalChartHeight(labels: readonly (string | string[])[]): number {
  const lines = Math.max(1, ...labels.map((label) => (Array.isArray(label) ? label.length : 1)));
  const row = Math.max(MIN_ROW, lines * LINE_HEIGHT + 8);
  return Math.max(labels.length, 1) * row + AXIS_ALLOWANCE;
}

/** Characters per line of a label beside a bar. */
export function labelWidth(ctx: ChartContext): number {
  return ctx.isCompact ? 16 : 28;
}

/**
 * Splits a long label into lines of about `width` characters, so that long theme names stay
 * readable beside a bar on a phone instead of squeezing the bars or being cut off.
 */
export function wrapLabel(label: string, width: number): string | string[] {
  if (label.length <= width) return label;
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

interface HorizontalBarOptions {
  /** Formats values on the value axis and in tooltips. */
  format: (value: number) => string;
  /** Upper bound of the value axis (1 for shares). */
  max?: number;
  isStacked?: boolean;
}

/**
 * Options of a horizontal bar chart. Right to left, the categories stand on the right and the
 * bars grow leftwards, as the reader's eye travels; legends and tooltips read right to left.
 */
export function horizontalBarOptions(ctx: ChartContext, options: HorizontalBarOptions): ChartOptions<"bar"> {
  const { format } = options;
  return {
    ...commonOptions(ctx),
    indexAxis: "y",
    scales: {
      y: {
        position: ctx.isRtl ? "right" : "left",
        stacked: options.isStacked ?? false,
        grid: { display: false },
        ticks: { autoSkip: false, color: "#1c1c1c" },
      },
      x: {
        position: "bottom",
        reverse: ctx.isRtl,
        beginAtZero: true,
        stacked: options.isStacked ?? false,
        ...(options.max !== undefined ? { max: options.max } : {}),
        ticks: { color: "#4a4a4a", callback: (value) => format(Number(value)), maxTicksLimit: 6 },
      },
    },
    plugins: {
      ...commonOptions(ctx).plugins,
      tooltip: {
        ...tooltipDirection(ctx),
        callbacks: { label: (item: TooltipItem<"bar">) => tooltipLabel(ctx, item.dataset.label, item.parsed.x, format) },
      },
    },
  };
}

/** Options of a line chart over days: right to left, time runs leftwards and the values axis stands on the right. */
export function lineOptions(ctx: ChartContext, format: (value: number) => string): ChartOptions<"line"> {
  return {
    ...commonOptions(ctx),
    interaction: { mode: "index", intersect: false },
    scales: {
      x: { reverse: ctx.isRtl, grid: { display: false }, ticks: { color: "#4a4a4a", maxRotation: 0, autoSkipPadding: 12 } },
      y: {
        position: ctx.isRtl ? "right" : "left",
        beginAtZero: true,
        ticks: { color: "#4a4a4a", precision: 0, callback: (value) => format(Number(value)) },
      },
    },
    plugins: {
      ...commonOptions(ctx).plugins,
      tooltip: {
        ...tooltipDirection(ctx),
        callbacks: { label: (item: TooltipItem<"line">) => tooltipLabel(ctx, item.dataset.label, item.parsed.y, format) },
      },
    },
  };
}

/** "Label: value" as the reader punctuates it, the value formatted. */
export function tooltipLabel(ctx: ChartContext, label: string | undefined, value: number | null, format: (value: number) => string): string {
  const text = value === null ? SUPPRESSED : format(value);
  return label ? ctx.t("labelValue", { label, value: text }) : text;
}

function commonOptions(ctx: ChartContext) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    // Tick numbers follow the reader's language (chart.js formats them with Intl).
    locale: ctx.intlLocale,
    animation: ctx.isAnimated ? { duration: 300 } : (false as const),
    // The legend is HTML under the canvas (`ChartView.legend`).
    plugins: { legend: { display: false } },
  };
}

function tooltipDirection(ctx: ChartContext) {
  return { rtl: ctx.isRtl, textDirection: ctx.isRtl ? "rtl" : "ltr" };
}
