import { useState } from "react";
import { useMessages } from "../../i18n/i18n-context";
import type { ChartContext } from "./chart-view";
import { DashboardSection } from "./dashboard-section";
import type { DashboardQuestionnaire, QuestionSection } from "./dashboard-questionnaire";
import { dashboardMessages } from "./dashboard.messages";
import { QuestionCard } from "./question-card";

interface QuestionsSectionProps {
  surveyId: string;
  questionnaire: DashboardQuestionnaire;
  query: string;
  ctx: ChartContext;
}

/**
 * Every question with statistics, by part of the questionnaire. A part's charts mount only
 * when it is opened, and each loads when scrolled into view.
 */
export function QuestionsSection({ surveyId, questionnaire, query, ctx }: QuestionsSectionProps) {
  const { t } = useMessages(dashboardMessages);
  return (
    <DashboardSection title={t("questionsTitle")}>
      <p className="muted">{t("questionsIntro")}</p>
      <div className="details-list">
        {questionnaire.sections.map((section) => (
          <SectionEntry key={section.name} section={section} surveyId={surveyId} query={query} ctx={ctx} />
        ))}
      </div>
    </DashboardSection>
  );
}

function SectionEntry({ section, surveyId, query, ctx }: { section: QuestionSection; surveyId: string; query: string; ctx: ChartContext }) {
  const { t } = useMessages(dashboardMessages);
  const [isOpen, setOpen] = useState(false);
  const count = section.groups.reduce((sum, group) => sum + group.questions.length, 0);
  return (
    <details className="details-entry" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <bdi className="details-title">{section.title}</bdi>
        <span className="details-meta">{t("questionCount", { count: ctx.formats.integer(count) })}</span>
      </summary>
      {isOpen && (
        <div className="details-body">
          {section.groups.map((group, index) => (
            <div key={index} className="question-group">
              {group.title && (
                <h3 className="group-title">
                  <bdi>{group.title}</bdi>
                </h3>
              )}
              {group.questions.map((question) => (
                <QuestionCard key={question.name} surveyId={surveyId} question={question} query={query} headingLevel={group.title ? 4 : 3} ctx={ctx} />
              ))}
            </div>
          ))}
        </div>
      )}
    </details>
  );
}
