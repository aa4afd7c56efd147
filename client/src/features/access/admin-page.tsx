import { useState, type FormEvent } from "react";
import { ROLES, type AccountView, type AuditEventView, type Role } from "@passerelle/shared";
import { Alert } from "../../components/alert";
import { PageHeading } from "../../components/page-heading";
import { errorMessageKey } from "../../i18n/error-messages";
import { useI18n, useMessages } from "../../i18n/i18n-context";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLoader } from "../../lib/use-loader";
import { QuestionnairesSection } from "../invitations/questionnaires-section";
import { ManageQuestionnairesLink } from "../questionnaires/manage-questionnaires-link";
import { AccountRow, ROLE_LABELS } from "./account-row";
import { adminMessages } from "./admin.messages";
import { RequireStaff } from "./require-staff";
import { createAccount, listAccounts, listAudit } from "./admin.api";
import "./access.css";

/**
 * `/admin`, the administrator's home: the questionnaires (each leading to its invitations and
 * progress), accounts and roles, and the audit trail. Administrators only.
 */
export default function AdminPage() {
  const { t } = useI18n();
  useDocumentTitle(t("adminTitle"));
  return (
    <RequireStaff roles={["admin"]} title={t("adminTitle")}>
      {(session) => (
        <section className="page">
          <PageHeading>{t("adminTitle")}</PageHeading>
          <QuestionnairesSection />
          <ManageQuestionnairesLink />
          <Accounts selfId={session.account.id} />
          <AuditTrail />
        </section>
      )}
    </RequireStaff>
  );
}

function Accounts({ selfId }: { selfId: string }) {
  const { t } = useMessages(adminMessages);
  const [loaded, reload] = useLoader((signal) => listAccounts(signal), []);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>, done: string) => {
    setProblem(null);
    setNotice(null);
    try {
      await action();
      setNotice(done);
      reload();
    } catch (error) {
      setProblem(t(errorMessageKey(error)));
    }
  };
  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = String(data.get("email"));
    void act(
      async () => {
        await createAccount({ email, role: data.get("role") as Role, password: String(data.get("password")) });
        form.reset();
      },
      t("accountCreated", { email }),
    );
  };

  return (
    <section aria-labelledby="accounts-title" className="admin-section">
      <h2 id="accounts-title">{t("accountsTitle")}</h2>
      {notice && (
        <Alert tone="info">
          <p role="status">{notice}</p>
        </Alert>
      )}
      {problem && (
        <Alert tone="error">
          <p>{problem}</p>
        </Alert>
      )}
      {loaded.status === "ready" && (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t("accountEmail")}</th>
              <th scope="col">{t("accountRole")}</th>
              <th scope="col">{t("accountState")}</th>
              <th scope="col">{t("accountActions")}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.accounts.map((account: AccountView) => (
              <AccountRow key={account.id} account={account} isSelf={account.id === selfId} act={act} />
            ))}
          </tbody>
        </table>
      )}
      {loaded.status === "error" && <p>{t(errorMessageKey(loaded.error))}</p>}
      <h3>{t("createAccount")}</h3>
      <form className="staff-form" onSubmit={create}>
        <label>
          {t("accountEmail")}
          <input name="email" type="email" required dir="ltr" autoComplete="off" />
        </label>
        <label>
          {t("accountRole")}
          <select name="role" defaultValue="viewer">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(ROLE_LABELS[role])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("accountPassword")}
          <input name="password" type="password" required minLength={12} autoComplete="new-password" dir="ltr" />
        </label>
        <div className="actions">
          <button type="submit" className="button">
            {t("createAccount")}
          </button>
        </div>
      </form>
    </section>
  );
}

function AuditTrail() {
  const { t } = useMessages(adminMessages);
  const [pages, setPages] = useState<{ events: AuditEventView[]; next: string | null }[]>([]);
  const [first] = useLoader((signal) => listAudit(null, signal), []);
  const all = first.status === "ready" ? [first.data, ...pages] : pages;
  const next = all.at(-1)?.next ?? null;
  return (
    <section aria-labelledby="audit-title" className="admin-section">
      <h2 id="audit-title">{t("auditTitle")}</h2>
      <p>
        <a className="button button-secondary" href="/api/admin/audit.csv" download>
          {t("downloadAudit")}
        </a>
      </p>
      {first.status === "error" && <p>{t(errorMessageKey(first.error))}</p>}
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t("auditAt")}</th>
            <th scope="col">{t("auditActor")}</th>
            <th scope="col">{t("auditAction")}</th>
            <th scope="col">{t("auditTarget")}</th>
          </tr>
        </thead>
        <tbody>
          {all
            .flatMap((page) => page.events)
            .map((event) => (
              <tr key={event.id}>
                <td dir="ltr">{event.at.replace("T", " ").slice(0, 19)}</td>
                <td dir="ltr">{event.actor}</td>
                <td>{event.action}</td>
                <td dir="ltr">{event.target}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {next && (
        <button type="button" className="button button-secondary" onClick={() => void listAudit(next).then((page) => setPages([...pages, page]))}>
          {t("auditMore")}
        </button>
      )}
    </section>
  );
}
