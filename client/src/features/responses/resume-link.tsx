import { useRef, useState } from "react";
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
  const inputRef = useRef<HTMLInputElement>(null);
  const [feedback, setFeedback] = useState("");
  const url = responseUrl(surveyId, credentials);

  const handleCopy = async () => {
    try {
      // Only available on secure origins (https, localhost).
      await navigator.clipboard.writeText(url);
      setFeedback(t("copied"));
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setFeedback(t("copyFallback"));
    }
  };

  return (
    <section className="resume-link" aria-labelledby="resume-link-title">
      <h2 id="resume-link-title">{t("resumeLinkTitle")}</h2>
      <p>{intro ?? t("resumeLinkExplain")}</p>
      <div className="resume-link-row">
        <input
          ref={inputRef}
          type="url"
          readOnly
          value={url}
          dir="ltr"
          aria-label={t("resumeLinkLabel")}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void handleCopy()}>
          {t("copy")}
        </button>
      </div>
      <p className="resume-link-feedback" role="status">
        {feedback}
      </p>
    </section>
  );
}
