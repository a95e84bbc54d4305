import { ChaincodeError } from './chaincode-error';
import { ERROR_CODES } from './error-code';

describe('ChaincodeError', () => {
    it('prefixes the message with the stable code and keeps details and cause', () => {
        const cause = new Error('low level');
        const error = new ChaincodeError('REFERRAL_NOT_FOUND', 'referral R-1 does not exist', { details: { id: 'R-1' }, cause });
        expect(error).toBeInstanceOf(Error);
        expect(error.name).toBe('ChaincodeError');
        expect(error.code).toBe('REFERRAL_NOT_FOUND');
        expect(error.message).toBe('REFERRAL_NOT_FOUND: referral R-1 does not exist');
        expect(error.details).toEqual({ id: 'R-1' });
        expect(error.cause).toBe(cause);
    });

    it('defaults to empty details and no cause', () => {
        const error = new ChaincodeError('INVALID_ARGUMENT', 'x');
        expect(error.details).toEqual({});
        expect(error.cause).toBeUndefined();
    });

    it('keeps the published list of codes', () => {
        expect(ERROR_CODES).toEqual([
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
            'RECEIPT_EXISTS',
            'RECEIPT_ALREADY_VOIDED',
            'RIGHT_EVENT_EXISTS',
            'EMS_CASE_EXISTS',
            'EMS_CASE_NOT_FOUND',
            'HANDOVER_NOT_SIGNED',
        ]);
    });
});
