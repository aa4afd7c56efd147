import type { ErrorDetail, Locale, SaveResponse } from "@passerelle/shared";
import { useEffect, useRef, useState } from "react";
import type { CompletingEvent, Model } from "survey-core";
import { ApiError } from "../../api/http";
import { navigate } from "../../app/navigation";
import { donePath } from "../../app/routes";
import { saveCredentials, type ResponseCredentials } from "./draft-storage";
import { ResponseSaver, type SaveState } from "./response-saver";
import { responseAddress } from "./response-address";
import { createResponse, getResponse, updateResponse } from "./responses.api";
import { answersToSubmit, applyFormLocale, showServerErrors } from "./survey-model";

export interface ResponseFormOptions {
  surveyId: string;
  model: Model;
  locale: Locale;
  /** The response being resumed, if any. */
  initialCredentials: ResponseCredentials | null;
  /** Its revision as loaded. */
  initialRevision: number | null;
  /** False for a response already submitted, or a questionnaire no longer open. */
  autosave: boolean;
  /** The invitation token the response is created with, when answering an invitation. */
  invitationToken: string | null;
}

export interface ResponseFormState {
  saveState: SaveState;
  credentials: ResponseCredentials | null;
  /** Server objections that name no question of the form (shown beside the status line). */
  unplacedErrors: ErrorDetail[];
  /** The respondent's way out of a conflict (`saveState.kind === "conflict"`). */
  conflict: ConflictChoice;
}

export interface ConflictChoice {
  /** Where the chosen way out stands: reading the saved version, or failed to. */
  progress: { kind: "idle" } | { kind: "working" } | { kind: "failed"; error: unknown };
  /** Shows the version saved elsewhere, dropping the unsaved local answers. */
  loadSaved(): void;
  /** Saves the local answers over the version saved elsewhere. */
  keepMine(): void;
}

/**
 * Connects a SurveyJS model to the server: autosaves drafts as answers change, submits on
 * completion (the form completes only once the server accepted), shows the server's
 * objections on the questions, and keeps the address bar on the resume link.
 */
export function useResponseForm({
  surveyId,
  model,
  locale,
  initialCredentials,
  initialRevision,
  autosave,
  invitationToken,
}: ResponseFormOptions): ResponseFormState {
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [credentials, setCredentials] = useState(initialCredentials);
  const [unplacedErrors, setUnplacedErrors] = useState<ErrorDetail[]>([]);
  // Read by the handlers at save time, so changing language does not re-attach them.
  const localeRef = useRef(locale);
  const credentialsRef = useRef(initialCredentials);
  const revisionRef = useRef(initialRevision);
  const saverRef = useRef<ResponseSaver | null>(null);
  const [conflictProgress, setConflictProgress] = useState<ConflictChoice["progress"]>({ kind: "idle" });

  // A response resumed from this device's memory (plain `/surveys/:id`) shows its resume
  // address too, so reloading or bookmarking keeps to the same response.
  useEffect(() => {
    const resumed = credentialsRef.current;
    if (!resumed) return;
    const path = responseAddress(surveyId, resumed);
    if (window.location.pathname + window.location.hash !== path) navigate(path, { replace: true });
  }, [surveyId]);

  useEffect(() => {
    localeRef.current = locale;
    applyFormLocale(model, locale);
  }, [model, locale]);

  useEffect(() => {
    let isAttached = true;
    const body = (): SaveResponse => ({ answers: model.data as Record<string, unknown>, status: "draft", locale: localeRef.current });

    const saver = new ResponseSaver({
      surveyId,
      credentials: credentialsRef.current,
      revision: revisionRef.current,
      api: {
        create: (id, draft, key) => createResponse(id, draft, key, invitationToken ?? undefined),
        update: updateResponse,
        read: getResponse,
      },
      autosave,
      onStateChange: setSaveState,
      onCreated: (response) => {
        const created = invitationToken ? { ...response, isInvitation: true } : response;
        credentialsRef.current = created;
        saveCredentials(surveyId, created);
        setCredentials(created);
        // A save that lands after the respondent left the page must not pull them back.
        if (isAttached) navigate(responseAddress(surveyId, created), { replace: true });
      },
    });

    saverRef.current = saver;
    const handleValueChanged = () => saver.scheduleDraft(body());
    const handlePageChanged = () => saver.flush();
    // SurveyJS waits for this promise and only then completes (or not); it must never reject,
    // or the form would stay blocked.
    const handleCompleting = async (_: Model, options: CompletingEvent): Promise<void> => {
      setUnplacedErrors([]);
      try {
        await saver.submit({ ...body(), answers: answersToSubmit(model) });
      } catch (error) {
        options.allow = false;
        if (error instanceof ApiError && error.code === "invalid_answers") {
          setUnplacedErrors(showServerErrors(model, error.details));
        }
      }
    };
    const guardedCompleting = (sender: Model, options: CompletingEvent): Promise<void> =>
      handleCompleting(sender, options).catch(() => {
        options.allow = false;
      });
    const handleComplete = () => {
      const saved = credentialsRef.current;
      if (saved) navigate(donePath(surveyId, saved.responseId, saved.resumeToken));
    };
    const handleVisibilityChange = () => {
      if (document.visibilityState === "hidden") saver.flush();
    };
    const handleOnline = () => saver.retryNow();
    const handleBeforeUnload = (event: BeforeUnloadEvent) => {
      saver.flush();
      // Ask before leaving while answers are still on their way (slow or absent connection).
      if (saver.hasUnsavedChanges) event.preventDefault();
    };

    model.onValueChanged.add(handleValueChanged);
    model.onCurrentPageChanged.add(handlePageChanged);
    model.onCompleting.add(guardedCompleting);
    model.onComplete.add(handleComplete);
    document.addEventListener("visibilitychange", handleVisibilityChange);
    window.addEventListener("online", handleOnline);
    window.addEventListener("beforeunload", handleBeforeUnload);
    return () => {
      isAttached = false;
      model.onValueChanged.remove(handleValueChanged);
      model.onCurrentPageChanged.remove(handlePageChanged);
      model.onCompleting.remove(guardedCompleting);
      model.onComplete.remove(handleComplete);
      document.removeEventListener("visibilitychange", handleVisibilityChange);
      window.removeEventListener("online", handleOnline);
      window.removeEventListener("beforeunload", handleBeforeUnload);
      // The next saver (same page, new options) starts from what this one saved last.
      revisionRef.current = saver.currentRevision;
      saverRef.current = null;
      saver.dispose();
    };
  }, [model, surveyId, autosave, invitationToken]);

  // Both ways out read the saved version first: its revision is what the next save must match.
  const resolveConflict = async (keepLocal: boolean): Promise<void> => {
    const saver = saverRef.current;
    const saved = credentialsRef.current;
    if (!saver || !saved) return;
    setConflictProgress({ kind: "working" });
    try {
      const latest = await getResponse(saved.responseId, saved.resumeToken);
      if (!keepLocal) model.data = latest.answers;
      saver.resolveConflict(latest.revision, { keepLocal });
      setConflictProgress({ kind: "idle" });
    } catch (error) {
      setConflictProgress({ kind: "failed", error });
    }
  };
  const conflict: ConflictChoice = {
    progress: conflictProgress,
    loadSaved: () => void resolveConflict(false),
    keepMine: () => void resolveConflict(true),
  };

  return { saveState, credentials, unplacedErrors, conflict };
}
