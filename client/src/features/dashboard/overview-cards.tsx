import { isSuppressed, type AnalyticsOverview, type AnalyticsQuestion } from "@passerelle/shared";
import { useMessages } from "../../i18n/i18n-context";
import type { ChartContext } from "./chart-view";
import { dashboardMessages } from "./dashboard.messages";
import { intentShares } from "./intent";

interface OverviewCardsProps {
  overview: AnalyticsOverview;
  /** The cooperation intent question's figures, when the questionnaire has it. */
  intent: AnalyticsQuestion | null;
  hasPeriod: boolean;
  ctx: ChartContext;
}

/** The first row: submitted responses, drafts, and (census) who wants a new partnership or a relaunch. */
export function OverviewCards({ overview, intent, hasPeriod, ctx }: OverviewCardsProps) {
  const { t } = useMessages(dashboardMessages);
  const { formats } = ctx;
  const shares = intent && !isSuppressed(intent.overall) ? intentShares(intent.overall) : null;
  return (
    <dl className="stat-cards">
      <div className="stat-card" data-stat="submitted">
        <dt>{t("cardSubmitted")}</dt>
        <dd className="stat-value">{overview.respondents === null ? t("cardWithheld") : formats.integer(overview.respondents)}</dd>
      </div>
      <div className="stat-card" data-stat="drafts">
        <dt>{t("cardDrafts")}</dt>
        <dd className="stat-value">{overview.drafts === null ? t("cardWithheld") : formats.integer(overview.drafts)}</dd>
        {hasPeriod && <dd className="stat-note">{t("cardDraftsNote")}</dd>}
      </div>
      {intent && (
        <div className="stat-card stat-card-wide" data-stat="intent">
          <dt>{t("cardIntent")}</dt>
          {shares ? (
            <>
              <dd className="stat-pair" data-intent="develop_new">
                <span className="stat-value">{shares.newShare === null ? "—" : formats.percent(shares.newShare)}</span>
                <span>{t("intentNew")}</span>
              </dd>
              <dd className="stat-pair" data-intent="relaunch_previous">
                <span className="stat-value">{shares.relaunchShare === null ? "—" : formats.percent(shares.relaunchShare)}</span>
                <span>{t("intentRelaunch")}</span>
              </dd>
              <dd className="stat-note">{t("intentBase", { count: formats.integer(shares.base) })}</dd>
            </>
          ) : (
            <dd className="stat-value">—</dd>
          )}
        </div>
      )}
    </dl>
  );
}
