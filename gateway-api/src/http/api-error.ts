/** Stable machine-readable error codes returned by the API as `{ error: { code, message } }`. */
export type ErrorCode =
  | 'MALFORMED_JSON'
  | 'VALIDATION_FAILED'
  | 'INVALID_ARGUMENT'
  | 'INVALID_CID'
  | 'UNKNOWN_HCODE'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'FORBIDDEN_ROLE'
  | 'FORBIDDEN_UNIT'
  | 'MISSING_ATTRIBUTE'
  | 'NOT_FOUND'
  | 'REFERRAL_NOT_FOUND'
  | 'CLINICAL_SUMMARY_NOT_FOUND'
  | 'REFERRAL_EXISTS'
  | 'INVALID_TRANSITION'
  | 'UNKNOWN_COMPLAINT'
  | 'INVALID_ANSWER'
  | 'UNKNOWN_LOCATION'
  | 'UNKNOWN_EMS_UNIT'
  | 'EMS_CASE_NOT_FOUND'
  | 'EMS_CASE_EXISTS'
  | 'UNIT_COMMITTED'
  | 'UNIT_LEVEL_INSUFFICIENT'
  | 'HANDOVER_NOT_SIGNED'
  | 'PAYLOAD_TOO_LARGE'
  | 'LEDGER_UNAVAILABLE'
  | 'STORE_UNAVAILABLE'
  | 'LEDGER_CONFLICT'
  | 'LEDGER_CORRUPT'
  | 'INTERNAL';

const STATUS: Record<ErrorCode, number> = {
  MALFORMED_JSON: 400,
  VALIDATION_FAILED: 400,
  INVALID_ARGUMENT: 400,
  INVALID_CID: 400,
  UNKNOWN_HCODE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN_ROLE: 403,
  FORBIDDEN_UNIT: 403,
  MISSING_ATTRIBUTE: 403,
  NOT_FOUND: 404,
  REFERRAL_NOT_FOUND: 404,
  CLINICAL_SUMMARY_NOT_FOUND: 404,
  REFERRAL_EXISTS: 409,
  INVALID_TRANSITION: 409,
  UNKNOWN_COMPLAINT: 400,
  INVALID_ANSWER: 400,
  UNKNOWN_LOCATION: 400,
  UNKNOWN_EMS_UNIT: 404,
  EMS_CASE_NOT_FOUND: 404,
  EMS_CASE_EXISTS: 409,
  UNIT_COMMITTED: 409,
  UNIT_LEVEL_INSUFFICIENT: 409,
  HANDOVER_NOT_SIGNED: 409,
  PAYLOAD_TOO_LARGE: 413,
  LEDGER_CONFLICT: 409,
  LEDGER_UNAVAILABLE: 503,
  STORE_UNAVAILABLE: 503,
  LEDGER_CORRUPT: 500,
  INTERNAL: 500,
};

/** An error the API reports to the caller with a stable code and HTTP status. */
export class ApiError extends Error {
  public readonly code: ErrorCode;
  public readonly status: number;
  public readonly details: unknown;

  public constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }
}

/** True when `code` is one of the API's error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(STATUS, code);
}
