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
  | 'PEER_UNAVAILABLE'
  | 'STORE_UNAVAILABLE'
  | 'LEDGER_CONFLICT'
  | 'LEDGER_CORRUPT'
  | 'ADL_SCORE_OUT_OF_RANGE'
  | 'COC_TEAM_INVALID'
  | 'COC_CASE_EXISTS'
  | 'COC_CASE_NOT_FOUND'
  | 'COC_CASE_CLOSED'
  | 'COC_VISIT_EXISTS'
  | 'COC_VISIT_NOT_FOUND'
  | 'COC_VISIT_BEFORE_CASE'
  | 'COC_NOT_IN_TEAM'
  | 'COC_SELF_COUNTERSIGN'
  | 'COC_ALREADY_COUNTERSIGNED'
  | 'COC_DETAILS_NOT_FOUND'
  | 'PLAN_NOT_FOUND'
  | 'PLAN_EXISTS'
  | 'ALREADY_DISPENSED'
  | 'TOO_EARLY'
  | 'UNKNOWN_DRUG_CODE'
  | 'CONFIRMATION_MISMATCH'
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
  PEER_UNAVAILABLE: 503,
  STORE_UNAVAILABLE: 503,
  LEDGER_CORRUPT: 500,
  PLAN_NOT_FOUND: 404,
  PLAN_EXISTS: 409,
  ALREADY_DISPENSED: 409,
  TOO_EARLY: 409,
  UNKNOWN_DRUG_CODE: 400,
  CONFIRMATION_MISMATCH: 400,
  INTERNAL: 500,
  ADL_SCORE_OUT_OF_RANGE: 400,
  COC_TEAM_INVALID: 400,
  COC_CASE_EXISTS: 409,
  COC_CASE_NOT_FOUND: 404,
  COC_CASE_CLOSED: 409,
  COC_VISIT_EXISTS: 409,
  COC_VISIT_NOT_FOUND: 404,
  COC_VISIT_BEFORE_CASE: 409,
  COC_NOT_IN_TEAM: 403,
  COC_SELF_COUNTERSIGN: 403,
  COC_ALREADY_COUNTERSIGNED: 409,
  COC_DETAILS_NOT_FOUND: 404,
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
