import { createHash } from 'node:crypto';
import { KeyEndorsementPolicy } from 'fabric-shim';
import type { ErrorCode } from '../errors/error-code';
import { toDeterministicJson } from '../ledger/deterministic-json';
import { FakeLedger, identity, type FakeIdentity, type InvokeOptions } from '../test-support/fake-ledger';
import {
    BANG_KHLA_CLINICIAN,
    BANG_KHLA_HEALTH_CENTRE_NURSE,
    BANG_KHLA_NURSE,
    BANG_PAKONG_CLINICIAN,
    BANG_PAKONG_NURSE,
    BUDDHASOTHORN_AUDITOR,
    BUDDHASOTHORN_CLINICIAN,
    BUDDHASOTHORN_NURSE,
    expectFailure,
    HEALTH_CENTRE_CLINICIAN,
    HEALTH_CENTRE_NURSE,
    payload,
    PROVINCIAL_AUDITOR,
    REFERRAL_KEY,
    ReferralHarness,
} from '../test-support/referral-harness';
import type { ClinicalSummaryAnswer } from './referral-contract';
import type { Referral } from './referral';

const COLLECTION = 'clinical_BangKhlaMSP_BuddhasothornMSP';

const SUMMARY = {
    vitalSigns: { spo2: 95, heartRate: 110 },
    diagnoses: [{ display: 'Cerebral infarction', icd10: 'I63.9' }],
    history: 'Right-sided weakness for 2 hours',
    medications: [{ name: 'Aspirin', dose: '300 mg' }],
};

/** The canonical stored form of SUMMARY: keys sorted at every level. */
const CANONICAL =
    '{"diagnoses":[{"display":"Cerebral infarction","icd10":"I63.9"}],"history":"Right-sided weakness for 2 hours",' +
    '"medications":[{"dose":"300 mg","name":"Aspirin"}],"vitalSigns":{"heartRate":110,"spo2":95}}';

function sha256(bytes: Uint8Array | string): string {
    return createHash('sha256').update(bytes).digest('hex');
}

function withSummary(summary: unknown = SUMMARY, peerMspId?: string | null): InvokeOptions {
    const options: { transient: Record<string, string>; peerMspId?: string | null } = { transient: { clinicalSummary: JSON.stringify(summary) } };
    if (peerMspId !== undefined) {
        options.peerMspId = peerMspId;
    }
    return options;
}

describe('clinical summary (private data)', () => {
    let h: ReferralHarness;

    beforeEach(() => {
        h = new ReferralHarness();
    });

    function storedSummary(collection = COLLECTION, id = 'R-0001'): Uint8Array | undefined {
        return h.ledger.privateState.get(collection)?.get(id);
    }

    describe('CreateReferral with a transient clinicalSummary', () => {
        it('stores the canonical summary in the pair collection and its hash on the channel', async () => {
            const referral = await h.create(BANG_KHLA_CLINICIAN, {}, withSummary());
            const bytes = storedSummary() as Uint8Array;
            expect(Buffer.from(bytes).toString('utf8')).toBe(CANONICAL);
            expect(referral.clinicalSummaryHash).toBe(sha256(bytes));
            expect(h.stored().clinicalSummaryHash).toBe(sha256(CANONICAL));
            expect([...h.ledger.privateState.keys()]).toEqual([COLLECTION]);
        });

        it('never puts the summary itself on the channel or in the event', async () => {
            await h.create(BANG_KHLA_CLINICIAN, {}, withSummary());
            for (const value of [...h.ledger.state.values(), ...h.ledger.events.map((event) => event.payload)]) {
                const text = Buffer.from(value).toString('utf8');
                expect(text).not.toContain('Cerebral');
                expect(text).not.toContain('I63.9');
            }
            expect(h.ledger.events[0]?.payload).toEqual(h.ledger.state.get(REFERRAL_KEY('R-0001')));
        });

        it('requires a peer of both organisations to change the private key', async () => {
            await h.create(BANG_KHLA_CLINICIAN, {}, withSummary());
            const ep = h.ledger.privateValidationParameters.get(COLLECTION)?.get('R-0001');
            expect(new KeyEndorsementPolicy(ep).listOrgs().sort()).toEqual(['BangKhlaMSP', 'BuddhasothornMSP']);
        });

        it('names the collection with the MSP IDs sorted, whoever sends', async () => {
            await h.create(BUDDHASOTHORN_CLINICIAN, { toHcode: '11138' }, withSummary());
            expect(storedSummary()).toBeDefined();
        });

        it('uses clinical_<A>_<A> when both units share an MSP', async () => {
            const referral = await h.create(HEALTH_CENTRE_CLINICIAN, {}, withSummary());
            const bytes = storedSummary('clinical_BuddhasothornMSP_BuddhasothornMSP') as Uint8Array;
            expect(referral.clinicalSummaryHash).toBe(sha256(bytes));
            const ep = h.ledger.privateValidationParameters.get('clinical_BuddhasothornMSP_BuddhasothornMSP')?.get('R-0001');
            expect(new KeyEndorsementPolicy(ep).listOrgs()).toEqual(['BuddhasothornMSP']);
        });

        it('stores the same bytes whatever the key order and null fields of the input', async () => {
            const reordered = {
                medications: [{ dose: '300 mg', name: 'Aspirin' }],
                history: SUMMARY.history,
                attachments: null,
                diagnoses: [{ icd10: 'I63.9', display: 'Cerebral infarction' }],
                vitalSigns: { heartRate: 110, spo2: 95, temperature: null },
            };
            await h.create(BANG_KHLA_CLINICIAN, {}, withSummary(reordered));
            expect(Buffer.from(storedSummary() as Uint8Array).toString('utf8')).toBe(CANONICAL);
        });

        it('accepts a payload clinicalSummaryHash that matches (any case)', async () => {
            const referral = await h.create(BANG_KHLA_CLINICIAN, { clinicalSummaryHash: sha256(CANONICAL).toUpperCase() }, withSummary());
            expect(referral.clinicalSummaryHash).toBe(sha256(CANONICAL));
        });

        it('refuses a payload clinicalSummaryHash that disagrees, writing nothing', async () => {
            const outcome = await h.call(BANG_KHLA_CLINICIAN, (ctx) => h.contract.CreateReferral(ctx, payload({ clinicalSummaryHash: 'e'.repeat(64) })), withSummary());
            expectFailure(outcome, 'INVALID_ARGUMENT');
            expect(h.ledger.state.size).toBe(0);
            expect(h.ledger.privateState.size).toBe(0);
        });

        it.each<[string, string]>([
            ['a summary with a bad ICD-10 code', JSON.stringify({ diagnoses: [{ icd10: 'stroke', display: 'x' }] })],
            ['a summary with an extra field', JSON.stringify({ ...SUMMARY, cid: '1234567890123' })],
            ['bytes that are not JSON', '{"diagnoses":'],
            ['empty bytes', ''],
        ])('refuses %s with INVALID_ARGUMENT, writing nothing', async (_label, text) => {
            const outcome = await h.call(BANG_KHLA_CLINICIAN, (ctx) => h.contract.CreateReferral(ctx, payload()), { transient: { clinicalSummary: text } });
            expectFailure(outcome, 'INVALID_ARGUMENT');
        });

        it('keeps a payload-only hash (summary held elsewhere) without private writes', async () => {
            const referral = await h.create(BANG_KHLA_CLINICIAN, { clinicalSummaryHash: 'd'.repeat(64) });
            expect(referral.clinicalSummaryHash).toBe('d'.repeat(64));
            expect(h.ledger.privateState.size).toBe(0);
        });

        it('ignores other transient keys and writes no private data without clinicalSummary', async () => {
            const referral = await h.create(BANG_KHLA_CLINICIAN, {}, { transient: { other: 'x' } });
            expect(referral).not.toHaveProperty('clinicalSummaryHash');
            expect(h.ledger.privateState.size).toBe(0);
            expect(h.ledger.privateValidationParameters.size).toBe(0);
        });

        it('stores a back-referral summary in the collection of the new pair', async () => {
            await h.referralIn('accepted');
            const { error } = await h.call(
                BUDDHASOTHORN_CLINICIAN,
                (ctx) => h.contract.CreateReferral(ctx, payload({ referralId: 'R-0002', kind: 'back-referral', parentReferralId: 'R-0001', toHcode: '03903', reasonCode: '4', patientPseudonym: undefined })),
                withSummary(),
            );
            expect(error).toBeUndefined();
            expect(Buffer.from(storedSummary(COLLECTION, 'R-0002') as Uint8Array).toString('utf8')).toBe(CANONICAL);
        });
    });

    describe('peer organisation membership', () => {
        it('writes on a peer of the receiving organisation', async () => {
            const { error } = await h.call(BANG_KHLA_CLINICIAN, (ctx) => h.contract.CreateReferral(ctx, payload()), withSummary(SUMMARY, 'BuddhasothornMSP'));
            expect(error).toBeUndefined();
            expect(storedSummary()).toBeDefined();
        });

        it('refuses to write on a peer of a third organisation (FORBIDDEN_UNIT), writing nothing', async () => {
            const outcome = await h.call(BANG_KHLA_CLINICIAN, (ctx) => h.contract.CreateReferral(ctx, payload()), withSummary(SUMMARY, 'BangPakongMSP'));
            const error = expectFailure(outcome, 'FORBIDDEN_UNIT');
            expect(error.message).toContain('BangPakongMSP');
            expect(h.ledger.state.size).toBe(0);
        });

        it('relies on the collection policies when the chaincode process does not know its peer organisation', async () => {
            const outcome = await h.call(BANG_KHLA_CLINICIAN, (ctx) => h.contract.CreateReferral(ctx, payload()), withSummary(SUMMARY, null));
            expect(outcome.error).toBeUndefined();
            expect(storedSummary()).toBeDefined();
        });

        it('does not need the peer organisation for referrals without a summary', async () => {
            const { error } = await h.call(BANG_KHLA_CLINICIAN, (ctx) => h.contract.CreateReferral(ctx, payload()), { peerMspId: null });
            expect(error).toBeUndefined();
        });
    });

    describe('GetClinicalSummary', () => {
        beforeEach(async () => {
            await h.create(BANG_KHLA_CLINICIAN, {}, withSummary());
        });

        it.each<[string, FakeIdentity]>([
            ['the sending clinician', BANG_KHLA_CLINICIAN],
            ['a sending-unit nurse', BANG_KHLA_NURSE],
            ['a receiving-unit clinician', BUDDHASOTHORN_CLINICIAN],
            ['a receiving-unit nurse', BUDDHASOTHORN_NURSE],
        ])('returns the summary, the hash of the stored bytes and matchesLedger to %s', async (_label, who) => {
            const outcome = await h.call(who, (ctx) => h.contract.GetClinicalSummary(ctx, 'R-0001'));
            expect(outcome.error).toBeUndefined();
            const answer = JSON.parse(outcome.result as string) as ClinicalSummaryAnswer;
            expect(answer).toEqual({
                referralId: 'R-0001',
                clinicalSummary: JSON.parse(CANONICAL) as unknown,
                hash: sha256(storedSummary() as Uint8Array),
                matchesLedger: true,
            });
            expect(answer.hash).toBe(h.stored().clinicalSummaryHash);
            expect(outcome.result).toBe(toDeterministicJson(answer));
            expect(FakeLedger.writeCount(outcome.writes)).toBe(0);
        });

        it.each<[string, FakeIdentity, ErrorCode]>([
            ['a clinician of a third organisation', BANG_PAKONG_CLINICIAN, 'FORBIDDEN_UNIT'],
            ['a nurse of a third organisation', BANG_PAKONG_NURSE, 'FORBIDDEN_UNIT'],
            ['a provincial auditor', PROVINCIAL_AUDITOR, 'FORBIDDEN_UNIT'],
            ['an auditor of the receiving organisation', BUDDHASOTHORN_AUDITOR, 'FORBIDDEN_UNIT'],
            ['another unit of the receiving MSP', HEALTH_CENTRE_NURSE, 'FORBIDDEN_UNIT'],
            ['another unit of the sending MSP', BANG_KHLA_HEALTH_CENTRE_NURSE, 'FORBIDDEN_UNIT'],
            ['a party hcode under a third MSP', identity('BangPakongMSP', 'nurse', '10697'), 'FORBIDDEN_UNIT'],
            ['an unknown role', identity('BangKhlaMSP', 'porter', '11138'), 'FORBIDDEN_ROLE'],
            ['a caller without role', identity('BangKhlaMSP', undefined, '11138'), 'MISSING_ATTRIBUTE'],
        ])('refuses %s without reading private data', async (_label, who, code) => {
            expectFailure(await h.call(who, (ctx) => h.contract.GetClinicalSummary(ctx, 'R-0001')), code);
            expect(h.ledger.privateReads).toEqual([]);
        });

        it('refuses a party calling through a peer of a third organisation', async () => {
            const outcome = await h.call(BANG_KHLA_CLINICIAN, (ctx) => h.contract.GetClinicalSummary(ctx, 'R-0001'), { peerMspId: 'BangPakongMSP' });
            expectFailure(outcome, 'FORBIDDEN_UNIT');
            expect(h.ledger.privateReads).toEqual([]);
        });

        it('reads on a peer of the other party', async () => {
            const outcome = await h.call(BANG_KHLA_CLINICIAN, (ctx) => h.contract.GetClinicalSummary(ctx, 'R-0001'), { peerMspId: 'BuddhasothornMSP' });
            expect(outcome.error).toBeUndefined();
            expect(h.ledger.privateReads).toEqual([{ collection: COLLECTION, key: 'R-0001' }]);
        });

        it('still applies the party rule when the peer organisation is unknown', async () => {
            expect((await h.call(BANG_KHLA_CLINICIAN, (ctx) => h.contract.GetClinicalSummary(ctx, 'R-0001'), { peerMspId: null })).error).toBeUndefined();
            expectFailure(await h.call(BANG_PAKONG_CLINICIAN, (ctx) => h.contract.GetClinicalSummary(ctx, 'R-0001'), { peerMspId: null }), 'FORBIDDEN_UNIT');
        });

        it('reports matchesLedger false when the stored bytes differ from the channel hash', async () => {
            const tampered = Buffer.from(CANONICAL.replace('I63.9', 'I61.9'), 'utf8');
            h.ledger.privateState.get(COLLECTION)?.set('R-0001', tampered);
            const { result } = await h.call(BUDDHASOTHORN_NURSE, (ctx) => h.contract.GetClinicalSummary(ctx, 'R-0001'));
            const answer = JSON.parse(result as string) as ClinicalSummaryAnswer;
            expect(answer.matchesLedger).toBe(false);
            expect(answer.hash).toBe(sha256(tampered));
            expect(answer.hash).not.toBe(h.stored().clinicalSummaryHash);
        });

        it('reports LEDGER_CORRUPT when the stored bytes are not JSON', async () => {
            h.ledger.privateState.get(COLLECTION)?.set('R-0001', Buffer.from('{oops', 'utf8'));
            expectFailure(await h.call(BUDDHASOTHORN_NURSE, (ctx) => h.contract.GetClinicalSummary(ctx, 'R-0001')), 'LEDGER_CORRUPT');
        });

        it('reports CLINICAL_SUMMARY_NOT_FOUND for a referral without a summary, without reading', async () => {
            await h.create(BANG_KHLA_CLINICIAN, { referralId: 'R-0002' });
            const error = expectFailure(await h.call(BUDDHASOTHORN_NURSE, (ctx) => h.contract.GetClinicalSummary(ctx, 'R-0002')), 'CLINICAL_SUMMARY_NOT_FOUND');
            expect(error.message).toBe('CLINICAL_SUMMARY_NOT_FOUND: referral R-0002 has no clinical summary on this peer');
            expect(h.ledger.privateReads).toEqual([]);
        });

        it('reports CLINICAL_SUMMARY_NOT_FOUND when only a payload hash was given', async () => {
            await h.create(BANG_KHLA_CLINICIAN, { referralId: 'R-0002', clinicalSummaryHash: 'd'.repeat(64) });
            expectFailure(await h.call(BUDDHASOTHORN_NURSE, (ctx) => h.contract.GetClinicalSummary(ctx, 'R-0002')), 'CLINICAL_SUMMARY_NOT_FOUND');
            expect(h.ledger.privateReads).toEqual([{ collection: COLLECTION, key: 'R-0002' }]);
        });

        it('reports REFERRAL_NOT_FOUND and INVALID_ARGUMENT for unknown and bad ids', async () => {
            expectFailure(await h.call(BUDDHASOTHORN_NURSE, (ctx) => h.contract.GetClinicalSummary(ctx, 'R-9999')), 'REFERRAL_NOT_FOUND');
            expectFailure(await h.call(BUDDHASOTHORN_NURSE, (ctx) => h.contract.GetClinicalSummary(ctx, '../x')), 'INVALID_ARGUMENT');
        });

        it('still answers after the referral moved on', async () => {
            await h.step('accept');
            await h.step('arrive');
            const { result } = await h.call(BANG_KHLA_NURSE, (ctx) => h.contract.GetClinicalSummary(ctx, 'R-0001'));
            expect((JSON.parse(result as string) as ClinicalSummaryAnswer).matchesLedger).toBe(true);
            expect((h.stored() as Referral).status).toBe('arrived');
        });
    });
});
