import type { ErrorCode } from "@passerelle/shared";
import { ApiError, NetworkError } from "../api/http";
import type { MessageKey } from "./messages";

/**
 * What to tell the respondent for each problem the API reports. Keyed by the shared catalogue
 * (`ERROR_STATUS`), so a code added there without a message here fails the type check.
 */
const MESSAGE_BY_CODE: Record<ErrorCode | "unknown", MessageKey> = {
  malformed_json: "errorInvalidRequest",
  invalid_request: "errorInvalidRequest",
  unauthenticated: "errorUnauthenticated",
  invalid_credentials: "errorInvalidCredentials",
  csrf_rejected: "errorCsrf",
  account_exists: "errorAccountExists",
  account_in_use: "errorAccountInUse",
  account_disabled: "errorAccountDisabled",
  password_change_required: "errorPasswordChangeRequired",
  invalid_import: "errorInvalidImport",
  invitation_required: "errorInvitationRequired",
  invitation_invalid: "errorInvitationInvalid",
  response_exists: "errorResponseExists",
  import_conflict: "errorImportConflict",
  too_many_requests: "errorTooManyRequests",
  forbidden: "errorForbidden",
  survey_not_found: "errorSurveyNotFound",
  response_not_found: "errorResponseNotFound",
  route_not_found: "errorRouteNotFound",
  question_not_found: "errorRouteNotFound",
  survey_closed: "errorSurveyClosed",
  already_submitted: "errorAlreadySubmitted",
  edit_conflict: "errorEditConflict",
  response_changed: "errorResponseChanged",
  payload_too_large: "errorPayloadTooLarge",
  unsupported_media_type: "errorUnsupportedMediaType",
  invalid_answers: "errorInvalidAnswers",
  idempotency_key_reused: "errorIdempotencyKeyReused",
  internal: "errorInternal",
  store_unavailable: "errorStoreUnavailable",
  validation_unavailable: "errorStoreUnavailable",
  matching_authority_not_found: "errorMatchingNotFound",
  introduction_not_found: "errorMatchingNotFound",
  excerpt_not_found: "errorExcerptNotFound",
  introduction_exists: "errorIntroductionExists",
  introduction_transition_invalid: "errorIntroductionTransition",
  introduction_changed: "errorMatchingChanged",
  weights_changed: "errorMatchingChanged",
  invalid_questionnaire: "errorInvalidQuestionnaire",
  unknown: "errorUnknown",
};

/** The friendly message for any error thrown while talking to the API. */
export function errorMessageKey(error: unknown): MessageKey {
  if (error instanceof NetworkError) return "errorNetwork";
  if (error instanceof ApiError) return MESSAGE_BY_CODE[error.code];
  return "errorUnknown";
}
