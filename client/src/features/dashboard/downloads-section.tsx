import { useMessages } from "../../i18n/i18n-context";
import { DashboardSection } from "./dashboard-section";
import { dashboardMessages } from "./dashboard.messages";
import { exportLinks, type RepeatDownload } from "./export-links";

/** Links to the exports of what the dashboard shows, filters included; raw responses for analysts only. */
export function DownloadsSection({
  surveyId,
  query,
  withRawResponses,
  repeats,
}: {
  surveyId: string;
  query: string;
  withRawResponses: boolean;
  repeats: readonly RepeatDownload[];
}) {
  const { t, locale } = useMessages(dashboardMessages);
  return (
    <DashboardSection title={t("downloadsTitle")}>
      <p>{t("downloadsIntro")}</p>
      <ul className="downloads-list">
        {exportLinks(surveyId, query, locale, withRawResponses, repeats).map((link) => (
          <li key={link.href}>
            <a className="button" href={link.href} download>
              {t(link.label, link.params)}
            </a>
          </li>
        ))}
      </ul>
    </DashboardSection>
  );
}
