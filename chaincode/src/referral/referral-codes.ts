/**
 * Thai referral code systems used on the ledger (domain-standards §3,
 * sil-th terminology CS_THCC_Refer). Codes only, never free patient data.
 */

/** Refer reason: 1 diagnosis + treatment, 2 diagnosis, 3 continuing treatment/rehab, 4 care close to home, 5 patient request. */
export const REFER_REASON_CODES = ['1', '2', '3', '4', '5'] as const;
export type ReferReasonCode = (typeof REFER_REASON_CODES)[number];

/** Fast track: 01 STEMI, 02 stroke, 03 trauma, 04 cancer, 05 sepsis, 06 pregnancy/labour, 07 newborn, 99 other. */
export const FAST_TRACK_CODES = ['01', '02', '03', '04', '05', '06', '07', '99'] as const;
export type FastTrackCode = (typeof FAST_TRACK_CODES)[number];

/** Patient category: I inpatient, O outpatient, E emergency. */
export const PATIENT_CATEGORIES = ['I', 'O', 'E'] as const;
export type PatientCategory = (typeof PATIENT_CATEGORIES)[number];

/** Care during transfer (file 44): 1 airway, 2 breathing, 3 IV fluid, 4 stop bleeding, 5 splint, 6 other. */
export const CARE_DURING_TRANSFER_CODES = ['1', '2', '3', '4', '5', '6'] as const;
export type CareDuringTransferCode = (typeof CARE_DURING_TRANSFER_CODES)[number];

/** Priority: 1 life threatening, 2 emergency, 3 urgent, 4 acute, 5 non-acute. */
export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 5;

/** Refer result (file 50 REFER_RESULT): 1 accepted, 2 refused, 3 died during transfer, 4 patient not found, 5 other. */
export const REFER_RESULT_CODES = ['1', '2', '3', '4', '5'] as const;
export type ReferResultCode = (typeof REFER_RESULT_CODES)[number];

/** Refer reason of a back-referral: care close to home. */
export const BACK_REFERRAL_REASON_CODE: ReferReasonCode = '4';

/** Refer result code for a refusal: a number 1..9, optionally zero-padded to two digits. */
export const REFUSAL_REASON_CODE = /^0?[1-9]$/;

/** Maximum length of free-text notes and reasons. */
export const MAX_TEXT_LENGTH = 500;
