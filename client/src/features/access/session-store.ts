import { useSyncExternalStore } from "react";
import type { SessionView } from "@passerelle/shared";
import { ApiError, setCsrfToken } from "../../api/http";
import { deleteSession, getSession, postSession } from "./session.api";

/**
 * Who is signed in, shared by every staff page and the header. Unknown until a staff page asks
 * (respondents' pages never call the session endpoint).
 */
export type SessionState = { status: "unknown" } | { status: "signed-out" } | { status: "signed-in"; session: SessionView };

let state: SessionState = { status: "unknown" };
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  setCsrfToken(next.status === "signed-in" ? next.session.csrfToken : undefined);
  listeners.forEach((listener) => listener());
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/** Asks the server who is signed in (the cookie is httpOnly: only the server can tell). */
export async function refreshSession(): Promise<void> {
  try {
    set({ status: "signed-in", session: await getSession() });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) set({ status: "signed-out" });
    else throw error;
  }
}

export async function signIn(email: string, password: string): Promise<SessionView> {
  const session = await postSession(email, password);
  set({ status: "signed-in", session });
  return session;
}

export async function signOut(): Promise<void> {
  await deleteSession().catch(() => undefined);
  set({ status: "signed-out" });
}
