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
  | 'PAYLOAD_TOO_LARGE'
  | 'LEDGER_UNAVAILABLE'
  | 'STORE_UNAVAILABLE'
  | 'LEDGER_CONFLICT'
  | 'LEDGER_CORRUPT'
  | 'TOO_MANY_ATTEMPTS'
  | 'HEALTH_ID_INVALID'
  | 'HEALTH_ID_EXPIRED'
  | 'OTP_INVALID'
  | 'OTP_EXPIRED'
  | 'CITIZEN_EXISTS'
  | 'CITIZEN_NOT_FOUND'
  | 'NOT_ELIGIBLE'
  | 'SLOT_NOT_FOUND'
  | 'SLOT_IN_PAST'
  | 'SLOT_NOT_OPEN'
  | 'SLOT_FULL'
  | 'SLOT_HAS_SEATS'
  | 'ALREADY_BOOKED'
  | 'ALREADY_WAITING'
  | 'BOOKING_NOT_FOUND'
  | 'BOOKING_EXISTS'
  | 'BOOKING_NOT_ACTIVE'
  | 'NO_BOOKING_TODAY'
  | 'UNKNOWN_SERVICE'
  | 'UNKNOWN_TAMBON'
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
  PAYLOAD_TOO_LARGE: 413,
  LEDGER_CONFLICT: 409,
  LEDGER_UNAVAILABLE: 503,
  STORE_UNAVAILABLE: 503,
  LEDGER_CORRUPT: 500,
  TOO_MANY_ATTEMPTS: 429,
  HEALTH_ID_INVALID: 400,
  HEALTH_ID_EXPIRED: 401,
  OTP_INVALID: 400,
  OTP_EXPIRED: 400,
  CITIZEN_EXISTS: 409,
  CITIZEN_NOT_FOUND: 404,
  NOT_ELIGIBLE: 422,
  SLOT_NOT_FOUND: 404,
  SLOT_IN_PAST: 422,
  SLOT_NOT_OPEN: 422,
  SLOT_FULL: 409,
  SLOT_HAS_SEATS: 409,
  ALREADY_BOOKED: 409,
  ALREADY_WAITING: 409,
  BOOKING_NOT_FOUND: 404,
  BOOKING_EXISTS: 409,
  BOOKING_NOT_ACTIVE: 409,
  NO_BOOKING_TODAY: 404,
  UNKNOWN_SERVICE: 400,
  UNKNOWN_TAMBON: 400,
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
