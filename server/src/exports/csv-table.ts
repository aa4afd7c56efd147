import { headersOf, repeatEntries, type ExportLayout, type RepeatTable } from "@passerelle/shared";
import type { ResponseFilter, Store } from "../store/store.port";
import { compileCsvLine, csvLineOf } from "./csv-format";
import { CSV_CHUNK_CHARACTERS } from "./csv-stream";
import type { CsvOptions } from "./export-options";

/**
 * A table of raw responses as CSV text: its header line, then one line per response (or per
 * entry of a repeat table), each built straight from the response by the plan compiled once
 * here, gathered into chunks of many lines: one write, one turn of the event loop and one check
 * of the client per chunk rather than per row. Runs in a worker thread (csv-export.worker.ts)
 * or, without one, in the request's thread.
 */
export async function* tableText(
  store: Pick<Store, "responses">,
  source: { layout: ExportLayout; filter: ResponseFilter },
  table: RepeatTable | undefined,
  options: CsvOptions,
): AsyncIterable<string> {
  const { layout, filter } = source;
  const columns = table?.columns ?? layout.columns;
  const lineOf = compileCsvLine(columns, layout, options);
  yield `${csvLineOf(headersOf(columns, layout, options), options.delimiter)}\r\n`;
  let text = "";
  for await (const response of store.responses.stream(filter)) {
    if (table === undefined) text += `${lineOf(response)}\r\n`;
    else for (const entry of repeatEntries(table, layout, response)) text += `${lineOf(response, entry)}\r\n`;
    if (text.length >= CSV_CHUNK_CHARACTERS) {
      yield text;
      text = "";
    }
  }
  if (text !== "") yield text;
}
