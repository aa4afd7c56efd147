import { useId, useMemo, useState } from "react";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useLoader } from "../../lib/use-loader";
import { CellText } from "./cell-text";
import type { ChartContext } from "./chart-view";
import { crossTabCsvHref, getCrossTab } from "./cross-tab.api";
import { crossTabMessages } from "./cross-tab.messages";
import { crossableQuestions, crossTabView, defaultAxes, type CrossTabMeasure, type CrossTabView } from "./cross-tab-table";
import { DashboardSection } from "./dashboard-section";
import { SegmentedSwitch } from "./segmented-switch";
import type { DashboardQuestionnaire, StatQuestion } from "./dashboard-questionnaire";
import { TableNotes } from "./data-table";
import "./cross-tab.css";

interface CrossTabSectionProps {
  surveyId: string;
  questionnaire: DashboardQuestionnaire;
  /** The filters, as for every other figure. */
  query: string;
  ctx: ChartContext;
}

/** Two questions crossed (analysts and administrators): counts or shares, and the CSV of the same table. */
export function CrossTabSection({ surveyId, questionnaire, query, ctx }: CrossTabSectionProps) {
  const { t, locale } = useMessages(crossTabMessages);
  const questions = useMemo(() => crossableQuestions(questionnaire), [questionnaire]);
  const initial = useMemo(() => defaultAxes(questionnaire), [questionnaire]);
  const [chosen, setChosen] = useState(initial);
  const [measure, setMeasure] = useState<CrossTabMeasure>("count");
  // A questionnaire changed under the page (or none chosen yet): back to the default pair.
  const axes = chosen && questionnaire.questions.has(chosen.rows) && questionnaire.questions.has(chosen.columns) ? chosen : initial;

  if (!axes) {
    return (
      <DashboardSection title={t("crossTabTitle")}>
        <p className="muted">{t("crossTabNone")}</p>
      </DashboardSection>
    );
  }
  // The same question on both sides says nothing: choosing the rows' question for the columns swaps them.
  const handleRows = (rows: string) => setChosen(rows === axes.columns ? { rows, columns: axes.rows } : { ...axes, rows });
  const handleColumns = (columns: string) => setChosen(columns === axes.rows ? { rows: axes.columns, columns } : { ...axes, columns });
  const measures: { value: CrossTabMeasure; label: string }[] = [
    { value: "count", label: t("crossTabCounts") },
    { value: "row", label: t("crossTabRowShares") },
    { value: "column", label: t("crossTabColumnShares") },
  ];
  return (
    <DashboardSection title={t("crossTabTitle")}>
      <p>{t("crossTabIntro")}</p>
      <div className="map-controls">
        <QuestionSelect label={t("crossTabRows")} questions={questions} value={axes.rows} onChange={handleRows} />
        <QuestionSelect label={t("crossTabColumns")} questions={questions} value={axes.columns} onChange={handleColumns} />
        <SegmentedSwitch legend={t("crossTabMeasure")} value={measure} options={measures} onChange={setMeasure} />
      </div>
      <CrossTable surveyId={surveyId} questionnaire={questionnaire} axes={axes} query={query} measure={measure} ctx={ctx} />
      <ul className="downloads-list">
        {([",", ";"] as const).map((delimiter) => (
          <li key={delimiter}>
            <a className="button" href={crossTabCsvHref(surveyId, axes, query, { locale, delimiter })} download>
              {t(delimiter === "," ? "crossTabDownload" : "crossTabDownloadSemicolon")}
            </a>
          </li>
        ))}
      </ul>
    </DashboardSection>
  );
}

interface CrossTableProps {
  surveyId: string;
  questionnaire: DashboardQuestionnaire;
  axes: { rows: string; columns: string };
  query: string;
  measure: CrossTabMeasure;
  ctx: ChartContext;
}

function CrossTable({ surveyId, questionnaire, axes, query, measure, ctx }: CrossTableProps) {
  const { t } = useMessages(crossTabMessages);
  const [loaded, reload] = useLoader((signal) => getCrossTab(surveyId, axes, query, signal), [surveyId, axes.rows, axes.columns, query]);
  const rows = questionnaire.questions.get(axes.rows);
  const columns = questionnaire.questions.get(axes.columns);
  const view = useMemo(
    () =>
      loaded.status === "ready" && rows && columns && loaded.data.rows.question === rows.name && loaded.data.columns.question === columns.name
        ? crossTabView(loaded.data, { rows, columns, measure }, ctx)
        : undefined,
    [loaded, rows, columns, measure, ctx],
  );
  if (loaded.status === "error") {
    return (
      <Alert tone="error">
        <p>{t("crossTabFailed", { reason: t(errorMessageKey(loaded.error)) })}</p>
        <button type="button" className="button" onClick={reload}>
          {t("retry")}
        </button>
      </Alert>
    );
  }
  if (!view) {
    return (
      <p className="loading" role="status">
        {t("crossTabLoading")}
      </p>
    );
  }
  return <CrossTableView view={view} />;
}

function CrossTableView({ view }: { view: CrossTabView }) {
  return (
    <div className="table-block">
      <div className="table-scroll" role="region" aria-label={view.caption} tabIndex={0}>
        <table className="data-table cross-table">
          <caption>{view.caption}</caption>
          <thead>
            <tr>
              <td />
              {view.columns.map((column, index) => (
                <th key={index} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...view.rows, view.totals].map((row, index) => (
              <tr key={index} className={index === view.rows.length ? "is-total" : undefined}>
                <th scope="row">{row.header}</th>
                {row.cells.map((cell, cellIndex) => (
                  <td key={cellIndex} title={cell.description}>
                    <CellText text={cell.text} description={cell.description} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TableNotes notes={view.notes} />
    </div>
  );
}

function QuestionSelect({
  label,
  questions,
  value,
  onChange,
}: {
  label: string;
  questions: readonly StatQuestion[];
  value: string;
  onChange: (name: string) => void;
}) {
  const id = useId();
  return (
    <label className="map-select" htmlFor={id}>
      <span>{label}</span>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {questions.map((question) => (
          <option key={question.name} value={question.name}>
            {question.title}
          </option>
        ))}
      </select>
    </label>
  );
}
