import { z } from "zod";

/**
 * The one catalogue of problems the API reports. Server and client both read it: the server
 * to pick the HTTP status, the client to decide what to tell the user (it switches on `code`,
 * never on `message`).
 */
export const ERROR_STATUS = {
  malformed_json: 400,
  invalid_request: 400,
  invalid_import: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_rejected: 403,
  account_disabled: 403,
  password_change_required: 403,
  invitation_required: 403,
  invitation_invalid: 403,
  survey_not_found: 404,
  response_not_found: 404,
  question_not_found: 404,
  route_not_found: 404,
  matching_authority_not_found: 404,
  introduction_not_found: 404,
  excerpt_not_found: 404,
  survey_closed: 409,
  already_submitted: 409,
  edit_conflict: 409,
  account_exists: 409,
  account_in_use: 409,
  response_exists: 409,
  import_conflict: 409,
  introduction_exists: 409,
  introduction_transition_invalid: 409,
  weights_changed: 409,
  response_changed: 412,
  introduction_changed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_answers: 422,
  idempotency_key_reused: 422,
  invalid_questionnaire: 422,
  too_many_requests: 429,
  internal: 500,
  store_unavailable: 503,
  validation_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

// The schemas here and in `access.ts` are marked pure, their parts too (a bundler keeps a pure
// call's arguments): a bundle that reads none of them, like the respondent page's, which reads
// only `ERROR_STATUS` and `CSRF_HEADER`, leaves zod out altogether.
export const ErrorDetailSchema = /* @__PURE__ */ z.object({
  /** The question (or request field) at fault. */
  question: /* @__PURE__ */ z.string(),
  message: /* @__PURE__ */ z.string(),
});
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

export const ApiErrorBodySchema = /* @__PURE__ */ z.object({
  error: /* @__PURE__ */ z.object({
    code: /* @__PURE__ */ z.string(),
    message: /* @__PURE__ */ z.string(),
    details: /* @__PURE__ */ z.array(ErrorDetailSchema).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
