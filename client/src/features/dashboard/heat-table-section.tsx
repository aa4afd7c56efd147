import type { AnalyticsThemes } from "@passerelle/shared";
import { useMemo } from "react";
import { useMessages } from "../../i18n/i18n-context";
import { CellText } from "./cell-text";
import type { ChartContext } from "./chart-view";
import { DashboardSection } from "./dashboard-section";
import type { StatQuestion } from "./dashboard-questionnaire";
import { dashboardMessages } from "./dashboard.messages";
import { TableNotes } from "./data-table";
import { heatTable } from "./heat-table";

interface HeatTableSectionProps {
  themes: AnalyticsThemes;
  groupField: StatQuestion;
  labels: ReadonlyMap<string, string>;
  /** Theme ids in the order of the themes chart. */
  order: readonly string[];
  ctx: ChartContext;
}

/** Theme × governorate: shares shaded by intensity; withheld cells say why. */
export function HeatTableSection({ themes, groupField, labels, order, ctx }: HeatTableSectionProps) {
  const { t } = useMessages(dashboardMessages);
  const view = useMemo(() => heatTable(themes, { groupField, labels, order }, ctx), [themes, groupField, labels, order, ctx]);
  if (view.columns.length === 0) return null;
  return (
    <DashboardSection title={t("heatTitle", { field: groupField.title })}>
      <div className="table-scroll" role="region" aria-label={view.caption} tabIndex={0}>
        <table className="data-table heat-table">
          <caption>{view.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{view.corner}</th>
              {view.columns.map((column) => (
                <th key={column.value} scope="col">
                  <span className="heat-group">{column.label}</span>
                  {column.base && <span className="heat-base">{column.base}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={row.theme}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, index) => (
                  <td
                    key={view.columns[index]?.value ?? index}
                    style={{ backgroundColor: cell.background, color: cell.colour }}
                    title={cell.description ?? undefined}
                  >
                    <CellText text={cell.text} description={cell.description} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TableNotes notes={view.notes} />
    </DashboardSection>
  );
}
