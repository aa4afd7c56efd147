import { BarController, BarElement, CategoryScale, Chart as ChartJS, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";
import { Chart } from "react-chartjs-2";
import type { ChartView } from "./chart-view";

// Only what the dashboard draws, so the rest of chart.js is left out of the bundle.
// The legend is HTML (see `ChartView.legend`), so chart.js's own is not registered.
ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip);
// The app's own font stack, Arabic included, instead of chart.js's Helvetica.
ChartJS.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", Tahoma, sans-serif';
ChartJS.defaults.font.size = 13;

/**
 * Mounts a chart built by a `*.chart.ts` function. The canvas is an image to assistive
 * technologies, named by the builder's summary; the numbers themselves are in the table.
 */
export function ChartCanvas({ view }: { view: ChartView }) {
  const { config, summary } = view;
  return (
    <div className="chart-canvas" style={{ blockSize: `${view.height}px` }}>
      {config.type === "bar" ? (
        <Chart type="bar" data={config.data} options={config.options ?? {}} role="img" aria-label={summary} />
      ) : (
        <Chart type="line" data={config.data} options={config.options ?? {}} role="img" aria-label={summary} />
      )}
    </div>
  );
}
