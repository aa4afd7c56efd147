import type { CreatedResponse, ResponseStatus, ResponseView, SaveResponse } from "@passerelle/shared";
import { request } from "../../api/http";

/** What `PUT /api/responses/:id` returns. */
export interface UpdatedResponse {
  id: string;
  status: ResponseStatus;
  version: string;
}

/** Creates a response (draft or submitted); the answer holds the resume token, shown only this once. */
export function createResponse(surveyId: string, body: SaveResponse): Promise<CreatedResponse> {
  return request<CreatedResponse>("POST", `/api/surveys/${encodeURIComponent(surveyId)}/responses`, { body });
}

/** Replaces the answers of a response the resume token gives access to. */
export function updateResponse(responseId: string, resumeToken: string, body: SaveResponse): Promise<UpdatedResponse> {
  return request<UpdatedResponse>("PUT", `/api/responses/${encodeURIComponent(responseId)}`, {
    body,
    bearerToken: resumeToken,
  });
}

/** Reads back a response to resume it. */
export function getResponse(responseId: string, resumeToken: string, signal?: AbortSignal): Promise<ResponseView> {
  return request<ResponseView>("GET", `/api/responses/${encodeURIComponent(responseId)}`, {
    bearerToken: resumeToken,
    signal,
  });
}
