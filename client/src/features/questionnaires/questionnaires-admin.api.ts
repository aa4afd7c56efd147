import type { ManagedQuestionnaireView, QuestionnairePublished, QuestionnaireSettings, QuestionnaireUploadCheck } from "@passerelle/shared";
import { request } from "../../api/http";

/** The calls of the questionnaires' administration: settings, and uploads checked then published. */

export function listManagedQuestionnaires(signal?: AbortSignal): Promise<{ questionnaires: ManagedQuestionnaireView[] }> {
  return request("GET", "/api/admin/questionnaires", { signal });
}

export function changeSettings(surveyId: string, settings: QuestionnaireSettings): Promise<ManagedQuestionnaireView> {
  return request("PUT", `/api/admin/questionnaires/${encodeURIComponent(surveyId)}/settings`, { body: settings });
}

/** The file's text is sent as it is, so that the server's messages name its lines and paths. */
export function checkUpload(file: { name: string; text: string }): Promise<QuestionnaireUploadCheck> {
  return request("POST", `/api/admin/questionnaires/check?fileName=${encodeURIComponent(file.name)}`, {
    text: { body: file.text, contentType: "application/json" },
  });
}

export function publishUpload(file: { name: string; text: string }): Promise<QuestionnairePublished> {
  return request("POST", `/api/admin/questionnaires?fileName=${encodeURIComponent(file.name)}`, { text: { body: file.text, contentType: "application/json" } });
}
