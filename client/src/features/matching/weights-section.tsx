import { useState, type FormEvent } from "react";
import { SCORE_PARTS, type MatchWeights, type ScorePart, type WeightsView } from "@passerelle/shared";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useLoader } from "../../lib/use-loader";
import { ActionStatus } from "./action-status";
import { getWeights, saveWeights } from "./matching.api";
import { matchingMessages, type MatchingKey } from "./matching.messages";
import { useAction } from "./use-action";

const PART_LABELS: Record<ScorePart, MatchingKey> = {
  relaunch: "partRelaunch",
  themes: "partThemes",
  modes: "partModes",
  budget: "partBudget",
  missions: "partMissions",
  language: "partLanguage",
  geography: "partGeography",
};

/** The weights of the score's parts: read by analysts, saved as a new version by administrators. */
export function WeightsSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useMessages(matchingMessages);
  const [loaded, reload] = useLoader((signal) => getWeights(signal), []);
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
  return <WeightsForm key={loaded.data.version} current={loaded.data} canEdit={canEdit} onSaved={reload} />;
}

function WeightsForm({ current, canEdit, onSaved }: { current: WeightsView; canEdit: boolean; onSaved: () => void }) {
  const { t, intlLocale } = useMessages(matchingMessages);
  const [weights, setWeights] = useState<MatchWeights>(current.weights);
  const action = useAction();
  const save = (event: FormEvent) => {
    event.preventDefault();
    void action
      .run(
        async () => {
          const saved = await saveWeights(current.version, weights);
          return saved;
        },
        t("weightsSaved", { version: String(current.version + 1) }),
      )
      .then((isDone) => isDone && onSaved());
  };
  const number = (value: number, onChange: (next: number) => void, max: number, step: number) => (
    <input type="number" min={0} max={max} step={step} required value={value} disabled={!canEdit} onChange={(event) => onChange(Number(event.target.value))} />
  );
  const when = current.savedAt ? new Intl.DateTimeFormat(intlLocale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(current.savedAt)) : "";
  return (
    <section aria-labelledby="weights-title" className="admin-section">
      <h2 id="weights-title">{t("tabWeights")}</h2>
      <p>{t("weightsLead")}</p>
      <p className="matching-meta">
        {t("weightsVersion", { version: String(current.version) })} —{" "}
        {current.savedBy ? t("weightsSavedBy", { by: current.savedBy, at: when }) : t("weightsDefaults")}
      </p>
      {!canEdit && <p>{t("weightsAdminOnly")}</p>}
      <ActionStatus notice={action.notice} problem={action.problem} />
      <form className="staff-form weights-form" onSubmit={save}>
        {SCORE_PARTS.map((part) => (
          <label key={part}>
            {t(PART_LABELS[part])}
            {number(weights.parts[part], (next) => setWeights({ ...weights, parts: { ...weights.parts, [part]: next } }), 10, 0.5)}
          </label>
        ))}
        <label>
          {t("weightInterpretation")}
          {number(weights.interpretation, (next) => setWeights({ ...weights, interpretation: next }), 1, 0.05)}
        </label>
        <label>
          {t("weightNoPreference")}
          {number(weights.noGovernoratePreference, (next) => setWeights({ ...weights, noGovernoratePreference: next }), 1, 0.05)}
        </label>
        <label>
          {t("weightRate")}
          {number(weights.eurPerUsd, (next) => setWeights({ ...weights, eurPerUsd: next }), 10, 0.01)}
        </label>
        {canEdit && (
          <button type="submit" className="button" disabled={action.isBusy}>
            {t("saveWeights")}
          </button>
        )}
      </form>
    </section>
  );
}
