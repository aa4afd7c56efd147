import type { SessionView } from "@passerelle/shared";
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
