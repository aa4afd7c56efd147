import { useI18n } from "../../i18n/i18n-context";
import { DashboardSection } from "./dashboard-section";
import { exportLinks } from "./export-links";

/** Links to the CSV exports of what the dashboard shows, filters included. */
export function DownloadsSection({ surveyId, query }: { surveyId: string; query: string }) {
  const { t, locale } = useI18n();
  return (
    <DashboardSection title={t("downloadsTitle")}>
      <p>{t("downloadsIntro")}</p>
      <ul className="downloads-list">
        {exportLinks(surveyId, query, locale).map((link) => (
          <li key={link.href}>
            <a className="button" href={link.href} download>
              {t(link.label)}
            </a>
          </li>
        ))}
      </ul>
    </DashboardSection>
  );
}
