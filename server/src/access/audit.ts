import type { AuditEventView } from "@passerelle/shared";
import type { Logger } from "../logger";
import type { AuditEvent, Store, StoredAuditEvent } from "../store/store.port";

export interface AuditDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
}

/**
 * Appends to the audit trail. The action it records has already happened: should the store
 * refuse the entry, the failure is logged loudly rather than turned into an error for the user.
 */
export async function recordAudit(deps: AuditDeps, event: Omit<AuditEvent, "at" | "details"> & { details?: Record<string, unknown> }): Promise<void> {
  const entry: AuditEvent = { at: deps.now(), details: {}, ...event };
  try {
    await deps.store.audit.append(entry);
  } catch (error) {
    deps.logger.error({ err: error, audit: entry }, "audit event could not be stored");
  }
}

export function presentAuditEvent(event: StoredAuditEvent): AuditEventView {
  return { id: event.id, at: event.at.toISOString(), actor: event.actor, action: event.action, target: event.target, details: event.details };
}
