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
import { questionView, type QuestionView } from "./question.chart";
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
  const view = useMemo(() => (data && !isSuppressed(data.overall) ? questionView(question, data.overall, ctx) : null), [data, question, ctx]);
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
  } else if (view) {
    body = <QuestionViewBody view={view} headingLevel={headingLevel} />;
  }

  return (
    <article ref={ref} className="question-card" aria-busy={result.isLoading && isInView}>
      {/* The questionnaire's words may be in another language than the page's (Spanish in Arabic): isolated, "¿Qué…?" stays whole. */}
      <Heading className="question-title">
        <bdi>{question.title}</bdi>
      </Heading>
      {body}
    </article>
  );
}

/** A question's view: a chart, a table, a message, or a group's parts each under its title. */
function QuestionViewBody({ view, headingLevel }: { view: QuestionView; headingLevel: 3 | 4 }) {
  switch (view.kind) {
    case "chart":
      return <ChartPanel view={view.chart} />;
    case "table":
      return <DataTable table={view.table} />;
    case "message":
      return <p className="muted">{view.text}</p>;
    case "parts": {
      const PartHeading = headingLevel === 3 ? "h4" : "h5";
      return (
        <div className="question-parts">
          {view.notes.map((note) => (
            <p key={note} className="muted">
              {note}
            </p>
          ))}
          {view.parts.map((part) => (
            <section key={part.name} className="question-part">
              <PartHeading className="question-part-title">
                <bdi>{part.title}</bdi>
              </PartHeading>
              <QuestionViewBody view={part.view} headingLevel={4} />
            </section>
          ))}
        </div>
      );
    }
  }
}
