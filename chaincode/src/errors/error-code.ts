/**
 * Stable error codes. Every chaincode error message starts with one of these,
 * followed by `: ` and a human-readable message; the gateway maps the code to
 * an HTTP status. Never rename a code: clients match on it.
 */
export const ERROR_CODES = [
    'INVALID_ARGUMENT',
    'UNKNOWN_HCODE',
    'REFERRAL_EXISTS',
    'REFERRAL_NOT_FOUND',
    'INVALID_TRANSITION',
    'FORBIDDEN_ROLE',
    'FORBIDDEN_UNIT',
    'MISSING_ATTRIBUTE',
    'LEDGER_CORRUPT',
    'CLINICAL_SUMMARY_NOT_FOUND',
    'ADL_SCORE_OUT_OF_RANGE',
    'COC_CASE_EXISTS',
    'COC_CASE_NOT_FOUND',
    'COC_CASE_CLOSED',
    'COC_VISIT_EXISTS',
    'COC_VISIT_NOT_FOUND',
    'COC_VISIT_BEFORE_CASE',
    'COC_NOT_IN_TEAM',
    'COC_SELF_COUNTERSIGN',
    'COC_ALREADY_COUNTERSIGNED',
    'COC_DETAILS_NOT_FOUND',
    'PLAN_NOT_FOUND',
    'PLAN_EXISTS',
    'ALREADY_DISPENSED',
    'TOO_EARLY',
    'UNKNOWN_DRUG_CODE',
    'CONFIRMATION_MISMATCH',
    // kiosk (issue 13)
    'RECEIPT_EXISTS',
    'RECEIPT_ALREADY_VOIDED',
    'RIGHT_EVENT_EXISTS',
    'EMS_CASE_EXISTS',
    'EMS_CASE_NOT_FOUND',
    'HANDOVER_NOT_SIGNED',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];
