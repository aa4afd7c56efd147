import { useDeferredValue, useId, useMemo, useState } from "react";
import type { InvitationState, InvitationView, ReissuedInvitation } from "@passerelle/shared";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { LOCALE_NAMES } from "../../i18n/messages";
import { numberFormats } from "../dashboard/number-format";
import { FirstLoadStatus } from "./first-load-status";
import { COLUMN_LABELS } from "./import-problems";
import { choiceLabel, type ChoiceLabels } from "./invitation-labels";
import { countByState, filterInvitations, INVITATION_STATES, toSearchable, type InvitationFilter } from "./invitation-filter";
import { reissueInvitation, revokeInvitation } from "./invitations.api";
import { invitationsMessages, type InvitationsKey } from "./invitations.messages";
import { ReissuedLink } from "./reissued-link";
import type { InvitationListState } from "./use-invitation-list";

const STATE_LABELS: Record<InvitationState, InvitationsKey> = {
  invited: "invitationStateInvited",
  started: "invitationStateStarted",
  submitted: "invitationStateSubmitted",
  revoked: "invitationStateRevoked",
};

// Rows drawn at a time: the whole census (~1,100 authorities, two buttons each) would make every
// keystroke in the filter slow on a modest laptop; the filter is the way to a given authority.
const ROWS_PER_STEP = 200;

interface InvitationsSectionProps {
  surveyId: string;
  list: InvitationListState;
  labels: ChoiceLabels;
  /** After a revoke or a re-issue: the progress figures have changed. */
  onChanged: () => void;
}

/** The invitations, filtered by name and state, with Revoke and New link on each row. */
export function InvitationsSection({ surveyId, list, labels, onChanged }: InvitationsSectionProps) {
  const { t, intlLocale } = useMessages(invitationsMessages);
  const ids = { heading: useId(), caption: useId(), text: useId(), state: useId() };
  const formats = numberFormats(intlLocale);
  const [filter, setFilter] = useState<InvitationFilter>({ text: "", state: "all" });
  const [limit, setLimit] = useState(ROWS_PER_STEP);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<InvitationsKey | null>(null);
  const [reissued, setReissued] = useState<ReissuedInvitation | null>(null);

  const all = list.invitations;
  const searchable = useMemo(() => toSearchable(all ?? []), [all]);
  const counts = useMemo(() => countByState(all ?? []), [all]);
  // Typing stays responsive: the table follows the text a moment later.
  const deferredFilter = useDeferredValue(filter);
  const matching = useMemo(() => filterInvitations(searchable, deferredFilter), [searchable, deferredFilter]);
  const shown = matching.slice(0, limit);

  const changeFilter = (next: InvitationFilter) => {
    setFilter(next);
    setLimit(ROWS_PER_STEP);
  };

  const act = async (invitation: InvitationView, action: () => Promise<void>) => {
    setBusyId(invitation.id);
    setNotice(null);
    setProblem(null);
    try {
      await action();
      onChanged();
    } catch (error) {
      setProblem(errorMessageKey(error));
    } finally {
      setBusyId(null);
    }
  };

  const handleRevoke = (invitation: InvitationView) => {
    if (!window.confirm(t("invitationRevokeConfirm", { name: invitation.authorityName }))) return;
    void act(invitation, async () => {
      list.replace(await revokeInvitation(surveyId, invitation.id));
      // A new link shown for another authority stays: it may not have been copied yet.
      if (reissued?.invitation.id === invitation.id) setReissued(null);
      setNotice(t("invitationRevoked", { name: invitation.authorityName }));
    });
  };

  const handleReissue = (invitation: InvitationView) => {
    if (!window.confirm(t("invitationReissueConfirm", { name: invitation.authorityName }))) return;
    void act(invitation, async () => {
      const result = await reissueInvitation(surveyId, invitation.id);
      list.replace(result.invitation);
      setReissued(result);
    });
  };

  return (
    <section aria-labelledby={ids.heading} className="admin-section">
      <h2 id={ids.heading}>{t("invitationsTitle")}</h2>
      {reissued && <ReissuedLink key={reissued.invitation.id + reissued.link} surveyId={surveyId} reissued={reissued} onDismiss={() => setReissued(null)} />}
      {notice && (
        <Alert tone="info">
          <p>{notice}</p>
        </Alert>
      )}
      {problem && (
        <Alert tone="error">
          <p>{t(problem)}</p>
        </Alert>
      )}
      {!all && <FirstLoadStatus isLoading={list.isLoading} error={list.error} reload={list.reload} failed="invitationsLoadFailed" />}
      {all && all.length === 0 && <p>{t("invitationsEmpty")}</p>}
      {all && all.length > 0 && (
        <>
          <div className="invitation-filters">
            <div>
              <label htmlFor={ids.text}>{t("invitationsFilterName")}</label>
              <input id={ids.text} type="search" value={filter.text} onChange={(event) => changeFilter({ ...filter, text: event.target.value })} />
            </div>
            <div>
              <label htmlFor={ids.state}>{t("invitationsFilterState")}</label>
              <select
                id={ids.state}
                value={filter.state}
                onChange={(event) => changeFilter({ ...filter, state: event.target.value as InvitationFilter["state"] })}
              >
                <option value="all">{t("invitationsStateAll", { count: formats.integer(all.length) })}</option>
                {INVITATION_STATES.map((state) => (
                  <option key={state} value={state}>
                    {t("invitationsStateOption", { label: t(STATE_LABELS[state]), count: formats.integer(counts[state]) })}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p role="status">
            {matching.length === 0
              ? t("invitationsNoMatch")
              : t("invitationsShown", { shown: formats.integer(shown.length), total: formats.integer(matching.length) })}
          </p>
          {shown.length > 0 && (
            <div className="admin-scroll" role="region" aria-labelledby={ids.caption} tabIndex={0}>
              <table className="admin-table invitations-table">
                <caption id={ids.caption}>{t("invitationsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(COLUMN_LABELS.name)}</th>
                    <th scope="col">{t(COLUMN_LABELS.kind)}</th>
                    <th scope="col">{t(COLUMN_LABELS.governorate)}</th>
                    <th scope="col">{t(COLUMN_LABELS.district)}</th>
                    <th scope="col">{t(COLUMN_LABELS.email)}</th>
                    <th scope="col">{t(COLUMN_LABELS.language)}</th>
                    <th scope="col">{t("invitationColState")}</th>
                    <th scope="col">{t("invitationColLastActivity")}</th>
                    <th scope="col">{t("invitationColActions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((invitation) => (
                    <tr key={invitation.id}>
                      <th scope="row">{invitation.authorityName}</th>
                      <td>{choiceLabel(labels, "kind", invitation.authorityKind)}</td>
                      <td>{choiceLabel(labels, "governorate", invitation.governorate)}</td>
                      <td>{choiceLabel(labels, "district", invitation.district)}</td>
                      <td dir="ltr">{invitation.email}</td>
                      <td>{invitation.locale ? LOCALE_NAMES[invitation.locale] : t("invitationLanguageBrowser")}</td>
                      <td>{t(STATE_LABELS[invitation.state])}</td>
                      <td>{invitation.respondedAt ? formats.dateTime(invitation.respondedAt) : "—"}</td>
                      <td>
                        <div className="row-actions">
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            disabled={busyId !== null || invitation.state === "revoked"}
                            aria-label={`${t("invitationRevoke")} — ${invitation.authorityName}`}
                            onClick={() => handleRevoke(invitation)}
                          >
                            {t("invitationRevoke")}
                          </button>
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            disabled={busyId !== null}
                            aria-label={`${t("invitationReissue")} — ${invitation.authorityName}`}
                            onClick={() => handleReissue(invitation)}
                          >
                            {t("invitationReissue")}
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {matching.length > shown.length && (
            <button type="button" className="button button-secondary" onClick={() => setLimit(limit + ROWS_PER_STEP)}>
              {t("invitationsMore", { count: formats.integer(Math.min(ROWS_PER_STEP, matching.length - shown.length)) })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
