import { useState, type FormEvent } from "react";
import type { ManagedQuestionnaireView, QuestionnaireSettings, QuestionnaireStatus, SettingView } from "@passerelle/shared";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { numberFormats } from "../dashboard/number-format";
import { changeSettings } from "./questionnaires-admin.api";
import { questionnairesAdminMessages, type QuestionnairesAdminKey } from "./questionnaires-admin.messages";
import { closeSettings, datesSettings, fromLocalInput, openSettings, toLocalInput } from "./settings-actions";

// Codes, file names and e-mails are left-to-right islands inside a sentence of any direction.
const isolate = (text: string) => `\u2068${text}\u2069`;

const STATUS_LABELS: Record<QuestionnaireStatus, QuestionnairesAdminKey> = { draft: "qStatusDraft", open: "qStatusOpen", closed: "qStatusClosed" };

/** One questionnaire: its status now, each setting with where it comes from, and the actions on them. */
export function ManagedQuestionnaireCard({ questionnaire }: { questionnaire: ManagedQuestionnaireView }) {
  const { t, locale, intlLocale } = useMessages(questionnairesAdminMessages);
  const formats = numberFormats(intlLocale);
  const [view, setView] = useState(questionnaire);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const title = view.title[locale];
  const headingId = `questionnaire-${view.id}`;

  const apply = async (settings: QuestionnaireSettings, done: QuestionnairesAdminKey) => {
    setIsBusy(true);
    setNotice(null);
    setProblem(null);
    try {
      // The server's answer is the questionnaire as now served; the notice comes only with it.
      setView(await changeSettings(view.id, settings));
      setNotice(t(done, { title }));
    } catch (error) {
      setProblem(t(errorMessageKey(error)));
    } finally {
      setIsBusy(false);
    }
  };
  const saveDates = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const dates = { opensAt: fromLocalInput(String(data.get("opensAt") ?? "")), closesAt: fromLocalInput(String(data.get("closesAt") ?? "")) };
    void apply(datesSettings(view, dates), "qDoneDates");
  };
  const when = (iso: string | null) => (iso ? formats.dateTime(iso) : t("qNoDate"));
  const source = (setting: SettingView<unknown>, declared: string) =>
    setting.source === "administrator" ? t("qSourceAdministrator", { declared }) : t("qSourceDefinition");
  const hasOverrides = Object.values(view.settings).some((setting) => setting.source === "administrator");

  return (
    <section aria-labelledby={headingId} className="admin-section managed-questionnaire">
      <h2 id={headingId}>{title}</h2>
      <p>
        <strong>{t("qStatusNow", { status: t(STATUS_LABELS[view.status]) })}</strong>
      </p>
      {notice && (
        <Alert tone="info">
          <p>{notice}</p>
        </Alert>
      )}
      {problem && (
        <Alert tone="error">
          <p>{problem}</p>
        </Alert>
      )}
      <div className="admin-scroll">
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t("qSetting")}</th>
              <th scope="col">{t("qValue")}</th>
              <th scope="col">{t("qSource")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t("qSettingStatus")}</th>
              <td>{t(STATUS_LABELS[view.settings.status.value])}</td>
              <td>{source(view.settings.status, t(STATUS_LABELS[view.declared.status]))}</td>
            </tr>
            <tr>
              <th scope="row">{t("qSettingOpensAt")}</th>
              <td>{when(view.settings.opensAt.value)}</td>
              <td>{source(view.settings.opensAt, when(view.declared.opensAt))}</td>
            </tr>
            <tr>
              <th scope="row">{t("qSettingClosesAt")}</th>
              <td>{when(view.settings.closesAt.value)}</td>
              <td>{source(view.settings.closesAt, when(view.declared.closesAt))}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <div className="row-actions">
        {view.status === "open" ? (
          <button type="button" className="button" disabled={isBusy} onClick={() => void apply(closeSettings(view), "qDoneClosed")}>
            {t("qClose")}
          </button>
        ) : (
          <button type="button" className="button" disabled={isBusy} onClick={() => void apply(openSettings(view, new Date()), "qDoneOpened")}>
            {t(view.status === "closed" ? "qReopen" : "qOpen")}
          </button>
        )}
        {hasOverrides && (
          <button type="button" className="button button-secondary" disabled={isBusy} onClick={() => void apply({}, "qDoneReset")}>
            {t("qReset")}
          </button>
        )}
      </div>
      <form className="staff-form questionnaire-dates" onSubmit={saveDates} key={`${view.settings.opensAt.value}-${view.settings.closesAt.value}`}>
        <fieldset>
          <legend>{t("qDatesLegend")}</legend>
          <label>
            {t("qSettingOpensAt")}
            <input name="opensAt" type="datetime-local" dir="ltr" defaultValue={toLocalInput(view.settings.opensAt.value)} />
          </label>
          <label>
            {t("qSettingClosesAt")}
            <input name="closesAt" type="datetime-local" dir="ltr" defaultValue={toLocalInput(view.settings.closesAt.value)} />
          </label>
          <div className="actions">
            <button type="submit" className="button button-secondary" disabled={isBusy}>
              {t("qSaveDates")}
            </button>
          </div>
        </fieldset>
      </form>
      <p className="questionnaire-origin">
        {view.origin.kind === "file"
          ? t("qOriginFile", { version: isolate(view.version), file: isolate(view.origin.file) })
          : t("qOriginUpload", {
              version: isolate(view.version),
              by: isolate(view.origin.publishedBy),
              at: formats.dateTime(view.origin.publishedAt),
              file: isolate(view.origin.fileName),
            })}{" "}
        {t("qVersionsKept", { count: formats.integer(view.versions.length) })}{" "}
        {view.lastChange && t("qLastChange", { by: isolate(view.lastChange.by), at: formats.dateTime(view.lastChange.at) })}
      </p>
    </section>
  );
}
