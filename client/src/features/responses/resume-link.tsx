import { CopyLinkField } from "../../components/copy-link-field";
import { useI18n } from "../../i18n/i18n-context";
import type { ResponseCredentials } from "./draft-storage";
import { responseUrl } from "./response-address";

interface ResumeLinkProps {
  surveyId: string;
  credentials: ResponseCredentials;
  /** Text above the link; defaults to the explanation of what the link is for. */
  intro?: string;
}

/** The absolute resume link with a Copy button (select-the-text fallback without clipboard access). */
export function ResumeLink({ surveyId, credentials, intro }: ResumeLinkProps) {
  const { t } = useI18n();
  const url = responseUrl(surveyId, credentials);
  return (
    <section className="resume-link" aria-labelledby="resume-link-title">
      <h2 id="resume-link-title">{t("resumeLinkTitle")}</h2>
      <p>{intro ?? t("resumeLinkExplain")}</p>
      <CopyLinkField url={url} label={t("resumeLinkLabel")} />
    </section>
  );
}
