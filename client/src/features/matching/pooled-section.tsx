import type { AmountRange, MatchingLabels } from "@passerelle/shared";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useLoader } from "../../lib/use-loader";
import { labelOf } from "./matching-labels";
import { getPooled } from "./matching.api";
import { matchingMessages, type MatchingKey } from "./matching.messages";

/** The pooled « Clés en main » proposals, one per theme, with what each still lacks. */
export function PooledSection({ labels }: { labels: MatchingLabels }) {
  const { t, locale, intlLocale } = useMessages(matchingMessages);
  const [loaded] = useLoader((signal) => getPooled(locale, signal), [locale]);
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
  const amount = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 0 });
  const range = (value: AmountRange, bounded: MatchingKey, open: MatchingKey) =>
    value.high === null ? t(open, { low: amount.format(value.low) }) : t(bounded, { low: amount.format(value.low), high: amount.format(value.high) });
  const { proposals } = loaded.data;
  return (
    <section aria-labelledby="pooled-title" className="admin-section">
      <h2 id="pooled-title">{t("tabPooled")}</h2>
      <p>{t("pooledLead")}</p>
      {proposals.length === 0 && <p>{t("noPooled")}</p>}
      <div className="pooled-list">
        {proposals.map((proposal) => (
          <article key={proposal.theme} className={`pooled-card${proposal.isComplete ? " is-complete" : ""}`} aria-labelledby={`pooled-${proposal.theme}`}>
            <h3 id={`pooled-${proposal.theme}`}>{labelOf(labels.themes, proposal.theme, locale)}</h3>
            <p className="badge">{t(proposal.isComplete ? "pooledComplete" : "pooledIncomplete")}</p>
            {proposal.missingText.length > 0 && (
              <ul className="pooled-missing">
                {proposal.missingText.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            )}
            <h4>{t("pooledMembers", { count: String(proposal.members.length) })}</h4>
            <ul>
              {proposal.members.map((member) => (
                <li key={member.id}>
                  {member.name}
                  {member.interest === "maybe" && ` (${t("pooledMaybe")})`}
                </li>
              ))}
            </ul>
            <h4>{t("pooledServed", { count: String(proposal.served.reduce((sum, group) => sum + group.authorities.length, 0)) })}</h4>
            <ul>
              {proposal.served.map((group) => (
                <li key={group.governorate ?? "none"}>
                  <strong>{group.governorate ? labelOf(labels.governorates, group.governorate, locale) : t("unknownGovernorate")}</strong>
                  {": "}
                  {group.authorities.map((authority) => authority.name).join(", ")}
                </li>
              ))}
            </ul>
            <p>{range(proposal.envelopeEur, "pooledEnvelope", "pooledEnvelopeOpen")}</p>
            <p>{range(proposal.needsUsd, "pooledNeeds", "pooledNeedsOpen")}</p>
          </article>
        ))}
      </div>
    </section>
  );
}
