import { canonicalJson, type ErrorDetail, type Locale, type ResponseStatus, type SaveResponse } from "@passerelle/shared";
import { useEffect, useRef, useState } from "react";
import type { CompletingEvent, Model } from "survey-core";
import { ApiError } from "../../api/http";
import { navigate } from "../../app/navigation";
import { donePath } from "../../app/routes";
import { forgetUnsent, keepUnsent, unsentKey, type UnsentAnswers } from "./device-store";
import { saveCredentials, type ResponseCredentials } from "./draft-storage";
import { randomIdempotencyKey, ResponseSaver, type SaveState } from "./response-saver";
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
  /** Answers this device kept and the server lacks (already on the form): sent at once. */
  unsent: UnsentAnswers | null;
  /** Where the device keeps this response's unsent answers. */
  unsentKey: string;
}

export interface ResponseFormState {
  saveState: SaveState;
  credentials: ResponseCredentials | null;
  /** Server objections that name no question of the form (shown beside the status line). */
  unplacedErrors: ErrorDetail[];
  /** The respondent's way out of a conflict (`saveState.kind === "conflict"`). */
  conflict: ConflictChoice;
  /** The device holds the answers the server does not have yet. */
  isKeptOnDevice: boolean;
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
 * completion (the completion page comes only once the server accepted; without a connection
 * the submission waits, queued, and goes out by itself), shows the server's objections on the
 * questions, and keeps the address bar on the resume link. Every change is also written to the
 * device (IndexedDB) until the server has it, so closing the tab offline loses nothing.
 */
export function useResponseForm({
  surveyId,
  model,
  locale,
  initialCredentials,
  initialRevision,
  autosave,
  invitationToken,
  unsent,
  unsentKey: initialUnsentKey,
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
  const [isKeptOnDevice, setIsKeptOnDevice] = useState(unsent !== null);
  // Read once: the device's copy is applied to the form when the page opens, not again.
  const unsentRef = useRef(unsent);
  const unsentKeyRef = useRef(initialUnsentKey);
  const isKeptRef = useRef(unsent !== null);

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
    const submission = (): SaveResponse => ({ ...body(), status: "submitted", answers: answersToSubmit(model) });
    // The creating request's key, kept with the answers: a creation retried after a reload is
    // recognised by the server as the same one.
    let creationKey = unsentRef.current?.creationKey ?? randomIdempotencyKey();
    let isCreationKeyDrawn = false;
    // A later draw (the server refused the first creation, which stored nothing) gets a new key.
    const drawCreationKey = (): string => {
      if (isCreationKeyDrawn) creationKey = randomIdempotencyKey();
      isCreationKeyDrawn = true;
      return creationKey;
    };
    let isSubmitting = false;

    // Writes are issued in order on one IndexedDB store, so the last one wins.
    const keepOnDevice = (status: ResponseStatus): void => {
      if (!autosave) return;
      const record: UnsentAnswers = {
        surveyId,
        responseId: credentialsRef.current?.responseId ?? null,
        answers: model.data as Record<string, unknown>,
        locale: localeRef.current,
        status,
        baseRevision: saverRef.current?.currentRevision ?? revisionRef.current,
        creationKey: credentialsRef.current ? null : creationKey,
        keptAt: new Date().toISOString(),
      };
      isKeptRef.current = false;
      void keepUnsent(unsentKeyRef.current, record).then((isKept) => {
        isKeptRef.current = isKept;
        if (isAttached) setIsKeptOnDevice(isKept);
      });
    };
    const forgetOnDevice = (): void => {
      isKeptRef.current = false;
      void forgetUnsent(unsentKeyRef.current);
      if (isAttached) setIsKeptOnDevice(false);
    };

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
      newIdempotencyKey: drawCreationKey,
      onStateChange: setSaveState,
      onSaved: (saved) => {
        if (saved.status === "submitted") return;
        // What the server now holds is the device's copy: nothing left to keep. Otherwise newer
        // answers wait, now over the revision this save made.
        if (!saver.hasWaitingChanges && !isSubmitting && canonicalJson(saved.answers) === canonicalJson(model.data)) forgetOnDevice();
        else keepOnDevice(isSubmitting ? "submitted" : "draft");
      },
      onCreated: (response) => {
        const created = invitationToken ? { ...response, isInvitation: true } : response;
        credentialsRef.current = created;
        saveCredentials(surveyId, created);
        setCredentials(created);
        // From now on the device keeps the answers under the response's own key.
        void forgetUnsent(unsentKeyRef.current);
        unsentKeyRef.current = unsentKey(surveyId, created.responseId, invitationToken);
        // A save that lands after the respondent left the page must not pull them back.
        if (isAttached) navigate(responseAddress(surveyId, created), { replace: true });
      },
    });

    saverRef.current = saver;
    // The completion page only once the server answered `submitted`; a refusal brings the
    // respondent back to the questions concerned. Offline, this waits (queued) for the connection.
    const submit = (): void => {
      if (isSubmitting) {
        saver.updateQueuedSubmission(submission());
        return;
      }
      isSubmitting = true;
      setUnplacedErrors([]);
      keepOnDevice("submitted");
      saver.submit(submission()).then(
        () => {
          isSubmitting = false;
          forgetOnDevice();
          const saved = credentialsRef.current;
          if (isAttached && saved) navigate(donePath(surveyId, saved.responseId, saved.resumeToken));
        },
        (error: unknown) => {
          isSubmitting = false;
          // Refused: the answers stay a draft on the device until corrected and sent again.
          keepOnDevice("draft");
          if (isAttached && error instanceof ApiError && error.code === "invalid_answers") {
            setUnplacedErrors(showServerErrors(model, error.details));
          }
        },
      );
    };
    const handleValueChanged = () => {
      if (isSubmitting) {
        saver.updateQueuedSubmission(submission());
        keepOnDevice("submitted");
        return;
      }
      keepOnDevice("draft");
      saver.scheduleDraft(body());
    };
    const handlePageChanged = () => saver.flush();
    // SurveyJS itself never completes the form: it has checked the answers, the server decides.
    const handleCompleting = (_: Model, options: CompletingEvent): void => {
      options.allow = false;
      submit();
    };
    const handleVisibilityChange = () => {
      if (document.visibilityState === "hidden") saver.flush();
    };
    const handleOnline = () => saver.retryNow();
    const handleBeforeUnload = (event: BeforeUnloadEvent) => {
      saver.flush();
      // Ask before leaving while answers are still on their way (slow or absent connection)
      // and the device could not keep them; kept, they come back when the link is reopened.
      if (saver.hasUnsavedChanges && !isKeptRef.current) event.preventDefault();
    };

    model.onValueChanged.add(handleValueChanged);
    model.onCurrentPageChanged.add(handlePageChanged);
    model.onCompleting.add(handleCompleting);
    document.addEventListener("visibilitychange", handleVisibilityChange);
    window.addEventListener("online", handleOnline);
    window.addEventListener("beforeunload", handleBeforeUnload);

    // Answers the device kept from an earlier visit (on the form already): send them now.
    const restored = unsentRef.current;
    unsentRef.current = null;
    if (restored?.status === "submitted") submit();
    else if (restored) {
      saver.scheduleDraft(body());
      saver.flush();
    }
    return () => {
      isAttached = false;
      model.onValueChanged.remove(handleValueChanged);
      model.onCurrentPageChanged.remove(handlePageChanged);
      model.onCompleting.remove(handleCompleting);
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
      if (!keepLocal) {
        void forgetUnsent(unsentKeyRef.current);
        setIsKeptOnDevice(false);
      }
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

  return { saveState, credentials, unplacedErrors, conflict, isKeptOnDevice };
}
