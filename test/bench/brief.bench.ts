/**
 * The Word brief's pictures: what drawing a map of Lebanon costs on the server, beside the bar
 * chart the same document already draws (the yardstick, measured in the same run). Each figure
 * is the median of RUNS drawings, each with fills of its own so that none is served from the
 * drawings kept in memory. A census brief draws one map for the front page, three for the top
 * themes and one per theme cited (up to 20 maps for its 16 themes), its top three twice.
 *
 * Run with `npm run bench:brief`; runs with BENCH_RUNS.
 */
import { barChartPng } from "../../server/src/brief/bar-chart-png";
import { boundaryAreas } from "../../server/src/brief/map-boundaries";
import { choroplethPng } from "../../server/src/brief/map-png";
import { CLASS_COLOURS, type AreaLevel } from "@passerelle/shared";
import { printTable } from "./bench-tools";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(action: () => Buffer): { ms: number; bytes: number } {
  const start = process.hrtime.bigint();
  const png = action();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, bytes: png.length };
}

function drawMap(level: AreaLevel, run: number): Buffer {
  const codes = boundaryAreas(level).map((area) => area.code);
  // Fills of the run's own (a shade no other run uses): the first area withheld, the others in colours of their own.
  const byte = (value: number) => (value & 0xff).toString(16).padStart(2, "0");
  return choroplethPng(level, (code) => {
    const index = codes.indexOf(code);
    if (index === 0) return { kind: "suppressed" };
    return { kind: "class", colour: `#${byte(run + 1)}${byte(index * 9)}${CLASS_COLOURS[index % CLASS_COLOURS.length]!.slice(5)}` };
  });
}

function main(): void {
  // Warm up: the boundary files read, the projections worked out, the code compiled.
  drawMap("district", -1);
  drawMap("governorate", -1);
  const bars = Array.from({ length: 16 }, (_, index) => ({ fraction: (index + 1) / 16, colour: "#2f6f8f" }));
  const yardstick = Array.from({ length: RUNS }, () => timed(() => barChartPng(bars)));
  const rows = (["district", "governorate"] as const).map((level) => {
    const drawings = Array.from({ length: RUNS }, (_, run) => timed(() => drawMap(level, run)));
    const ms = median(drawings.map((drawing) => drawing.ms));
    const bar = median(yardstick.map((drawing) => drawing.ms));
    return {
      map: `by ${level}`,
      "map drawn (median)": `${ms.toFixed(1)} ms`,
      "map PNG": `${Math.round(drawings[0]!.bytes / 1024)} KiB`,
      "16-bar chart (yardstick)": `${bar.toFixed(2)} ms`,
      "map ÷ bar chart": `${(ms / bar).toFixed(0)}×`,
      "20 maps (a census brief)": `${((20 * ms) / 1000).toFixed(2)} s`,
    };
  });
  printTable(`Word brief's maps (${RUNS} runs)`, rows);
}

main();
