import type { AccountView, AuditEventView, CreateAccount, Role } from "@passerelle/shared";
import { request } from "../../api/http";

/** The administration area's calls: accounts and the audit trail. */

export function listAccounts(signal?: AbortSignal): Promise<{ accounts: AccountView[] }> {
  return request("GET", "/api/admin/accounts", { signal });
}

export function createAccount(account: CreateAccount): Promise<AccountView> {
  return request("POST", "/api/admin/accounts", { body: account });
}

export function changeRole(id: string, role: Role): Promise<AccountView> {
  return request("PATCH", `/api/admin/accounts/${encodeURIComponent(id)}`, { body: { role } });
}

export function listAudit(before: string | null, signal?: AbortSignal): Promise<{ events: AuditEventView[]; next: string | null }> {
  return request("GET", `/api/admin/audit?limit=100${before ? `&before=${encodeURIComponent(before)}` : ""}`, { signal });
}

export function disableAccount(id: string): Promise<AccountView> {
  return request("POST", `/api/admin/accounts/${encodeURIComponent(id)}/disable`);
}

export function enableAccount(id: string): Promise<AccountView> {
  return request("POST", `/api/admin/accounts/${encodeURIComponent(id)}/enable`);
}

export function deleteAccount(id: string): Promise<void> {
  return request("DELETE", `/api/admin/accounts/${encodeURIComponent(id)}`);
}

export function setTemporaryPassword(id: string, temporaryPassword: string): Promise<AccountView> {
  return request("POST", `/api/admin/accounts/${encodeURIComponent(id)}/password`, { body: { temporaryPassword } });
}
