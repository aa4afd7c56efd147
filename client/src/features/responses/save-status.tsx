import type { ErrorDetail } from "@passerelle/shared";
import { ApiError } from "../../api/http";
import { errorMessageKey } from "../../i18n/error-messages";
import { useI18n, type I18n } from "../../i18n/i18n-context";
import type { SaveState } from "./response-saver";

interface SaveStatusProps {
  state: SaveState;
  unplacedErrors: readonly ErrorDetail[];
  /** The device holds the answers not sent yet (said only once IndexedDB confirmed the write). */
  isKeptOnDevice: boolean;
}

/**
 * The one line telling the respondent where their answers are, pinned to the bottom of the
 * screen once there is something to say. The live region itself is always in the page, as
 * screen readers only announce changes to regions that already exist.
 */
export function SaveStatus({ state, unplacedErrors, isKeptOnDevice }: SaveStatusProps) {
  const i18n = useI18n();
  const isWaitingForConnection = state.kind === "offline" || state.kind === "submit-queued";
  const text = [describe(state, i18n), isWaitingForConnection && isKeptOnDevice ? i18n.t("keptOnDevice") : ""].filter(Boolean).join(" ");
  const isProblem = ["offline", "failed", "submit-failed", "submit-queued", "conflict"].includes(state.kind);
  const modifier = isProblem ? " save-status-problem" : text === "" && unplacedErrors.length === 0 ? " save-status-empty" : "";
  return (
    <div className={`save-status${modifier}`} role="status" aria-live="polite">
      {text && <p>{text}</p>}
      {unplacedErrors.length > 0 && (
        <ul>
          {unplacedErrors.map((detail) => (
            <li key={`${detail.question}:${detail.message}`}>{detail.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function describe(state: SaveState, { t, intlLocale }: I18n): string {
  const time = (at: Date) => new Intl.DateTimeFormat(intlLocale, { hour: "2-digit", minute: "2-digit" }).format(at);
  switch (state.kind) {
    case "idle":
      return "";
    case "saving":
      return t("saveSaving");
    case "saved":
    case "submitted":
      return t("saveSavedAt", { time: time(state.at) });
    case "offline":
      return t("saveOffline");
    case "conflict":
      return t("saveConflict");
    case "failed":
      return t("saveFailed", { reason: t(errorMessageKey(state.error)) });
    case "submitting":
      return t("saveSubmitting");
    case "submit-queued":
      return t("submitQueued");
    case "submit-failed":
      if (state.error instanceof ApiError && state.error.code === "invalid_answers") return t("submitInvalid");
      return t("submitFailed", { reason: t(errorMessageKey(state.error)) });
  }
}
