import { ChaincodeError } from '../errors/chaincode-error';
import { parseCreateReferralPayload } from './create-referral-payload';

const BASE = {
    referralId: 'CCO_2026-000123',
    toHcode: '10697',
    patientPseudonym: '0123456789abcdef'.repeat(4),
    reasonCode: '3',
    priority: 5,
};

function parse(fields: Record<string, unknown>): ReturnType<typeof parseCreateReferralPayload> {
    return parseCreateReferralPayload(JSON.stringify(fields));
}

function fieldError(fields: Record<string, unknown>): string {
    try {
        parse(fields);
    } catch (error) {
        expect(error).toBeInstanceOf(ChaincodeError);
        expect((error as ChaincodeError).code).toBe('INVALID_ARGUMENT');
        return (error as ChaincodeError).message;
    }
    throw new Error('expected INVALID_ARGUMENT');
}

describe('parseCreateReferralPayload', () => {
    it('accepts the required fields only', () => {
        expect(parse(BASE)).toEqual(BASE);
    });

    it('accepts every optional field', () => {
        const full = {
            ...BASE,
            fastTrack: '99',
            patientCategory: 'O',
            careDuringTransfer: ['6', '2'],
            clinicalSummaryHash: 'F'.repeat(64),
            expectedArrival: '2026-02-28T23:59:59.5Z',
            note: 'ต้องการเตียง ICU',
        };
        expect(parse(full)).toEqual({ ...full, careDuringTransfer: ['2', '6'], clinicalSummaryHash: 'f'.repeat(64) });
    });

    it('treats null optional fields as absent', () => {
        expect(parse({ ...BASE, fastTrack: null, note: null })).toEqual(BASE);
    });

    it.each<[string, Record<string, unknown>, string]>([
        ['missing referralId', { referralId: undefined }, 'referralId'],
        ['empty referralId', { referralId: '' }, 'referralId'],
        ['referralId of 65 characters', { referralId: 'a'.repeat(65) }, 'referralId'],
        ['referralId with a slash', { referralId: 'R/1' }, 'referralId'],
        ['toHcode of 4 digits', { toHcode: '1069' }, 'toHcode'],
        ['numeric toHcode', { toHcode: 10697 }, 'toHcode'],
        ['upper-case pseudonym', { patientPseudonym: 'A'.repeat(64) }, 'patientPseudonym'],
        ['short pseudonym', { patientPseudonym: 'a'.repeat(63) }, 'patientPseudonym'],
        ['reason 6', { reasonCode: '6' }, 'reasonCode'],
        ['numeric reason', { reasonCode: 1 }, 'reasonCode'],
        ['priority 0', { priority: 0 }, 'priority'],
        ['priority 6', { priority: 6 }, 'priority'],
        ['fractional priority', { priority: 2.5 }, 'priority'],
        ['string priority', { priority: '2' }, 'priority'],
        ['fast track 08', { fastTrack: '08' }, 'fastTrack'],
        ['patient category X', { patientCategory: 'X' }, 'patientCategory'],
        ['care codes not an array', { careDuringTransfer: '1' }, 'careDuringTransfer'],
        ['care code 7', { careDuringTransfer: ['7'] }, 'careDuringTransfer[]'],
        ['repeated care code', { careDuringTransfer: ['1', '1'] }, 'careDuringTransfer'],
        ['short hash', { clinicalSummaryHash: 'a'.repeat(63) }, 'clinicalSummaryHash'],
        ['date without time', { expectedArrival: '2026-01-01' }, 'expectedArrival'],
        ['time without offset', { expectedArrival: '2026-01-01T10:00:00' }, 'expectedArrival'],
        ['impossible date', { expectedArrival: '2026-02-30T10:00:00Z' }, 'expectedArrival'],
        ['hour 24', { expectedArrival: '2026-01-01T24:00:00Z' }, 'expectedArrival'],
        ['note over 500 characters', { note: 'x'.repeat(501) }, 'note'],
        ['non-string note', { note: 5 }, 'note'],
    ])('rejects %s', (_label, change, field) => {
        expect(fieldError({ ...BASE, ...change })).toMatch(new RegExp(`^INVALID_ARGUMENT: ${field.replace(/[[\]]/g, '\\$&')} `));
    });

    it('rejects unknown fields, naming them but not their values', () => {
        const message = fieldError({ ...BASE, cid: '1234567890123', patientName: 'secret' });
        expect(message).toBe('INVALID_ARGUMENT: payload has unknown fields: cid, patientName');
    });

    it.each(['[]', 'null', '"text"', '42', '{'])('rejects the non-object payload %s', (json) => {
        expect(() => parseCreateReferralPayload(json)).toThrow(/^INVALID_ARGUMENT: payload /);
    });

    describe('kind and parentReferralId', () => {
        it('keeps an explicit kind referral without a parent', () => {
            expect(parse({ ...BASE, kind: 'referral' })).toEqual({ ...BASE, kind: 'referral' });
        });

        it.each(['back-referral', 'onward'])('accepts kind %s with a parent and without a pseudonym', (kind) => {
            const { patientPseudonym: _omitted, ...withoutPseudonym } = BASE;
            expect(parse({ ...withoutPseudonym, kind, parentReferralId: 'R-0001' })).toEqual({ ...withoutPseudonym, kind, parentReferralId: 'R-0001' });
        });

        it('keeps a pseudonym given with a parent (the contract compares it)', () => {
            expect(parse({ ...BASE, kind: 'onward', parentReferralId: 'R-0001' }).patientPseudonym).toBe(BASE.patientPseudonym);
        });

        it('treats null kind and parent as absent', () => {
            expect(parse({ ...BASE, kind: null, parentReferralId: null })).toEqual(BASE);
        });

        it.each<[string, Record<string, unknown>, string]>([
            ['an unknown kind', { kind: 'transfer' }, 'kind'],
            ['a back-referral without parent', { kind: 'back-referral' }, 'parentReferralId'],
            ['an onward referral without parent', { kind: 'onward' }, 'parentReferralId'],
            ['a parent without kind', { parentReferralId: 'R-0001' }, 'kind'],
            ['a parent with kind referral', { kind: 'referral', parentReferralId: 'R-0001' }, 'kind'],
            ['a malformed parent id', { kind: 'onward', parentReferralId: 'R 1' }, 'parentReferralId'],
            ['a parent equal to the id', { kind: 'onward', parentReferralId: BASE.referralId }, 'parentReferralId'],
            ['a bad pseudonym with a parent', { kind: 'onward', parentReferralId: 'R-0001', patientPseudonym: 'x' }, 'patientPseudonym'],
            ['a missing pseudonym without parent', { patientPseudonym: undefined }, 'patientPseudonym'],
        ])('rejects %s', (_label, change, field) => {
            expect(fieldError({ ...BASE, ...change })).toMatch(new RegExp(`^INVALID_ARGUMENT: ${field} `));
        });
    });
});
