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
  | 'INTERNAL'
  // kiosk (issue 13)
  | 'CARD_UNKNOWN'
  | 'RIGHT_EXPIRED'
  | 'RIGHT_NOT_OPENABLE'
  | 'RIGHTS_AGENT_TIMEOUT'
  | 'RIGHTS_AGENT_ERROR'
  | 'VISIT_NOT_FOUND'
  | 'KIOSK_SESSION_NOT_FOUND'
  | 'NO_COPAY_RULE'
  | 'BILL_ALREADY_PAID'
  | 'PAYMENT_IN_PROGRESS'
  | 'PAYMENT_NOT_FOUND'
  | 'PAYMENT_NOT_PENDING'
  | 'AMOUNT_MISMATCH'
  | 'BAD_SIGNATURE'
  | 'CARD_DECLINED'
  | 'CLIENT_KEY_REUSED'
  | 'RECEIPT_NOT_FOUND'
  | 'RECEIPT_ALREADY_VOIDED'
  | 'RECEIPT_EXISTS'
  | 'RIGHT_EVENT_EXISTS';

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
  INTERNAL: 500,
  CARD_UNKNOWN: 404,
  RIGHT_EXPIRED: 409,
  RIGHT_NOT_OPENABLE: 409,
  RIGHTS_AGENT_TIMEOUT: 504,
  RIGHTS_AGENT_ERROR: 502,
  VISIT_NOT_FOUND: 404,
  KIOSK_SESSION_NOT_FOUND: 404,
  NO_COPAY_RULE: 409,
  BILL_ALREADY_PAID: 409,
  PAYMENT_IN_PROGRESS: 409,
  PAYMENT_NOT_FOUND: 404,
  PAYMENT_NOT_PENDING: 409,
  AMOUNT_MISMATCH: 400,
  BAD_SIGNATURE: 401,
  CARD_DECLINED: 402,
  CLIENT_KEY_REUSED: 409,
  RECEIPT_NOT_FOUND: 404,
  RECEIPT_ALREADY_VOIDED: 409,
  RECEIPT_EXISTS: 409,
  RIGHT_EVENT_EXISTS: 409,
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
