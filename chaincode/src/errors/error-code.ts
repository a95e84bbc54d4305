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
    'EMS_CASE_EXISTS',
    'EMS_CASE_NOT_FOUND',
    'HANDOVER_NOT_SIGNED',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];
