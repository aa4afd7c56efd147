import type { Response } from "express";
import type { FigureDisclosure, Role } from "@passerelle/shared";
import type { StoredAccount, StoredSession } from "../store/store.port";

/** A signed-in staff member, as the access middleware found them from the session cookie. */
export interface StaffPrincipal {
  account: StoredAccount;
  session: StoredSession;
}

export function principalOf(res: Response): StaffPrincipal | undefined {
  return res.locals.principal as StaffPrincipal | undefined;
}

export function setPrincipal(res: Response, principal: StaffPrincipal): void {
  res.locals.principal = principal;
}

/** The role of whoever asks; undefined for respondents and anonymous callers. */
export function roleOf(res: Response): Role | undefined {
  return principalOf(res)?.account.role;
}

/** Viewers never see a question marked personal, not even summarised; other staff do. */
export function maySeePersonal(res: Response): boolean {
  return roleOf(res) !== "viewer";
}

/**
 * Viewers read the figures the disclosure control releases; analysts and administrators, who
 * read the raw responses anyway, read exact figures.
 */
export function disclosureOf(res: Response): FigureDisclosure {
  return roleOf(res) === "viewer" ? "controlled" : "exact";
}

/** Who did it, for the audit trail. */
export function actorOf(res: Response, fallback: "respondent" | "anonymous" = "anonymous"): string {
  return principalOf(res)?.account.email ?? fallback;
}
