import { Link, navigate } from "../../app/navigation";
import { adminPath, homePath, matchingPath, signInPath } from "../../app/routes";
import { useI18n } from "../../i18n/i18n-context";
import { signOut, useSession } from "./session-store";

/** In the header: the staff sign-in link, or who is signed in with a way out. */
export function AccountMenu() {
  const { t } = useI18n();
  const state = useSession();
  if (state.status !== "signed-in") {
    return (
      <Link to={signInPath()} className="account-menu">
        {t("staffSignIn")}
      </Link>
    );
  }
  const { account } = state.session;
  return (
    <span className="account-menu">
      <span dir="ltr">{account.email}</span>
      <Link to={matchingPath()}>{t("matchingTitle")}</Link>
      {account.role === "admin" && <Link to={adminPath()}>{t("adminTitle")}</Link>}
      <button
        type="button"
        className="button-link"
        onClick={() => {
          void signOut().then(() => navigate(homePath()));
        }}
      >
        {t("signOut")}
      </button>
    </span>
  );
}
