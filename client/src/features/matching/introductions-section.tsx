import { useState, type FormEvent } from "react";
import {
  INTRODUCTION_STATES,
  INTRODUCTION_STATE_LABELS,
  canMoveIntroduction,
  needsReason,
  type IntroductionState,
  type IntroductionView,
  type MatchingLabels,
} from "@passerelle/shared";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useLoader } from "../../lib/use-loader";
import { ActionStatus } from "./action-status";
import { labelOf } from "./matching-labels";
import { introductionsCsvPath, introductionsXlsxPath, listIntroductions, updateIntroduction } from "./matching.api";
import { matchingMessages } from "./matching.messages";
import { useAction } from "./use-action";

/** The board of introductions by state, each one moved, annotated and reviewed in place. */
export function IntroductionsSection({ labels }: { labels: MatchingLabels }) {
  const { t, locale } = useMessages(matchingMessages);
  const [loaded, reload] = useLoader((signal) => listIntroductions(signal), []);
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
  const { introductions } = loaded.data;
  return (
    <section aria-labelledby="board-title" className="admin-section">
      <h2 id="board-title">{t("boardTitle")}</h2>
      <p className="actions">
        <a href={introductionsCsvPath(locale)} download>
          {t("downloadCsv")}
        </a>
        <a href={introductionsXlsxPath(locale)} download>
          {t("downloadXlsx")}
        </a>
      </p>
      {introductions.length === 0 && <p>{t("noIntroductions")}</p>}
      <div className="introduction-board">
        {INTRODUCTION_STATES.map((state) => {
          const inState = introductions.filter((introduction) => introduction.state === state);
          if (inState.length === 0) return null;
          return (
            <section key={state} className="board-column" aria-labelledby={`state-${state}`}>
              <h3 id={`state-${state}`}>
                {INTRODUCTION_STATE_LABELS[locale][state]} ({inState.length})
              </h3>
              {inState.map((introduction) => (
                <IntroductionCard key={`${introduction.id}|${introduction.revision}`} introduction={introduction} labels={labels} onChanged={reload} />
              ))}
            </section>
          );
        })}
      </div>
    </section>
  );
}

function IntroductionCard({ introduction, labels, onChanged }: { introduction: IntroductionView; labels: MatchingLabels; onChanged: () => void }) {
  const { t, locale, intlLocale } = useMessages(matchingMessages);
  const action = useAction();
  const targets = INTRODUCTION_STATES.filter((state) => canMoveIntroduction(introduction.history, state));
  const [target, setTarget] = useState<IntroductionState | "">(targets[0] ?? "");
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [owner, setOwner] = useState(introduction.owner ?? "");
  const [nextStepOn, setNextStepOn] = useState(introduction.nextStepOn ?? "");
  const change = (body: Omit<Parameters<typeof updateIntroduction>[1], "revision">, done: string) =>
    void action.run(() => updateIntroduction(introduction.id, { revision: introduction.revision, ...body }), done).then((isDone) => isDone && onChanged());
  const move = (event: FormEvent) => {
    event.preventDefault();
    if (target) change({ state: target, ...(needsReason(target) ? { reason: reason.trim() } : {}) }, t("saved"));
  };
  const addNote = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim()) change({ note: note.trim() }, t("saved"));
  };
  const saveDetails = (event: FormEvent) => {
    event.preventDefault();
    change({ owner: owner.trim() || null, nextStepOn: nextStepOn || null }, t("saved"));
  };
  const dateTime = new Intl.DateTimeFormat(intlLocale, { dateStyle: "medium" });
  return (
    <article className="introduction-card" aria-label={`${introduction.lebaneseName} – ${introduction.frenchName}`}>
      <h4>
        {introduction.lebaneseName} ↔ {introduction.frenchName}
      </h4>
      <p className="matching-meta">
        {introduction.themes.map((theme) => labelOf(labels.themes, theme, locale)).join(" · ")}
        {introduction.governorate && ` — ${labelOf(labels.governorates, introduction.governorate, locale)}`}
      </p>
      {introduction.reason && (
        <p>
          {t("reason")} : {introduction.reason}
        </p>
      )}
      {introduction.needsReview && (
        <p className="review-flag">
          <span className="badge badge-review">{t("needsReview")}</span>{" "}
          <button type="button" className="button-link" disabled={action.isBusy} onClick={() => change({ reviewed: true }, t("saved"))}>
            {t("markReviewed")}
          </button>
        </p>
      )}
      <ActionStatus notice={action.notice} problem={action.problem} />
      {targets.length > 0 && (
        <form className="inline-form" onSubmit={move}>
          <label>
            {t("moveTo")}
            <select value={target} onChange={(event) => setTarget(event.target.value as IntroductionState)}>
              {targets.map((state) => (
                <option key={state} value={state}>
                  {INTRODUCTION_STATE_LABELS[locale][state]}
                </option>
              ))}
            </select>
          </label>
          {target && needsReason(target) && (
            <label>
              {t("reason")}
              <input required maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />
            </label>
          )}
          <button type="submit" className="button button-compact" disabled={action.isBusy || (target !== "" && needsReason(target) && !reason.trim())}>
            {t("move")}
          </button>
        </form>
      )}
      <form className="inline-form" onSubmit={saveDetails}>
        <label>
          {t("owner")}
          <input value={owner} maxLength={254} onChange={(event) => setOwner(event.target.value)} />
        </label>
        <label>
          {t("nextStep")}
          <input type="date" value={nextStepOn} onChange={(event) => setNextStepOn(event.target.value)} />
        </label>
        <button type="submit" className="button button-secondary button-compact" disabled={action.isBusy}>
          {t("saveDetails")}
        </button>
      </form>
      <form className="inline-form" onSubmit={addNote}>
        <label>
          {t("note")}
          <textarea rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
        </label>
        <button type="submit" className="button button-secondary button-compact" disabled={action.isBusy || !note.trim()}>
          {t("addNote")}
        </button>
      </form>
      <details>
        <summary>{t("history")}</summary>
        <ol className="history">
          {introduction.history.map((step) => (
            <li key={`${step.at}|${step.state}`}>
              {dateTime.format(new Date(step.at))} — {INTRODUCTION_STATE_LABELS[locale][step.state]} (<span dir="ltr">{step.by}</span>)
              {step.reason && ` : ${step.reason}`}
            </li>
          ))}
          {introduction.notes.map((entry) => (
            <li key={`${entry.at}|note`}>
              {dateTime.format(new Date(entry.at))} — {entry.text} (<span dir="ltr">{entry.by}</span>)
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}
