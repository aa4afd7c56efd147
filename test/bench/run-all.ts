/**
 * Runs every benchmark in turn (`npm run bench`, after a build), each in its own process, then
 * prints one summary table of their key figures and writes it, with the machine it ran on,
 * into docs/performance.md between the summary markers. BENCH_QUICK=1 runs small sizes and
 * short loads, in a couple of minutes, and leaves docs/performance.md alone.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchTable } from "./bench-tools";

const ROOT = path.join(__dirname, "../..");
const PERFORMANCE_DOC = path.join(ROOT, "docs/performance.md");
const START_MARKER = "<!-- bench-summary:start -->";
const END_MARKER = "<!-- bench-summary:end -->";
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const BENCHES = ["ingest", "analytics", "export", "share", "stall", "client"];
const IS_QUICK = process.env.BENCH_QUICK === "1";
const QUICK_ENV = { BENCH_SIZES: "2000", BENCH_INGEST_SECONDS: "3", BENCH_CLIENT_RUNS: "1" };

// The columns worth a place in the summary, by the start of a table's title and of a column's
// name; a table not listed, or whose columns were renamed, shows every column.
const KEY_FIGURES: [title: string, columns: string[]][] = [
  ["Ingest", ["requests/s", "latency p50", "latency p99", "non-2xx"]],
  ["Validation", ["validation per submission"]],
  ["Analytics", ["from scratch, ", "from scratch ÷ DuckDB", "dashboard themes, cold", "dashboard themes after a new answer"]],
  [
    "CSV and XLSX export",
    ["CSV MB/s", "CSV in the request thread", "yardstick", "CSV ÷ yardstick", "CSV first byte", "CSV RSS growth", "XLSX MB/s (target", "XLSX first byte"],
  ],
  ["Census page", ["over the wire", "first question", "warm", "offline"]],
  ["This build's parts", ["brotli"]],
  ["Other requests while", ["health p50", "health max"]],
  ["Export sharing", ["approach", "health p50 during", "health p99 during", "export throughput"]],
  ["Memory held by stalled", ["RSS before", "growth per stalled"]],
  ["Shutdown on SIGTERM", []],
];

function keyFigures(table: BenchTable, row: Record<string, string>): string {
  const [, ...columns] = Object.keys(row);
  const wanted = KEY_FIGURES.find(([title]) => table.title.startsWith(title))?.[1] ?? [];
  const chosen = columns.filter((column) => wanted.some((prefix) => column.startsWith(prefix)));
  return (chosen.length > 0 ? chosen : columns).map((column) => `${column}: ${row[column]}`).join("; ");
}

function summaryOf(tables: BenchTable[], failed: string[], loadBefore: number): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const machine = `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}${IS_QUICK ? " (quick run)" : ""}; load average ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]?.toFixed(1)} at the end (other work on the machine slows every figure).`,
    "",
    "| benchmark | case | key figures |",
    "|---|---|---|",
  ];
  for (const table of tables) {
    for (const row of table.rows) {
      const first = Object.values(row)[0] ?? "";
      lines.push(`| ${table.title} | ${first} | ${keyFigures(table, row)} |`);
    }
  }
  if (failed.length > 0) lines.push("", `Failed: ${failed.join(", ")}.`);
  return lines.join("\n");
}

function writeIntoDoc(summary: string): void {
  const doc = fs.readFileSync(PERFORMANCE_DOC, "utf8");
  const start = doc.indexOf(START_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`${PERFORMANCE_DOC} has no ${START_MARKER} … ${END_MARKER} section`);
  fs.writeFileSync(PERFORMANCE_DOC, `${doc.slice(0, start + START_MARKER.length)}\n${summary}\n${doc.slice(end)}`);
}

function main(): void {
  const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-bench-")), "tables.jsonl");
  const failed: string[] = [];
  const loadBefore = os.loadavg()[0] ?? 0;
  for (const bench of BENCHES) {
    console.log(`\n## ${bench}\n`);
    const run = spawnSync(TSX, [path.join(__dirname, `${bench}.bench.ts`)], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, ...(IS_QUICK ? QUICK_ENV : {}), BENCH_RESULTS: results },
    });
    if (run.status !== 0) failed.push(bench);
  }
  const tables = fs.existsSync(results)
    ? fs
        .readFileSync(results, "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as BenchTable)
    : [];
  const summary = summaryOf(tables, failed, loadBefore);
  console.log(`\n## Summary\n\n${summary}\n`);
  if (IS_QUICK) console.log("Quick run: docs/performance.md left as it is.");
  else writeIntoDoc(summary);
  if (failed.length > 0) process.exitCode = 1;
}

main();
