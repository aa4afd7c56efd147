import fs from "node:fs";
import os from "node:os";

/** Runs an action and returns how long it took in milliseconds. */
export async function time<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await action();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Samples the resident set size every 10 ms while the action runs; returns the peak. */
export async function measurePeakRss<T>(action: () => Promise<T>): Promise<T & { peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const value = await action();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { ...value, peakRssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Prints rows (same keys) as a Markdown table, with the machine it ran on. When BENCH_RESULTS
 * names a file, the table is also appended to it as one JSON line, for the summary of
 * `npm run bench` to collect.
 */
export function printTable(title: string, rows: Record<string, string>[]): void {
  const keys = Object.keys(rows[0] ?? {});
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`\n### ${title}\n\n${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
  console.log(`| ${keys.join(" | ")} |`);
  console.log(`|${keys.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${keys.map((key) => row[key]).join(" | ")} |`);
  console.log("");
  const results = process.env.BENCH_RESULTS;
  if (results) fs.appendFileSync(results, `${JSON.stringify({ title, rows } satisfies BenchTable)}\n`);
}

/** One printed table, as `printTable` records it for the summary. */
export interface BenchTable {
  title: string;
  rows: Record<string, string>[];
}

/**
 * Health-check latencies (ms), one probe after another, each on a new connection (as a load
 * balancer's probe); a probe that fails counts with the time it took to fail.
 */
export async function healthLatencies(origin: string, probes: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let probe = 0; probe < probes; probe += 1) {
    const started = performance.now();
    await fetch(`${origin}/api/health`, { headers: { Connection: "close" } }).then(
      (res) => res.arrayBuffer(),
      () => undefined,
    );
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return latencies;
}
