import { useCallback, useMemo, useState } from "react";
import type { InvitationList, InvitationView } from "@passerelle/shared";
import { useRefreshingLoader } from "../dashboard/use-refreshing-loader";
import { listInvitations } from "./invitations.api";

export interface InvitationListState {
  /** Every invitation of the questionnaire, with the ones changed here since the last load. */
  invitations: InvitationView[] | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
  /** Puts the server's answer to a revoke or re-issue in place, without loading the whole list again. */
  replace: (updated: InvitationView) => void;
}

/**
 * The questionnaire's invitations. A revoke or a re-issue answers with the invitation changed:
 * it replaces its row, which spares reloading ~1,100 rows for one. The next full load (after an
 * import) is the server's word again.
 */
export function useInvitationList(surveyId: string): InvitationListState {
  const loaded = useRefreshingLoader((signal) => listInvitations(surveyId, signal), [surveyId]);
  const [changes, setChanges] = useState<{ base: InvitationList; byId: ReadonlyMap<string, InvitationView> } | null>(null);
  const data = loaded.data;

  const invitations = useMemo(() => {
    if (!data) return undefined;
    const byId = changes?.base === data ? changes.byId : undefined;
    return byId ? data.invitations.map((invitation) => byId.get(invitation.id) ?? invitation) : data.invitations;
  }, [data, changes]);

  const replace = useCallback(
    (updated: InvitationView) => {
      if (!data) return;
      setChanges((previous) => {
        const byId = new Map(previous?.base === data ? previous.byId : []);
        byId.set(updated.id, updated);
        return { base: data, byId };
      });
    },
    [data],
  );

  return { invitations, error: loaded.error, isLoading: loaded.isLoading, reload: loaded.reload, replace };
}
