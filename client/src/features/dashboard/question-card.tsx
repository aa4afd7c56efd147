import { isSuppressed } from "@passerelle/shared";
import { useMemo, useRef } from "react";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { ChartPanel } from "./chart-panel";
import type { ChartContext } from "./chart-view";
import { getQuestion } from "./dashboard.api";
import type { StatQuestion } from "./dashboard-questionnaire";
import { dashboardMessages } from "./dashboard.messages";
import { DataTable } from "./data-table";
import { questionView } from "./question.chart";
import { useInView } from "./use-in-view";
import { useRefreshingLoader } from "./use-refreshing-loader";

interface QuestionCardProps {
  surveyId: string;
  question: StatQuestion;
  /** The filters as a query string. */
  query: string;
  headingLevel: 3 | 4;
  ctx: ChartContext;
}

/** One question's figures, fetched once the card comes near the viewport, and again when the filters change. */
export function QuestionCard({ surveyId, question, query, headingLevel, ctx }: QuestionCardProps) {
  const { t } = useMessages(dashboardMessages);
  const ref = useRef<HTMLElement>(null);
  const isInView = useInView(ref);
  const result = useRefreshingLoader(
    (signal) => (isInView ? getQuestion(surveyId, question.name, query, signal) : Promise.resolve(null)),
    [surveyId, question.name, query, isInView],
  );
  const data = result.data;
  const view = useMemo(
    () => (data && !isSuppressed(data.overall) ? questionView(question, data.overall, ctx) : null),
    [data, question, ctx],
  );
  const Heading = headingLevel === 3 ? "h3" : "h4";

  let body;
  if (result.error !== undefined && !result.isLoading) {
    body = (
      <p className="alert alert-error" role="alert">
        {t("questionFailed", { reason: t(errorMessageKey(result.error)) })}{" "}
        <button type="button" className="link-button" onClick={result.reload}>
          {t("retry")}
        </button>
      </p>
    );
  } else if (!data) {
    body = <p className="muted">{t("questionLoading")}</p>;
  } else if (isSuppressed(data.overall)) {
    body = <p className="muted">{t("questionSuppressed", { min: ctx.formats.integer(data.minGroupSize) })}</p>;
  } else if (view?.kind === "chart") {
    body = <ChartPanel view={view.chart} />;
  } else if (view?.kind === "table") {
    body = <DataTable table={view.table} />;
  } else if (view?.kind === "message") {
    body = <p className="muted">{view.text}</p>;
  }

  return (
    <article ref={ref} className="question-card" aria-busy={result.isLoading && isInView}>
      <Heading className="question-title">{question.title}</Heading>
      {body}
    </article>
  );
}
