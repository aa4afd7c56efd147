/**
 * Remembers, per questionnaire, the response this device is working on, so reopening
 * `/surveys/:id` resumes it instead of starting over. The resume token is a bearer secret: it
 * stays on this device (and in the link the respondent copies), never in a URL sent to the server.
 */
export interface ResponseCredentials {
  responseId: string;
  resumeToken: string;
  /** The token is an invitation's: the response's address is the invitation link. */
  isInvitation?: boolean;
}

const keyFor = (surveyId: string): string => `passerelle.response.${surveyId}`;

export function loadCredentials(surveyId: string): ResponseCredentials | null {
  try {
    const raw = localStorage.getItem(keyFor(surveyId));
    if (raw === null) return null;
    const value: unknown = JSON.parse(raw);
    return isCredentials(value) ? value : null;
  } catch {
    return null;
  }
}

export function saveCredentials(surveyId: string, credentials: ResponseCredentials): void {
  try {
    localStorage.setItem(keyFor(surveyId), JSON.stringify(credentials));
  } catch {
    // Storage disabled or full: the resume link shown on screen still works.
  }
}

export function forgetCredentials(surveyId: string): void {
  try {
    localStorage.removeItem(keyFor(surveyId));
  } catch {
    // Nothing stored, nothing to forget.
  }
}

function isCredentials(value: unknown): value is ResponseCredentials {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.responseId === "string" &&
    typeof record.resumeToken === "string" &&
    (record.isInvitation === undefined || typeof record.isInvitation === "boolean")
  );
}
