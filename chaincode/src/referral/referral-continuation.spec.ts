import { KeyEndorsementPolicy } from 'fabric-shim';
import type { ErrorCode } from '../errors/error-code';
import { identity, type FakeIdentity } from '../test-support/fake-ledger';
import {
    BANG_KHLA_CLINICIAN,
    BANG_PAKONG_CLINICIAN,
    BUDDHASOTHORN_CLINICIAN,
    BUDDHASOTHORN_NURSE,
    expectFailure,
    HEALTH_CENTRE_CLINICIAN,
    OTHER_PSEUDONYM,
    payload,
    PROVINCIAL_AUDITOR,
    PSEUDONYM,
    REFERRAL_KEY,
    ReferralHarness,
} from '../test-support/referral-harness';
import { REFERRAL_STATUSES, type Referral, type ReferralStatus } from './referral';

/** A back-referral of parent R-0001 (Bang Khla → Buddhasothorn) to health centre 03903 (Bang Khla's). */
function backReferral(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        referralId: 'R-0002',
        kind: 'back-referral',
        parentReferralId: 'R-0001',
        toHcode: '03903',
        patientPseudonym: undefined,
        reasonCode: '4',
        priority: 5,
        ...overrides,
    };
}

/** An onward referral of parent R-0001 to Bang Pakong hospital 11140. */
function onward(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        referralId: 'R-0002',
        kind: 'onward',
        parentReferralId: 'R-0001',
        toHcode: '11140',
        patientPseudonym: undefined,
        reasonCode: '1',
        priority: 2,
        ...overrides,
    };
}

const CONTINUABLE: readonly ReferralStatus[] = ['accepted', 'arrived', 'completed'];

describe('back-referrals and onward referrals', () => {
    let h: ReferralHarness;

    beforeEach(() => {
        h = new ReferralHarness();
    });

    async function createChild(who: FakeIdentity, fields: Record<string, unknown>): Promise<Awaited<ReturnType<ReferralHarness['call']>>> {
        return h.call(who, (ctx) => h.contract.CreateReferral(ctx, payload(fields)));
    }

    describe('back-referral', () => {
        it('goes from the parent receiving unit to a health centre, inheriting the patient', async () => {
            await h.referralIn('completed');
            const { result, error, txId } = await createChild(BUDDHASOTHORN_CLINICIAN, backReferral());
            expect(error).toBeUndefined();
            const child = JSON.parse(result as string) as Referral;
            expect(child).toEqual({
                docType: 'referral',
                id: 'R-0002',
                kind: 'back-referral',
                parentReferralId: 'R-0001',
                status: 'requested',
                fromHcode: '10697',
                toHcode: '03903',
                fromMsp: 'BuddhasothornMSP',
                toMsp: 'BangKhlaMSP',
                patientPseudonym: PSEUDONYM,
                reasonCode: '4',
                priority: 5,
                createdAt: child.createdAt,
                updatedAt: child.createdAt,
                steps: [
                    {
                        action: 'create',
                        status: 'requested',
                        txId,
                        at: child.createdAt,
                        mspId: 'BuddhasothornMSP',
                        hcode: '10697',
                        role: 'clinician',
                        actor: 'dr.bs01',
                    },
                ],
            });
            expect(h.stored('R-0002')).toEqual(child);
            const policy = new KeyEndorsementPolicy(h.ledger.validationParameters.get(REFERRAL_KEY('R-0002')));
            expect(policy.listOrgs().sort()).toEqual(['BangKhlaMSP', 'BuddhasothornMSP']);
            expect(h.ledger.state.has('\u0000referral~to\u000003903\u0000R-0002\u0000')).toBe(true);
            expect(h.ledger.state.has('\u0000referral~from\u000010697\u0000R-0002\u0000')).toBe(true);
        });

        it('leaves the parent unchanged', async () => {
            const parent = await h.referralIn('accepted');
            await createChild(BUDDHASOTHORN_CLINICIAN, backReferral());
            expect(h.stored('R-0001')).toEqual(parent);
        });

        it('accepts the parent pseudonym repeated in the payload', async () => {
            await h.referralIn('accepted');
            const { error } = await createChild(BUDDHASOTHORN_CLINICIAN, backReferral({ patientPseudonym: PSEUDONYM }));
            expect(error).toBeUndefined();
        });

        it('can go to a health centre of the receiving hospital itself (same MSP)', async () => {
            await h.referralIn('accepted');
            const { result, error } = await createChild(BUDDHASOTHORN_CLINICIAN, backReferral({ toHcode: '03999' }));
            expect(error).toBeUndefined();
            expect(JSON.parse(result as string)).toMatchObject({ fromMsp: 'BuddhasothornMSP', toMsp: 'BuddhasothornMSP' });
        });

        it.each<[string, Record<string, unknown>]>([
            ['reason 1', { reasonCode: '1' }],
            ['reason 5', { reasonCode: '5' }],
            ['a hospital destination', { toHcode: '11140' }],
            ['the parent sending hospital', { toHcode: '11138' }],
            ['another patient', { patientPseudonym: OTHER_PSEUDONYM }],
        ])('refuses %s with INVALID_ARGUMENT', async (_label, change) => {
            await h.referralIn('accepted');
            expectFailure(await createChild(BUDDHASOTHORN_CLINICIAN, backReferral(change)), 'INVALID_ARGUMENT');
            expect(h.ledger.state.has(REFERRAL_KEY('R-0002'))).toBe(false);
        });

        it('refuses the provincial office as destination', async () => {
            await h.referralIn('accepted');
            expectFailure(await createChild(BUDDHASOTHORN_CLINICIAN, backReferral({ toHcode: '00024' })), 'INVALID_ARGUMENT');
        });
    });

    describe('onward referral', () => {
        it('goes from the parent receiving unit to a third unit', async () => {
            await h.referralIn('arrived');
            const { result, error } = await createChild(BUDDHASOTHORN_CLINICIAN, onward({ fastTrack: '02' }));
            expect(error).toBeUndefined();
            expect(JSON.parse(result as string)).toMatchObject({
                id: 'R-0002',
                kind: 'onward',
                parentReferralId: 'R-0001',
                fromHcode: '10697',
                toHcode: '11140',
                fromMsp: 'BuddhasothornMSP',
                toMsp: 'BangPakongMSP',
                patientPseudonym: PSEUDONYM,
                reasonCode: '1',
                fastTrack: '02',
                status: 'requested',
            });
        });

        it('may go to a health centre that is not a party of the parent', async () => {
            await h.referralIn('accepted');
            const { error } = await createChild(BUDDHASOTHORN_CLINICIAN, onward({ toHcode: '03999', reasonCode: '3' }));
            expect(error).toBeUndefined();
        });

        it.each<[string, Record<string, unknown>, ErrorCode]>([
            ['the parent sender', { toHcode: '11138' }, 'INVALID_ARGUMENT'],
            ['the parent receiver (the caller unit)', { toHcode: '10697' }, 'INVALID_ARGUMENT'],
            ['another patient', { patientPseudonym: OTHER_PSEUDONYM }, 'INVALID_ARGUMENT'],
            ['an unregistered unit', { toHcode: '99999' }, 'UNKNOWN_HCODE'],
        ])('refuses %s', async (_label, change, code) => {
            await h.referralIn('accepted');
            expectFailure(await createChild(BUDDHASOTHORN_CLINICIAN, onward(change)), code);
        });

        it('can itself be continued by its receiving unit', async () => {
            await h.referralIn('accepted');
            await createChild(BUDDHASOTHORN_CLINICIAN, onward());
            const accepted = await h.call(identity('BangPakongMSP', 'nurse', '11140'), (ctx) => h.contract.AcceptReferral(ctx, 'R-0002', ''));
            expect(accepted.error).toBeUndefined();
            const { result, error } = await createChild(BANG_PAKONG_CLINICIAN, backReferral({ referralId: 'R-0003', parentReferralId: 'R-0002', toHcode: '03924' }));
            expect(error).toBeUndefined();
            expect(JSON.parse(result as string)).toMatchObject({ parentReferralId: 'R-0002', fromHcode: '11140', patientPseudonym: PSEUDONYM });
        });

        it('refuses the grand-parent receiver as destination only if it is a party of the direct parent', async () => {
            await h.referralIn('accepted');
            await createChild(BUDDHASOTHORN_CLINICIAN, onward());
            await h.call(identity('BangPakongMSP', 'nurse', '11140'), (ctx) => h.contract.AcceptReferral(ctx, 'R-0002', ''));
            // parent R-0002 is 10697 → 11140: sending back to 10697 onward is refused
            expectFailure(
                await createChild(BANG_PAKONG_CLINICIAN, onward({ referralId: 'R-0003', parentReferralId: 'R-0002', toHcode: '10697' })),
                'INVALID_ARGUMENT',
            );
            // 11138 (the first sender) is a third unit for R-0002
            const { error } = await createChild(BANG_PAKONG_CLINICIAN, onward({ referralId: 'R-0003', parentReferralId: 'R-0002', toHcode: '11138' }));
            expect(error).toBeUndefined();
        });
    });

    describe('parent status', () => {
        it.each(REFERRAL_STATUSES.map((status): [ReferralStatus, boolean] => [status, CONTINUABLE.includes(status)]))(
            'a parent in %s can be continued: %s',
            async (status, allowed) => {
                await h.referralIn(status);
                for (const [id, fields] of [
                    ['R-0002', backReferral()],
                    ['R-0003', onward({ referralId: 'R-0003' })],
                ] as const) {
                    const outcome = await createChild(BUDDHASOTHORN_CLINICIAN, fields);
                    if (allowed) {
                        expect(outcome.error).toBeUndefined();
                        expect(h.stored(id).parentReferralId).toBe('R-0001');
                    } else {
                        expectFailure(outcome, 'INVALID_TRANSITION');
                    }
                }
            },
        );

        it('reports REFERRAL_NOT_FOUND for an unknown parent', async () => {
            expectFailure(await createChild(BUDDHASOTHORN_CLINICIAN, backReferral({ parentReferralId: 'R-9999' })), 'REFERRAL_NOT_FOUND');
        });
    });

    describe('caller rules', () => {
        it.each<[string, FakeIdentity, ErrorCode]>([
            ['the parent sending clinician', BANG_KHLA_CLINICIAN, 'FORBIDDEN_UNIT'],
            ['a clinician of a third hospital', BANG_PAKONG_CLINICIAN, 'FORBIDDEN_UNIT'],
            ['a clinician of another unit of the receiving MSP', HEALTH_CENTRE_CLINICIAN, 'FORBIDDEN_UNIT'],
            ['the receiving hcode under another MSP', identity('BangPakongMSP', 'clinician', '10697'), 'FORBIDDEN_UNIT'],
            ['a provincial auditor', PROVINCIAL_AUDITOR, 'FORBIDDEN_ROLE'],
        ])('refuses %s', async (_label, who, code) => {
            await h.referralIn('accepted');
            expectFailure(await createChild(who, backReferral()), code);
            expectFailure(await createChild(who, onward()), code);
        });

        it('lets a nurse of the parent receiving unit back-refer, but not refer onward', async () => {
            await h.referralIn('accepted');
            const back = await createChild(BUDDHASOTHORN_NURSE, backReferral());
            expect(back.error).toBeUndefined();
            expectFailure(await createChild(BUDDHASOTHORN_NURSE, onward({ referralId: 'R-0003' })), 'FORBIDDEN_ROLE');
        });

        it('refuses a nurse of the sending unit even for a back-referral', async () => {
            await h.referralIn('accepted');
            expectFailure(await createChild(identity('BangKhlaMSP', 'nurse', '11138'), backReferral()), 'FORBIDDEN_UNIT');
        });

        it('refuses a first referral that names a parent (no parent without kind)', async () => {
            await h.referralIn('accepted');
            expectFailure(await createChild(BUDDHASOTHORN_CLINICIAN, { ...onward(), kind: undefined }), 'INVALID_ARGUMENT');
        });

        it('refuses an existing child id with REFERRAL_EXISTS', async () => {
            await h.referralIn('accepted');
            await createChild(BUDDHASOTHORN_CLINICIAN, backReferral());
            expectFailure(await createChild(BUDDHASOTHORN_CLINICIAN, onward()), 'REFERRAL_EXISTS');
        });
    });

    it('emits ReferralChanged with the child referral', async () => {
        await h.referralIn('accepted');
        const { result } = await createChild(BUDDHASOTHORN_CLINICIAN, backReferral());
        expect(Buffer.from(h.ledger.events.at(-1)?.payload as Uint8Array).toString('utf8')).toBe(result);
    });
});
