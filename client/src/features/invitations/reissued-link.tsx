import { useEffect, useId, useRef } from "react";
import type { ReissuedInvitation } from "@passerelle/shared";
import { CopyLinkField } from "../../components/copy-link-field";
import { useMessages } from "../../i18n/i18n-context";
import { invitationsMessages } from "./invitations.messages";
import { saveMailMerge } from "./mail-merge-file";

/**
 * The new link of a re-issued invitation, shown this once: copy it, or save it as a one-line
 * mail-merge file. It takes the focus when it appears, above the table.
 */
export function ReissuedLink({ surveyId, reissued, onDismiss }: { surveyId: string; reissued: ReissuedInvitation; onDismiss: () => void }) {
  const { t } = useMessages(invitationsMessages);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const name = reissued.invitation.authorityName;

  return (
    <section className="reissued-link" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("reissuedTitle", { name })}
      </h3>
      <p>{t("reissuedExplain")}</p>
      <CopyLinkField url={reissued.link} label={t("reissuedLinkLabel", { name })} />
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => saveMailMerge(surveyId, reissued.mailMergeCsv)}>
          {t("downloadReissued")}
        </button>
        <button type="button" className="button button-secondary" onClick={onDismiss}>
          {t("reissuedDismiss")}
        </button>
      </div>
    </section>
  );
}
