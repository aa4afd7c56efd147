import type { SaveResponse } from "@passerelle/shared";

// The respondent API over HTTP, for tests that talk to a server process.

/** `POST /api/surveys/:surveyId/responses`. */
export function postResponse(baseUrl: string, surveyId: string, body: SaveResponse): Promise<Response> {
  return fetch(`${baseUrl}/api/surveys/${surveyId}/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** `PUT /api/responses/:id` with the resume token. */
export function putResponse(baseUrl: string, id: string, token: string, body: SaveResponse): Promise<Response> {
  return fetch(`${baseUrl}/api/responses/${id}`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

/** `GET /api/responses/:id` with the resume token. */
export function getResponse(baseUrl: string, id: string, token: string): Promise<Response> {
  return fetch(`${baseUrl}/api/responses/${id}`, { headers: { Authorization: `Bearer ${token}` } });
}
