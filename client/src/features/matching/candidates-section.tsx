import { useState, type FormEvent } from "react";
import type { AuthorityLists, AuthoritySummary, CandidateView, MatchingSide, PairDecision } from "@passerelle/shared";
import { Alert } from "../../components/alert";
import { navigate } from "../../app/navigation";
import { matchingPath } from "../../app/routes";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useLoader } from "../../lib/use-loader";
import { ActionStatus } from "./action-status";
import { labelOf } from "./matching-labels";
import { listCandidates, setCapacity, setDecision, startIntroduction, type CandidateFilters } from "./matching.api";
import { matchingMessages, type MatchingKey } from "./matching.messages";
import { useAction } from "./use-action";

/**
 * One side's authorities: pick one, and see the other side's candidates ranked with their
 * explanation; shortlist, dismiss (with a reason), fix or exclude a pair, or start an
 * introduction from it.
 */
export function CandidatesSection({ side, lists, selectedId }: { side: MatchingSide; lists: AuthorityLists; selectedId: string | null }) {
  const { t, locale } = useMessages(matchingMessages);
  const authorities = side === "lebanese" ? lists.lebanese : lists.french;
  const selected = authorities.find((authority) => authority.id === selectedId) ?? authorities[0];
  const [filters, setFilters] = useState<CandidateFilters>({ theme: "", governorate: "" });
  if (!selected) return <p>{t("noAuthorities")}</p>;
  return (
    <div className="matching-candidates">
      <div className="matching-filters">
        <label>
          {t(side === "lebanese" ? "chooseLebanese" : "chooseFrench")}
          <select value={selected.id} onChange={(event) => navigate(matchingPath({ tab: side, id: event.target.value }), { replace: true })}>
            {authorities.map((authority) => (
              <option key={authority.id} value={authority.id}>
                {authority.name || authority.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("filterTheme")}
          <select value={filters.theme} onChange={(event) => setFilters({ ...filters, theme: event.target.value })}>
            <option value="">{t("filterAll")}</option>
            {lists.labels.themes.map((theme) => (
              <option key={theme.code} value={theme.code}>
                {theme.label[locale]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("filterGovernorate")}
          <select value={filters.governorate} onChange={(event) => setFilters({ ...filters, governorate: event.target.value })}>
            <option value="">{t("filterAll")}</option>
            {lists.labels.governorates.map((governorate) => (
              <option key={governorate.code} value={governorate.code}>
                {governorate.label[locale]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Candidates key={`${selected.id}|${filters.theme}|${filters.governorate}`} side={side} authority={selected} filters={filters} lists={lists} />
    </div>
  );
}

function Candidates({
  side,
  authority,
  filters,
  lists,
}: {
  side: MatchingSide;
  authority: AuthoritySummary;
  filters: CandidateFilters;
  lists: AuthorityLists;
}) {
  const { t, locale } = useMessages(matchingMessages);
  const [loaded, reload] = useLoader(
    (signal) => listCandidates(side, authority.id, filters, locale, signal),
    [side, authority.id, filters.theme, filters.governorate, locale],
  );
  const action = useAction();
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
  const { candidates } = loaded.data;
  const act = (change: () => Promise<unknown>, done: string) => void action.run(change, done).then((isDone) => isDone && reload());
  return (
    <section aria-labelledby="candidates-title" className="admin-section">
      <h2 id="candidates-title">{t("candidatesFor", { name: authority.name })}</h2>
      <p className="matching-meta">
        {authority.themes.map((theme) => labelOf(lists.labels.themes, theme, locale)).join(" · ")}
        {authority.governorate && ` — ${labelOf(lists.labels.governorates, authority.governorate, locale)}`}
      </p>
      {side === "lebanese" && <CapacityForm authority={authority} onSaved={reload} />}
      <ActionStatus notice={action.notice} problem={action.problem} />
      {candidates.length === 0 ? (
        <p>{t("noCandidates")}</p>
      ) : (
        <ol className="candidate-list">
          {candidates.map((candidate) => (
            <CandidateCard key={candidate.counterpart.id} candidate={candidate} isBusy={action.isBusy} onAct={act} />
          ))}
        </ol>
      )}
    </section>
  );
}

function CandidateCard({
  candidate,
  isBusy,
  onAct,
}: {
  candidate: CandidateView;
  isBusy: boolean;
  onAct: (change: () => Promise<unknown>, done: string) => void;
}) {
  const { t } = useMessages(matchingMessages);
  const [reason, setReason] = useState("");
  const pair = { lebaneseId: candidate.lebaneseId, frenchId: candidate.frenchId };
  const decide = (decision: PairDecision | null, withReason?: string) =>
    onAct(() => setDecision({ ...pair, decision, ...(withReason ? { reason: withReason } : {}) }), t("decisionSaved"));
  const dismiss = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) decide("dismissed", reason.trim());
  };
  const decision = candidate.decision;
  return (
    <li className={`candidate-card${decision?.decision === "dismissed" || decision?.decision === "excluded" ? " is-set-aside" : ""}`}>
      <div className="candidate-head">
        <h3>{candidate.counterpart.name}</h3>
        <span className="candidate-score" dir="ltr" title={t("score")}>
          {t("scoreValue", { score: String(candidate.score) })}
        </span>
      </div>
      <p className="candidate-badges">
        {candidate.isRelaunch && <span className="badge badge-relaunch">{t("relaunch")}</span>}
        {candidate.needsInterpretation && <span className="badge">{t("interpretation")}</span>}
        {candidate.counterpart.side === "french" && <span className="badge">{t("capacity", { count: String(candidate.counterpart.capacity) })}</span>}
        {decision && (
          <span className="badge badge-decision">
            {decision.decision === "dismissed" ? t("decisionDismissed", { reason: decision.reason ?? "" }) : t(DECISION_KEYS[decision.decision])}
          </span>
        )}
      </p>
      <ul className="explanation">
        {Object.entries(candidate.explanation.parts).map(([part, sentence]) => (
          <li key={part}>{sentence}</li>
        ))}
      </ul>
      <div className="row-actions">
        {candidate.introductionId ? (
          <span className="badge badge-decision">{t("introductionOpen")}</span>
        ) : (
          <button type="button" className="button" disabled={isBusy} onClick={() => onAct(() => startIntroduction(pair), t("introductionStarted"))}>
            {t("startIntroduction")}
          </button>
        )}
        <button type="button" className="button button-secondary button-compact" disabled={isBusy} onClick={() => decide("shortlisted")}>
          {t("shortlist")}
        </button>
        <button type="button" className="button button-secondary button-compact" disabled={isBusy} onClick={() => decide("fixed")}>
          {t("fix")}
        </button>
        <button type="button" className="button button-secondary button-compact" disabled={isBusy} onClick={() => decide("excluded")}>
          {t("exclude")}
        </button>
        {decision && (
          <button type="button" className="button-link" disabled={isBusy} onClick={() => decide(null)}>
            {t("clearDecision")}
          </button>
        )}
      </div>
      <form className="dismiss-form" onSubmit={dismiss}>
        <label>
          {t("dismissReason")}
          <input value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
        </label>
        <button type="submit" className="button button-secondary button-compact" disabled={isBusy || !reason.trim()}>
          {t("dismiss")}
        </button>
      </form>
    </li>
  );
}

const DECISION_KEYS: Record<Exclude<PairDecision, "dismissed">, MatchingKey> = {
  shortlisted: "decisionShortlisted",
  fixed: "decisionFixed",
  excluded: "decisionExcluded",
};

function CapacityForm({ authority, onSaved }: { authority: AuthoritySummary; onSaved: () => void }) {
  const { t } = useMessages(matchingMessages);
  const [value, setValue] = useState(String(authority.capacity));
  const action = useAction();
  const save = (event: FormEvent) => {
    event.preventDefault();
    const capacity = Number(value);
    void action.run(() => setCapacity(authority.id, capacity), t("capacitySaved")).then((isDone) => isDone && onSaved());
  };
  return (
    <form className="capacity-form" onSubmit={save}>
      <label>
        {t("staffCapacity")}
        <input type="number" min={0} max={20} step={1} required value={value} onChange={(event) => setValue(event.target.value)} />
      </label>
      <button type="submit" className="button button-secondary button-compact" disabled={action.isBusy}>
        {t("saveCapacity")}
      </button>
      <ActionStatus notice={action.notice} problem={action.problem} />
    </form>
  );
}
