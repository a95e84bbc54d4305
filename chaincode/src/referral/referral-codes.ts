import codesData from './referral-codes-data.json';

/**
 * Thai referral code systems used on the ledger (domain-standards §3,
 * sil-th terminology CS_THCC_Refer). Codes only, never free patient data.
 *
 * The lists come from `fixtures/referral-codes.json`, the one source the gateway and the web
 * client read too: `scripts/copy-referral-codes.mjs` (run by `npm run build`) writes them to
 * `referral-codes-data.json`, and `referral-codes.spec.ts` fails when that copy is stale.
 */

/** The code list `key` of the generated copy, checked once at load. */
function codeList(key: keyof typeof codesData): readonly string[] {
    const codes: unknown = codesData[key];
    if (!Array.isArray(codes) || codes.length === 0 || !codes.every((code) => typeof code === 'string' && code.length > 0)) {
        throw new Error(`referral-codes-data.json: ${key} must be a non-empty list of codes`);
    }
    return Object.freeze([...(codes as string[])]);
}

/** Refer reason: 1 diagnosis + treatment, 2 diagnosis, 3 continuing treatment/rehab, 4 care close to home, 5 patient request. */
export const REFER_REASON_CODES = codeList('referReason');
/** A code of {@link REFER_REASON_CODES}. */
export type ReferReasonCode = string;

/** Fast track: 01 STEMI, 02 stroke, 03 trauma, 04 cancer, 05 sepsis, 06 pregnancy/labour, 07 newborn, 99 other. */
export const FAST_TRACK_CODES = codeList('fastTrack');
/** A code of {@link FAST_TRACK_CODES}. */
export type FastTrackCode = string;

/** Patient category: I inpatient, O outpatient, E emergency. */
export const PATIENT_CATEGORIES = codeList('patientCategory');
/** A code of {@link PATIENT_CATEGORIES}. */
export type PatientCategory = string;

/** Care during transfer (file 44): 1 airway, 2 breathing, 3 IV fluid, 4 stop bleeding, 5 splint, 6 other. */
export const CARE_DURING_TRANSFER_CODES = codeList('careDuringTransfer');
/** A code of {@link CARE_DURING_TRANSFER_CODES}. */
export type CareDuringTransferCode = string;

const PRIORITY_CODES = codeList('priority').map(Number);
if (!PRIORITY_CODES.every((priority, index) => priority === index + 1)) {
    throw new Error('referral-codes-data.json: priority codes must be 1..n in order');
}

/** Priority: 1 life threatening, 2 emergency, 3 urgent, 4 acute, 5 non-acute. */
export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = PRIORITY_CODES.length;

/** Refer result (file 50 REFER_RESULT): 1 accepted, 2 refused, 3 died during transfer, 4 patient not found, 5 other. */
export const REFER_RESULT_CODES = codeList('referResult');
/** A code of {@link REFER_RESULT_CODES}. */
export type ReferResultCode = string;

/** Refer reason of a back-referral: care close to home. */
export const BACK_REFERRAL_REASON_CODE: ReferReasonCode = '4';
if (!REFER_REASON_CODES.includes(BACK_REFERRAL_REASON_CODE)) {
    throw new Error(`referral-codes-data.json: refer reason ${BACK_REFERRAL_REASON_CODE} (care close to home) is missing`);
}

/** Refer result code for a refusal: a number 1..9, optionally zero-padded to two digits. */
export const REFUSAL_REASON_CODE = /^0?[1-9]$/;

/** Maximum length of free-text notes and reasons. */
export const MAX_TEXT_LENGTH = 500;
