import { BORDER_COLOUR, HATCH_COLOURS, isRightToLeft } from "@passerelle/shared";
import { Chart as ChartJS, Tooltip, type ChartData, type ChartOptions, type ScriptableContext, type TooltipItem } from "chart.js";
import { ChoroplethController, ColorScale, GeoFeature, ProjectionScale } from "chartjs-chart-geo";
import { useMemo, useState } from "react";
import { Chart } from "react-chartjs-2";
import { useMessages } from "../../i18n/i18n-context";
import { DataTable, TableNotes } from "../dashboard/data-table";
import { numberFormats } from "../dashboard/number-format";
import { buildChoropleth, type AreaFill, type AreaValue, type ChoroplethView } from "./choropleth";
import type { AreaLevel } from "./area-codes";
import { mapsMessages } from "./maps.messages";
// The toggle and the table are styled as the dashboard's; the map's own rules follow.
import "../dashboard/dashboard.css";
import "./maps.css";

// chartjs-chart-geo and the boundaries weigh as much as the rest of the dashboard: this module
// is loaded on its own, when a map is first shown (see lazy-choropleth-map.tsx).
ChartJS.register(ChoroplethController, GeoFeature, ColorScale, ProjectionScale, Tooltip);

export interface ChoroplethMapProps {
  /** Districts (caza) or governorates (mohafazat). */
  level: AreaLevel;
  /**
   * Each area's figure by answer code (`tyre`, `north`): a number, `"suppressed"` (drawn
   * hatched as "too few to show"), or absent (blank, "no answers").
   */
  values: Readonly<Record<string, AreaValue | undefined>>;
  /** What the figures are, in the reader's language: the caption, the table's heading. */
  label: string;
  /** `screen` (default): fills its column, with a "Table" toggle. `print`: a fixed size for an A4 page, sharp when printed, no toggle. */
  size?: "screen" | "print";
  /** Writes a figure; whole numbers in the reader's language by default. */
  format?: (value: number) => string;
  /** Names of the areas in the reader's language (the questionnaire's choice labels); the code otherwise. */
  areaLabels?: ReadonlyMap<string, string>;
}

/**
 * A choropleth of Lebanon by district or governorate, drawn from the boundary files shipped
 * with the client (no tiles, nothing fetched), with its legend, the boundaries' credit line and,
 * on screen, a "Table" toggle that shows the same figures as an HTML table. Withheld figures
 * are hatched and named in the legend: a reader must never take them for zero.
 */
export default function ChoroplethMap({ level, values, label, size = "screen", format, areaLabels }: ChoroplethMapProps) {
  const { t, locale, intlLocale } = useMessages(mapsMessages);
  const [isTable, setTable] = useState(false);
  const formatValue = format ?? numberFormats(intlLocale).integer;
  const view = useMemo(
    () => buildChoropleth({ level, values, label, format: formatValue, areaLabel: (code) => areaLabels?.get(code) ?? code, intlLocale, t }),
    [level, values, label, formatValue, areaLabels, intlLocale, t],
  );
  const isPrint = size === "print";
  return (
    <figure className={isPrint ? "choropleth is-print" : "choropleth"}>
      {!isPrint && (
        <div className="chart-toolbar">
          <button type="button" className="toggle-button" aria-pressed={isTable} onClick={() => setTable((value) => !value)}>
            {t("mapShowTable")}
          </button>
        </div>
      )}
      {isTable ? (
        <DataTable table={view.table} />
      ) : (
        <>
          <MapCanvas view={view} isPrint={isPrint} isRtl={isRightToLeft(locale)} />
          <MapLegend view={view} title={t("mapLegendTitle")} />
          <TableNotes notes={view.table.notes} />
        </>
      )}
      <figcaption className="visually-hidden">{view.caption}</figcaption>
    </figure>
  );
}

function MapCanvas({ view, isPrint, isRtl }: { view: ChoroplethView; isPrint: boolean; isRtl: boolean }) {
  const hatch = useMemo(() => hatchPattern(), []);
  const { data, options } = useMemo(() => chartConfig(view, { hatch, isPrint, isRtl }), [view, hatch, isPrint, isRtl]);
  return (
    <div className="choropleth-canvas">
      <Chart type="choropleth" data={data} options={options} role="img" aria-label={view.summary} />
    </div>
  );
}

function MapLegend({ view, title }: { view: ChoroplethView; title: string }) {
  return (
    <div className="choropleth-legend">
      <span className="visually-hidden">{title}</span>
      <ul>
        {view.legend.map((item) => (
          <li key={`${item.fill.kind}-${item.label}`}>
            <span
              className={`swatch ${swatchClass(item.fill)}`}
              style={item.fill.kind === "class" ? { backgroundColor: item.fill.colour } : undefined}
              aria-hidden="true"
            />
            {item.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

function swatchClass(fill: AreaFill): string {
  return fill.kind === "suppressed" ? "is-suppressed" : fill.kind === "none" ? "is-blank" : "";
}

const BLANK = "#ffffff";

/**
 * The chart.js configuration of the map: chartjs-chart-geo draws the areas, but each area's
 * fill is the builder's (its scale's classes, hatching, blank) rather than the extension's colour
 * scale, which has no "withheld" state and is hidden. The map is geography, not text: it is not
 * mirrored right to left; only the tooltip reads right to left.
 */
function chartConfig(view: ChoroplethView, options: { hatch: CanvasPattern | string; isPrint: boolean; isRtl: boolean }) {
  const fillOf = (index: number): CanvasPattern | string => {
    const fill = view.areas[index]?.fill;
    if (!fill || fill.kind === "none") return BLANK;
    return fill.kind === "suppressed" ? options.hatch : fill.colour;
  };
  const data: ChartData<"choropleth"> = {
    labels: view.areas.map((area) => area.label),
    datasets: [
      {
        label: view.caption,
        // The extension reads GeoJSON; our boundary type is that, narrowed.
        outline: view.areas.map((area) => area.feature) as never,
        data: view.areas.map((area) => ({ feature: area.feature as never, value: area.value })),
        backgroundColor: (context: ScriptableContext<"choropleth">) => fillOf(context.dataIndex),
        borderColor: BORDER_COLOUR,
        borderWidth: 0.6,
        hoverBorderWidth: 2,
      },
    ],
  };
  const chartOptions: ChartOptions<"choropleth"> = {
    // Both sizes follow their frame: on paper the frame has a fixed size in centimetres.
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    // Printed maps are drawn at three times the screen's density, so they stay sharp on paper.
    ...(options.isPrint ? { devicePixelRatio: 3 } : {}),
    scales: {
      projection: { axis: "x", projection: "mercator", padding: 4 },
      color: { axis: "x", display: false },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        rtl: options.isRtl,
        textDirection: options.isRtl ? "rtl" : "ltr",
        callbacks: {
          title: () => "",
          label: (item: TooltipItem<"choropleth">) => {
            return view.areas[item.dataIndex]?.tooltip ?? "";
          },
        },
      },
    },
  };
  return { data, options: chartOptions };
}

/** Grey diagonal hatching (the colours the Word brief's maps use too): what "too few to show" looks like on the map and in its legend. */
function hatchPattern(): CanvasPattern | string {
  const fallback = "#bdbdbd";
  if (typeof document === "undefined") return fallback;
  const tile = document.createElement("canvas");
  tile.width = 8;
  tile.height = 8;
  const context = tile.getContext("2d");
  if (!context) return fallback;
  context.fillStyle = HATCH_COLOURS.ground;
  context.fillRect(0, 0, 8, 8);
  context.strokeStyle = HATCH_COLOURS.stripe;
  context.lineWidth = 1.5;
  context.beginPath();
  context.moveTo(0, 8);
  context.lineTo(8, 0);
  context.moveTo(-2, 2);
  context.lineTo(2, -2);
  context.moveTo(6, 10);
  context.lineTo(10, 6);
  context.stroke();
  return context.createPattern(tile, "repeat") ?? fallback;
}
