import type { AccountView, AuditEventView, CreateAccount, Role, SessionView } from "@passerelle/shared";
import { request } from "../../api/http";

export function getSession(signal?: AbortSignal): Promise<SessionView> {
  return request<SessionView>("GET", "/api/session", { signal });
}

export function postSession(email: string, password: string): Promise<SessionView> {
  return request<SessionView>("POST", "/api/session", { body: { email, password } });
}

export function deleteSession(): Promise<void> {
  return request<void>("DELETE", "/api/session");
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return request<void>("PUT", "/api/session/password", { body: { currentPassword, newPassword } });
}

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
