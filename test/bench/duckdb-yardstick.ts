import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { Store } from "../../server/src/store/store.port";
import { time } from "./bench-tools";

/** DuckDB on the same responses: the theme figures of the dashboard, as one SQL query. */
export interface DuckDbYardstick {
  /** Writing the NDJSON and loading it into a table. */
  loadMs: number;
  /** The query on the loaded table, median of three runs. */
  queryMs: number;
  /** Rows the query gives (theme × group), to check it computed what the fold does. */
  figures: number;
}

/**
 * Exports what the theme figures read (governorate, the ranked themes) as NDJSON, loads it into
 * an in-memory DuckDB table and times the query computing, for every theme, overall and per
 * governorate: times cited, Borda score, first places and mean rank, with each group's
 * respondents.
 */
export async function measureDuckDb(store: Store, surveyId: string, bordaBase: number): Promise<DuckDbYardstick> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-duckdb-")), "responses.ndjson");
  const instance = await DuckDBInstance.create(":memory:", { threads: String(os.availableParallelism()) });
  const connection = await instance.connect();
  try {
    const { ms: loadMs } = await time(async () => {
      const out = fs.createWriteStream(file);
      for await (const response of store.responses.stream({ surveyId, status: "submitted" })) {
        const { governorate, priority_themes: ranked } = response.answers;
        out.write(`${JSON.stringify({ governorate, ranked })}\n`);
      }
      await new Promise((resolve) => out.end(resolve));
      await connection.run(
        `CREATE TABLE responses AS SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = { governorate: 'VARCHAR', ranked: 'VARCHAR[]' })`,
      );
    });
    const query = `
      WITH ranks AS (
        SELECT governorate, unnest(ranked[1:${bordaBase}]) AS theme, generate_subscripts(ranked[1:${bordaBase}], 1) AS position FROM responses
      ),
      groups AS (
        SELECT coalesce(governorate, '*') AS grp, count(*) AS respondents FROM responses GROUP BY GROUPING SETS ((), (governorate))
      ),
      figures AS (
        SELECT coalesce(governorate, '*') AS grp, theme, count(*) AS cited, sum(${bordaBase + 1} - position) AS score,
               count(*) FILTER (WHERE position = 1) AS firsts, avg(position) AS mean_rank
          FROM ranks GROUP BY GROUPING SETS ((theme), (governorate, theme))
      )
      SELECT figures.*, groups.respondents, figures.cited / groups.respondents AS share FROM figures JOIN groups USING (grp)`;
    const runs: number[] = [];
    let figures = 0;
    for (let run = 0; run < 3; run += 1) {
      const { ms, value } = await time(async () => (await connection.runAndReadAll(query)).getRows());
      runs.push(ms);
      figures = value.length;
    }
    runs.sort((a, b) => a - b);
    return { loadMs, queryMs: runs[1] ?? 0, figures };
  } finally {
    connection.closeSync();
    instance.closeSync();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
