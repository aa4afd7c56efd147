import { ERROR_STATUS, type ErrorCode, type ErrorDetail } from "@passerelle/shared";

/** The one error type services throw; the error middleware turns it into the shared error body. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}
