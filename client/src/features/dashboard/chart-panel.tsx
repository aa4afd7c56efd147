import { useState } from "react";
import { useMessages } from "../../i18n/i18n-context";
import { ChartCanvas } from "./chart-canvas";
import type { ChartView } from "./chart-view";
import { dashboardMessages } from "./dashboard.messages";
import { DataTable, TableNotes } from "./data-table";

/**
 * A chart with its "Table" toggle: pressed, the same numbers appear as an HTML table (what
 * analysts copy into briefings, and what screen reader users read) in place of the drawing.
 */
export function ChartPanel({ view }: { view: ChartView }) {
  const { t } = useMessages(dashboardMessages);
  const [isTable, setTable] = useState(false);
  return (
    <div className="chart-panel">
      <div className="chart-toolbar">
        <button type="button" className="toggle-button" aria-pressed={isTable} onClick={() => setTable((value) => !value)}>
          {t("showTable")}
        </button>
      </div>
      {isTable ? (
        <DataTable table={view.table} />
      ) : (
        <>
          <ChartCanvas view={view} />
          {view.legend.length > 0 && (
            <ul className="chart-legend">
              {view.legend.map((item) => (
                <li key={item.label}>
                  <span className="swatch" style={{ backgroundColor: item.colour }} aria-hidden="true" />
                  {item.label}
                </li>
              ))}
            </ul>
          )}
          <TableNotes notes={view.table.notes} />
        </>
      )}
    </div>
  );
}
