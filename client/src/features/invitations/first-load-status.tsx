import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { invitationsMessages, type InvitationsKey } from "./invitations.messages";

interface FirstLoadStatusProps {
  isLoading: boolean;
  error: unknown;
  reload: () => void;
  /** The section's "could not be loaded: {reason}" message. */
  failed: InvitationsKey;
}

/**
 * What a section shows until its data first arrives: "Loading…", or why it failed with a retry.
 * Later reloads keep the data on screen (see `useRefreshingLoader`), so this is for the first time only.
 */
export function FirstLoadStatus({ isLoading, error, reload, failed }: FirstLoadStatusProps) {
  const { t } = useMessages(invitationsMessages);
  if (isLoading) {
    return (
      <p className="loading" role="status">
        {t("loading")}
      </p>
    );
  }
  if (error === undefined) return null;
  return (
    <Alert tone="error">
      <p>{t(failed, { reason: t(errorMessageKey(error)) })}</p>
      <button type="button" className="button" onClick={reload}>
        {t("retry")}
      </button>
    </Alert>
  );
}
