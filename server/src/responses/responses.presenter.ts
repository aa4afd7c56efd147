import type { CreatedResponse, ResponseView, SavedResponse } from "@passerelle/shared";
import type { StoredResponse } from "../store/store.port";

/** The fields a respondent sees of their own response; never the token hash. */
export function presentResponse(response: StoredResponse): ResponseView {
  return {
    id: response.id,
    surveyId: response.surveyId,
    status: response.status,
    version: response.version,
    locale: response.locale,
    answers: response.answers,
    revision: response.revision,
    createdAt: response.createdAt.toISOString(),
    updatedAt: response.updatedAt.toISOString(),
    submittedAt: response.submittedAt?.toISOString() ?? null,
  };
}

export function presentCreatedResponse(response: StoredResponse, resumeToken: string): CreatedResponse {
  return { ...presentSavedResponse(response), resumeToken };
}

export function presentSavedResponse(response: StoredResponse): SavedResponse {
  return { id: response.id, status: response.status, version: response.version, revision: response.revision };
}
