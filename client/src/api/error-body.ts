import type { ApiErrorBody, ErrorDetail } from "@passerelle/shared";

/**
 * Reads the shared error body (`{ error: { code, message, details? } }`) from a parsed JSON
 * answer, or `null` when it is not one (a proxy's page, a crashed server). It keeps only the
 * shared shape's fields, as `ApiErrorBodySchema` does; a test holds the two in agreement.
 *
 * Written by hand rather than with the zod schema: this runs on every page, and zod would be
 * the entry chunk's largest part (about 20 kB brotli) for a check of five fields on a line
 * where every kB costs a clerk time.
 */
export function readErrorBody(payload: unknown): ApiErrorBody | null {
  if (!isRecord(payload) || !isRecord(payload.error)) return null;
  const { code, message, details } = payload.error;
  if (typeof code !== "string" || typeof message !== "string") return null;
  if (details === undefined) return { error: { code, message } };
  if (!Array.isArray(details)) return null;
  const readDetails: ErrorDetail[] = [];
  for (const detail of details as unknown[]) {
    if (!isRecord(detail) || typeof detail.question !== "string" || typeof detail.message !== "string") return null;
    readDetails.push({ question: detail.question, message: detail.message });
  }
  return { error: { code, message, details: readDetails } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
