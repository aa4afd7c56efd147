import type { Locale, ResponseView, SurveyDetail } from "@passerelle/shared";
import { useMemo, useRef, useState } from "react";
import { Survey } from "survey-react-ui";
import "survey-core/survey-core.fontless.css";
import { Alert } from "../../components/alert";
import { PageHeading } from "../../components/page-heading";
import { useI18n, type I18n } from "../../i18n/i18n-context";
import { useDocumentTitle } from "../../lib/use-document-title";
import { ConflictNotice } from "./conflict-notice";
import { registerNumberTextInput } from "./number-text-input";
import { focusNewPageHeading } from "./page-focus";
import { patchSurveyAccessibility, type AccessibilityWords } from "./survey-accessibility";
import { orderByRanking } from "./ranked-panels";
import { correctSurveyStrings } from "./survey-strings";
import type { UnsentAnswers } from "./device-store";
import type { ResponseCredentials } from "./draft-storage";
import type { OpenInvitation } from "./load-session";
import { ResumeLink } from "./resume-link";
import { SaveStatus } from "./save-status";
import { createSurveyModel, formLanguageAttributes, lockQuestions, localisedText } from "./survey-model";
import { useResponseForm } from "./use-response-form";
import "./response-form.css";

registerNumberTextInput();
correctSurveyStrings();

interface ResponseFormProps {
  survey: SurveyDetail;
  response: ResponseView | null;
  credentials: ResponseCredentials | null;
  /** The invitation being answered: the authority's identity is filled in and locked. */
  invitation: OpenInvitation | null;
  /** Answers this device kept that the server lacks: shown, then sent. */
  unsent: UnsentAnswers | null;
  unsentKey: string;
  /** Opened from the device's copies, without a connection. */
  isOffline: boolean;
  onStartNew: () => void;
}

/**
 * The questionnaire itself (SurveyJS, default theme), with the save status, the resume link,
 * and the notices for a closed questionnaire or a response already sent.
 */
export function ResponseForm({ survey, response, credentials, invitation, unsent, unsentKey, isOffline, onStartNew }: ResponseFormProps) {
  const { t, locale } = useI18n();
  const [initialLocale] = useState<Locale>(locale);
  // Read by SurveyJS's rendering hooks, which outlive a change of language.
  const tRef = useRef(t);
  tRef.current = t;
  const isOpen = survey.status === "open";
  const isSubmitted = response?.status === "submitted";

  const model = useMemo(() => {
    const built = createSurveyModel(survey.definition, initialLocale);
    const answers = unsent?.answers ?? response?.answers;
    if (answers) built.data = answers;
    orderByRanking(built);
    focusNewPageHeading(built);
    patchSurveyAccessibility(built, () => accessibilityWords(tRef.current));
    if (invitation) {
      // The server answers these from the invitation whatever is sent: show them as it will.
      built.mergeData(invitation.session.prefill);
      lockQuestions(built, invitation.session.lockedQuestions);
    }
    if (!isOpen) built.mode = "display";
    return built;
  }, [survey.definition, response, unsent, invitation, initialLocale, isOpen]);

  // The same element on every render: saving-status updates re-render this page, not the form.
  const surveyView = useMemo(() => <Survey model={model} />, [model]);
  // A questionnaire by invitation only cannot be answered from its plain address.
  const needsInvitation = survey.access === "invitation" && !invitation && !credentials;
  const autosave = isOpen && !isSubmitted && !needsInvitation;
  const form = useResponseForm({
    surveyId: survey.id,
    model,
    locale,
    initialCredentials: credentials,
    // The device's answers go out over the revision they were typed on: if the response changed
    // elsewhere since, the server refuses and the respondent chooses (the conflict notice).
    initialRevision: unsent ? unsent.baseRevision : (response?.revision ?? null),
    autosave,
    invitationToken: invitation?.token ?? null,
    unsent: autosave ? unsent : null,
    unsentKey,
  });
  // Read from the definition, not the model: the model's locale is updated in an effect,
  // after this render.
  const title = localisedText(survey.definition.title, locale) || survey.id;
  const description = localisedText(survey.definition.description, locale);
  useDocumentTitle(title);

  return (
    <section className="page respond-page">
      <PageHeading>{title}</PageHeading>
      {description && <SurveyAbout description={description} />}
      {invitation && (
        <p className="invitation-identity" role="note">
          {t("invitationAnsweringFor", { name: invitation.session.authorityName })}
        </p>
      )}
      {needsInvitation && (
        <Alert tone="info">
          <p>{t("errorInvitationRequired")}</p>
        </Alert>
      )}
      {autosave && <p className="autosave-hint">{t("saveIdle")}</p>}
      {isOffline && (
        <Alert tone="info">
          <p>{t("openedOffline")}</p>
        </Alert>
      )}
      {!isOpen && (
        <Alert tone="info">
          <p>{t(survey.status === "closed" ? "surveyClosedNotice" : "surveyNotOpenNotice")}</p>
        </Alert>
      )}
      {isOpen && isSubmitted && (
        <Alert tone="info">
          <p>{t("submittedEditing")}</p>
          {/* An authority has one response: no second one from its invitation. */}
          {!invitation && (
            <button type="button" className="button button-secondary" onClick={onStartNew}>
              {t("startNewResponse")}
            </button>
          )}
        </Alert>
      )}
      {!needsInvitation && (isOpen || response) && <div {...formLanguageAttributes(model, locale)}>{surveyView}</div>}
      {isOpen && !needsInvitation && (
        // One block pinned to the bottom of the screen, so a conflict is seen wherever the respondent is.
        <div className="save-dock">
          {form.saveState.kind === "conflict" && <ConflictNotice conflict={form.conflict} />}
          <SaveStatus state={form.saveState} unplacedErrors={form.unplacedErrors} isKeptOnDevice={form.isKeptOnDevice} />
        </div>
      )}
      {form.credentials && (
        <ResumeLink surveyId={survey.id} credentials={form.credentials} {...(form.credentials.isInvitation ? { intro: t("invitationLinkExplain") } : {})} />
      )}
    </section>
  );
}

function accessibilityWords(t: I18n["t"]): AccessibilityWords {
  return { rankingHowTo: t("rankingHowTo"), rankingReorderHowTo: t("rankingReorderHowTo"), answerRequired: t("answerRequired"), rankedItem: t("rankedItem") };
}

// Phones: the first question must be visible on opening, so a long introduction starts folded.
const WIDE_SCREEN = "(min-width: 40rem)";

/** The questionnaire's introduction: shown on wide screens, one tap away on phones. */
function SurveyAbout({ description }: { description: string }) {
  const { t } = useI18n();
  const [isOpen] = useState(() => typeof window === "undefined" || window.matchMedia?.(WIDE_SCREEN).matches !== false);
  return (
    <details className="survey-about" open={isOpen}>
      <summary>{t("surveyAbout")}</summary>
      <p className="lead">{description}</p>
    </details>
  );
}
