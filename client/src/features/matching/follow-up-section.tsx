import { INTRODUCTION_STATES, INTRODUCTION_STATE_LABELS, isSuppressed, type FunnelView, type MaybeSuppressed } from "@passerelle/shared";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useLoader } from "../../lib/use-loader";
import { labelOf } from "./matching-labels";
import { getFunnel } from "./matching.api";
import { matchingMessages } from "./matching.messages";
// Shown on the matchmaking page and on the census's dashboard: it brings its own styles.
import "../access/access.css";
import "./matching.css";

/**
 * The follow-up in figures, for every staff member viewers included: introductions per state,
 * per theme and per governorate, small cells withheld by the server. On the matchmaking page and
 * on the dashboard of the questionnaire whose authorities are matched.
 */
export function FollowUpSection({ className = "admin-section" }: { className?: string }) {
  const { t, locale, intlLocale } = useMessages(matchingMessages);
  const [loaded] = useLoader((signal) => getFunnel(signal), []);
  if (loaded.status === "loading")
    return (
      <p className="loading" role="status">
        {t("loading")}
      </p>
    );
  if (loaded.status === "error") {
    return (
      <Alert tone="error">
        <p>{t(errorMessageKey(loaded.error))}</p>
      </Alert>
    );
  }
  const funnel = loaded.data;
  const integer = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 0 });
  const cell = (value: MaybeSuppressed<{ count: number }>) =>
    isSuppressed(value) ? t("suppressed", { min: integer.format(funnel.minGroupSize) }) : integer.format(value.count);
  // Viewers are not given the cross-tables (see the server's followUpFunnel): none is drawn.
  const table = (caption: string, rows: { key: string; label: string; states: FunnelView["states"] }[]) =>
    rows.length > 0 && (
      // Wider than a phone: it scrolls, so a keyboard user must be able to reach and scroll it.
      <div className="admin-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="admin-table figures-table funnel-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col" />
              {INTRODUCTION_STATES.map((state) => (
                <th key={state} scope="col">
                  {INTRODUCTION_STATE_LABELS[locale][state]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {INTRODUCTION_STATES.map((state) => (
                  <td key={state}>{cell(row.states[state])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  return (
    <section aria-labelledby="funnel-title" className={className}>
      <h2 id="funnel-title">{t("tabFollowUp")}</h2>
      <p>{t("funnelLead", { min: integer.format(funnel.minGroupSize) })}</p>
      <p className="funnel-total">
        {t("funnelTotal")} : {cell(funnel.total)}
      </p>
      {table(t("funnelState"), [{ key: "all", label: t("funnelTotal"), states: funnel.states }])}
      {table(
        t("funnelByTheme"),
        funnel.byTheme.map((row) => ({ key: row.theme, label: labelOf(funnel.labels.themes, row.theme, locale), states: row.states })),
      )}
      {table(
        t("funnelByGovernorate"),
        funnel.byGovernorate.map((row) => ({ key: row.governorate, label: labelOf(funnel.labels.governorates, row.governorate, locale), states: row.states })),
      )}
    </section>
  );
}
