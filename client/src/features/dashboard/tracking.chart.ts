import type { AnalyticsOverview } from "@passerelle/shared";
import { lineOptions, seriesColour, SUPPRESSED, type ChartContext, type ChartView, type LineConfig } from "./chart-view";

type Tracking = AnalyticsOverview["tracking"];

const DAY_MS = 24 * 3600 * 1000;

/**
 * Responses started and submitted per day, as a line chart. The API lists active days only; the
 * chart fills the quiet days in between with zeros so the line does not skip over them, while
 * the table lists the active days only. Controlled figures come by calendar month, a month's
 * submissions possibly withheld (a gap in the line, "—" in the table).
 */
export function trackingChart(tracking: Tracking, title: string, ctx: ChartContext): ChartView | null {
  const first = tracking[0];
  const last = tracking[tracking.length - 1];
  if (!first || !last) return null;
  const isMonthly = first.date.length === 7;
  const days = isMonthly ? tracking : fillQuietDays(tracking);
  const { formats, t } = ctx;
  const started = t("trackingStarted");
  const submitted = t("trackingSubmitted");
  const config: LineConfig = {
    type: "line",
    data: {
      labels: days.map((day) => formats.shortDate(day.date)),
      datasets: [
        dataset(
          started,
          days.map((day) => day.started),
          seriesColour(1),
        ),
        dataset(
          submitted,
          days.map((day) => day.submitted),
          seriesColour(0),
        ),
      ],
    },
    options: lineOptions(ctx, formats.integer),
  };
  const totals = (field: "started" | "submitted") => {
    const values = tracking.map((day) => day[field]);
    return values.includes(null) ? SUPPRESSED : formats.integer(values.reduce<number>((sum, value) => sum + (value ?? 0), 0));
  };
  return {
    config,
    summary: t("trackingSummary", {
      title,
      from: formats.date(first.date),
      to: formats.date(last.date),
      started: totals("started"),
      submitted: totals("submitted"),
    }),
    table: {
      caption: title,
      columns: [t("colDate"), started, submitted],
      rows: tracking.map((day) => ({
        header: formats.date(day.date),
        cells: [formats.integer(day.started), day.submitted === null ? SUPPRESSED : formats.integer(day.submitted)],
      })),
      notes: isMonthly ? [] : [t("trackingTableNote")],
    },
    legend: [
      { label: started, colour: seriesColour(1) },
      { label: submitted, colour: seriesColour(0) },
    ],
    height: 260,
  };
}

/** Every day from the first to the last active day, quiet days at zero. */
export function fillQuietDays(tracking: Tracking): Tracking {
  const first = tracking[0];
  const last = tracking[tracking.length - 1];
  if (!first || !last) return [];
  const byDate = new Map(tracking.map((day) => [day.date, day]));
  const days: Tracking = [];
  for (let time = Date.parse(`${first.date}T00:00:00Z`); time <= Date.parse(`${last.date}T00:00:00Z`); time += DAY_MS) {
    const date = new Date(time).toISOString().slice(0, 10);
    days.push(byDate.get(date) ?? { date, started: 0, submitted: 0 });
  }
  return days;
}

function dataset(label: string, data: (number | null)[], colour: string) {
  return {
    label,
    data,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 2,
    pointRadius: 3,
    tension: 0,
  };
}
