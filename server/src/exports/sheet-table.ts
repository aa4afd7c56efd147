import {
  compileRowReader,
  headersOf,
  repeatEntries,
  type ExportableResponse,
  type ExportLayout,
  type ExportOptions,
  type RepeatTable,
} from "@passerelle/shared";
import type { ResponseFilter, Store } from "../store/store.port";
import { SHEET_CHUNK_CHARACTERS, SheetXml, type WorkbookCell } from "./xlsx-xml";

/**
 * A table of raw responses as the XML of a workbook's sheet: its start with the header row,
 * one row per response (or per entry of a repeat table) from the row reader compiled once
 * here, the submission time as a date Excel can sort and filter on, then its end; gathered
 * into chunks of many rows. Runs in a worker thread (csv-export.worker.ts) or, without one, in
 * the request's thread, as `tableText` does for CSV.
 */
export async function* sheetTableXml(
  store: Pick<Store, "responses">,
  source: { layout: ExportLayout; filter: ResponseFilter },
  table: RepeatTable | undefined,
  options: ExportOptions & { rightToLeft: boolean },
): AsyncIterable<string> {
  const { layout, filter } = source;
  const columns = table?.columns ?? layout.columns;
  const submittedAt = columns.findIndex((column) => column.kind === "meta" && column.key === "submitted_at");
  const rowOf = compileRowReader(columns, layout, options);
  const xml = new SheetXml(options);
  let text = xml.start(headersOf(columns, layout, options));
  // The submission time straight from the response, as a date: not its text read back.
  const add = (cells: WorkbookCell[], response: ExportableResponse) => {
    if (submittedAt >= 0) cells[submittedAt] = response.submittedAt ?? "";
    text += xml.row(cells);
  };
  yield text;
  text = "";
  for await (const response of store.responses.stream(filter)) {
    if (table === undefined) add(rowOf(response), response);
    else for (const entry of repeatEntries(table, layout, response)) add(rowOf(response, entry), response);
    if (text.length >= SHEET_CHUNK_CHARACTERS) {
      yield text;
      text = "";
    }
  }
  yield `${text}${xml.end()}`;
}
