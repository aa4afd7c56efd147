import { useRef, useState } from "react";
import { useI18n } from "../i18n/i18n-context";

/**
 * A link to hand on, in a read-only field with a Copy button; without clipboard access (plain
 * http, an old browser) the text is selected for the device's own copy. The outcome is announced.
 */
export function CopyLinkField({ url, label }: { url: string; label: string }) {
  const { t } = useI18n();
  const inputRef = useRef<HTMLInputElement>(null);
  const [feedback, setFeedback] = useState("");

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
    <>
      <div className="copy-link-row">
        <input ref={inputRef} type="url" readOnly value={url} dir="ltr" aria-label={label} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" className="button" onClick={() => void handleCopy()}>
          {t("copy")}
        </button>
      </div>
      <p className="copy-link-feedback" role="status">
        {feedback}
      </p>
    </>
  );
}
