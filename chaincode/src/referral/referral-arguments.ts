import { ChaincodeError } from '../errors/chaincode-error';
import { MAX_TEXT_LENGTH, REFER_RESULT_CODES, REFUSAL_REASON_CODE, type ReferResultCode } from './referral-codes';

const REFERRAL_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Throws INVALID_ARGUMENT naming the field; never echoes the rejected value. */
export function invalidArgument(field: string, rule: string): ChaincodeError {
    return new ChaincodeError('INVALID_ARGUMENT', `${field} ${rule}`, { details: { field } });
}

/**
 * @returns `value` when it is a referral id (1..64 of `A-Z a-z 0-9 - _`)
 * @throws ChaincodeError INVALID_ARGUMENT otherwise
 */
export function parseReferralId(value: unknown, field = 'referralId'): string {
    if (typeof value !== 'string' || !REFERRAL_ID.test(value)) {
        throw invalidArgument(field, 'must be 1-64 characters of A-Z, a-z, 0-9, - or _');
    }
    return value;
}

/**
 * Free text of at most 500 characters.
 *
 * @param required - when true, the text must be non-blank
 * @throws ChaincodeError INVALID_ARGUMENT otherwise
 */
export function parseText(value: unknown, field: string, required: boolean): string {
    if (typeof value !== 'string') {
        throw invalidArgument(field, 'must be a string');
    }
    if (value.length > MAX_TEXT_LENGTH) {
        throw invalidArgument(field, `must be at most ${String(MAX_TEXT_LENGTH)} characters`);
    }
    if (required && value.trim().length === 0) {
        throw invalidArgument(field, 'is required');
    }
    return value;
}

/** A validated refusal: Thai refer result code and its reason. */
export interface RejectionArguments {
    readonly reasonCode: string;
    readonly reasonText: string;
}

/**
 * @throws ChaincodeError INVALID_ARGUMENT unless `reasonCode` is 1..9 (1-2 digits) and `reasonText` is 1..500 characters
 */
export function parseRejection(reasonCode: unknown, reasonText: unknown): RejectionArguments {
    if (typeof reasonCode !== 'string' || !REFUSAL_REASON_CODE.test(reasonCode)) {
        throw invalidArgument('reasonCode', 'must be a refer result code 1-9 (one or two digits)');
    }
    return { reasonCode, reasonText: parseText(reasonText, 'reasonText', true) };
}

function isReferResultCode(value: unknown): value is ReferResultCode {
    return typeof value === 'string' && (REFER_RESULT_CODES as readonly string[]).includes(value);
}

/** A validated episode result: file-50 refer result code and a note (possibly empty). */
export interface ResultArguments {
    readonly resultCode: ReferResultCode;
    readonly note: string;
}

/**
 * @throws ChaincodeError INVALID_ARGUMENT unless `resultCode` is one of 1..5 and `note` is at most 500 characters
 */
export function parseResult(resultCode: unknown, note: unknown): ResultArguments {
    if (!isReferResultCode(resultCode)) {
        throw invalidArgument('resultCode', `must be a refer result code ${REFER_RESULT_CODES.join(', ')}`);
    }
    return { resultCode, note: parseText(note, 'note', false) };
}
