import type { AuditEventView } from "@passerelle/shared";
import type { Logger } from "../logger";
import type { AuditEvent, Store, StoredAuditEvent } from "../store/store.port";

export interface AuditDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
}

/** What the caller says of an audited action; the time is the clock's. */
export type AuditEventInput = Omit<AuditEvent, "at" | "details"> & { details?: Record<string, unknown> };

/**
 * The entry recording a change, to hand to the store's write (`WriteOptions.audit`): the store
 * writes both in one transaction, so a crash never keeps the change without its entry.
 */
export function auditEntry(at: Date, event: AuditEventInput): AuditEvent {
  return { at, details: {}, ...event };
}

/**
 * Appends to the audit trail an action that changes nothing stored (a sign-in, an export).
 * The action has already happened: should the store refuse the entry, the failure is logged
 * loudly rather than turned into an error for the user.
 */
export async function recordAudit(deps: AuditDeps, event: AuditEventInput): Promise<void> {
  const entry = auditEntry(deps.now(), event);
  try {
    await deps.store.audit.append(entry);
  } catch (error) {
    deps.logger.error({ err: error, audit: entry }, "audit event could not be stored");
  }
}

export function presentAuditEvent(event: StoredAuditEvent): AuditEventView {
  return { id: event.id, at: event.at.toISOString(), actor: event.actor, action: event.action, target: event.target, details: event.details };
}
