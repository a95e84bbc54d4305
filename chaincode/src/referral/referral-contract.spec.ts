import { KeyEndorsementPolicy } from 'fabric-shim';
import { ChaincodeError } from '../errors/chaincode-error';
import type { ErrorCode } from '../errors/error-code';
import { decodeJson, FakeLedger, identity, type FakeIdentity, type InvokeResult } from '../test-support/fake-ledger';
import { unitRegistry } from '../registry/unit-registry';
import type { Referral } from './referral';
import { ReferralContract } from './referral-contract';

const PSEUDONYM = 'a'.repeat(64);
const BANG_KHLA_CLINICIAN = identity('BangKhlaMSP', 'clinician', '11138', 'dr.bk01');
const BANG_KHLA_NURSE = identity('BangKhlaMSP', 'nurse', '11138', 'rn.bk02');
const BUDDHASOTHORN_CLINICIAN = identity('BuddhasothornMSP', 'clinician', '10697', 'dr.bs01');
const BUDDHASOTHORN_NURSE = identity('BuddhasothornMSP', 'nurse', '10697', 'rn.bs02');
const BUDDHASOTHORN_AUDITOR = identity('BuddhasothornMSP', 'auditor', '10697', 'qa.bs03');
const BANG_PAKONG_CLINICIAN = identity('BangPakongMSP', 'clinician', '11140', 'dr.bp01');
const HEALTH_CENTRE_NURSE = identity('BuddhasothornMSP', 'nurse', '03999', 'rn.hc01');
const HEALTH_CENTRE_CLINICIAN = identity('BuddhasothornMSP', 'clinician', '03999', 'dr.hc02');
const PROVINCIAL_AUDITOR = identity('ProvincialHealthOfficeMSP', 'auditor', '00024', 'audit.pho');
const PROVINCIAL_AUDITOR_NO_HCODE = identity('ProvincialHealthOfficeMSP', 'auditor', undefined, 'audit.pho2');
const PROVINCIAL_CLINICIAN = identity('ProvincialHealthOfficeMSP', 'clinician', '00024', 'dr.pho');

const REFERRAL_KEY = (id: string): string => `\u0000referral\u0000${id}\u0000`;

function payload(overrides: Record<string, unknown> = {}): string {
    return JSON.stringify({
        referralId: 'R-0001',
        toHcode: '10697',
        patientPseudonym: PSEUDONYM,
        reasonCode: '1',
        priority: 2,
        ...overrides,
    });
}

describe('ReferralContract', () => {
    let ledger: FakeLedger;
    const contract = new ReferralContract();

    beforeEach(() => {
        ledger = new FakeLedger();
    });

    async function call<T>(who: FakeIdentity, fn: (ctx: Parameters<typeof contract.Ping>[0]) => Promise<T>): Promise<InvokeResult<T>> {
        return ledger.invoke(who, fn);
    }

    async function create(who: FakeIdentity = BANG_KHLA_CLINICIAN, overrides: Record<string, unknown> = {}): Promise<Referral> {
        const { result, error } = await call(who, (ctx) => contract.CreateReferral(ctx, payload(overrides)));
        if (error !== undefined) {
            throw error;
        }
        return JSON.parse(result as string) as Referral;
    }

    function stored(id = 'R-0001'): Referral {
        return decodeJson(ledger.state.get(REFERRAL_KEY(id))) as Referral;
    }

    /** Asserts a failed call with `code`, and that it wrote nothing. */
    function expectFailure(outcome: InvokeResult<unknown>, code: ErrorCode): void {
        expect(outcome.error).toBeInstanceOf(ChaincodeError);
        const error = outcome.error as ChaincodeError;
        expect(error.code).toBe(code);
        expect(error.message.startsWith(`${code}: `)).toBe(true);
        expect(FakeLedger.writeCount(outcome.writes)).toBe(0);
    }

    describe('CreateReferral', () => {
        it('stores a requested referral with parties, codes, time and the create step', async () => {
            const { result, txId, writes } = await call(BANG_KHLA_CLINICIAN, (ctx) =>
                contract.CreateReferral(ctx, payload({ fastTrack: '02', patientCategory: 'E', note: 'suspected stroke' })),
            );

            const referral = JSON.parse(result as string) as Referral;
            expect(referral).toEqual({
                docType: 'referral',
                id: 'R-0001',
                kind: 'referral',
                status: 'requested',
                fromHcode: '11138',
                toHcode: '10697',
                fromMsp: 'BangKhlaMSP',
                toMsp: 'BuddhasothornMSP',
                patientPseudonym: PSEUDONYM,
                reasonCode: '1',
                priority: 2,
                fastTrack: '02',
                patientCategory: 'E',
                note: 'suspected stroke',
                createdAt: '2026-01-01T00:00:00.123Z',
                updatedAt: '2026-01-01T00:00:00.123Z',
                steps: [
                    {
                        action: 'create',
                        status: 'requested',
                        txId,
                        at: '2026-01-01T00:00:00.123Z',
                        mspId: 'BangKhlaMSP',
                        hcode: '11138',
                        role: 'clinician',
                        actor: 'dr.bk01',
                    },
                ],
            });
            // the returned text is exactly the stored bytes
            expect(Buffer.from(writes.puts.get(REFERRAL_KEY('R-0001')) as Uint8Array).toString('utf8')).toBe(result);
        });

        it('writes both unit indexes with a small {id} value', async () => {
            await create();
            expect(decodeJson(ledger.state.get('\u0000referral~to\u000010697\u0000R-0001\u0000'))).toEqual({ id: 'R-0001' });
            expect(decodeJson(ledger.state.get('\u0000referral~from\u000011138\u0000R-0001\u0000'))).toEqual({ id: 'R-0001' });
            expect(ledger.state.size).toBe(3);
        });

        it('requires a peer of both organisations to change the referral key', async () => {
            await create();
            const policy = new KeyEndorsementPolicy(ledger.validationParameters.get(REFERRAL_KEY('R-0001')));
            expect(policy.listOrgs().sort()).toEqual(['BangKhlaMSP', 'BuddhasothornMSP']);
            expect(ledger.validationParameters.size).toBe(1);
        });

        it('uses a single-organisation policy when a health centre refers to its own district hospital', async () => {
            const referral = await create(HEALTH_CENTRE_CLINICIAN);
            expect(referral.fromHcode).toBe('03999');
            expect(referral.fromMsp).toBe('BuddhasothornMSP');
            expect(referral.toMsp).toBe('BuddhasothornMSP');
            const policy = new KeyEndorsementPolicy(ledger.validationParameters.get(REFERRAL_KEY('R-0001')));
            expect(policy.listOrgs()).toEqual(['BuddhasothornMSP']);
        });

        it('emits ReferralChanged with the full public referral (the stored bytes)', async () => {
            const { result } = await call(BANG_KHLA_CLINICIAN, (ctx) => contract.CreateReferral(ctx, payload()));
            expect(ledger.events).toHaveLength(1);
            expect(ledger.events[0]?.name).toBe('ReferralChanged');
            expect(Buffer.from(ledger.events[0]?.payload as Uint8Array).toString('utf8')).toBe(result);
            expect(decodeJson(ledger.events[0]?.payload)).toEqual(stored());
        });

        it('stores optional codes canonically (sorted care codes, lower-case hash)', async () => {
            const referral = await create(BANG_KHLA_CLINICIAN, {
                careDuringTransfer: ['3', '1'],
                clinicalSummaryHash: 'AB'.repeat(32),
                expectedArrival: '2026-01-01T09:30:00+07:00',
            });
            expect(referral.careDuringTransfer).toEqual(['1', '3']);
            expect(referral.clinicalSummaryHash).toBe('ab'.repeat(32));
            expect(stored()).toEqual(referral);
        });

        it.each<[string, FakeIdentity, Record<string, unknown>, ErrorCode]>([
            ['no role attribute', identity('BangKhlaMSP', undefined, '11138'), {}, 'MISSING_ATTRIBUTE'],
            ['no hcode attribute', identity('BangKhlaMSP', 'clinician', undefined), {}, 'MISSING_ATTRIBUTE'],
            ['a nurse', BANG_KHLA_NURSE, {}, 'FORBIDDEN_ROLE'],
            ['an auditor', PROVINCIAL_AUDITOR, {}, 'FORBIDDEN_ROLE'],
            ['an unknown role', identity('BangKhlaMSP', 'admin', '11138'), {}, 'FORBIDDEN_ROLE'],
            ['an MSP that does not own the hcode', identity('BangKhlaMSP', 'clinician', '10697'), { toHcode: '11140' }, 'FORBIDDEN_UNIT'],
            ['an unregistered caller hcode', identity('BangKhlaMSP', 'clinician', '99999'), {}, 'FORBIDDEN_UNIT'],
            ['a malformed caller hcode', identity('BangKhlaMSP', 'clinician', '11138x'), {}, 'FORBIDDEN_UNIT'],
            ['the provincial office as sender', PROVINCIAL_CLINICIAN, {}, 'FORBIDDEN_UNIT'],
            ['an unregistered destination', BANG_KHLA_CLINICIAN, { toHcode: '99999' }, 'UNKNOWN_HCODE'],
            ['a referral to the own unit', BANG_KHLA_CLINICIAN, { toHcode: '11138' }, 'INVALID_ARGUMENT'],
            ['a referral to the provincial office', BANG_KHLA_CLINICIAN, { toHcode: '00024' }, 'INVALID_ARGUMENT'],
            ['a bad pseudonym', BANG_KHLA_CLINICIAN, { patientPseudonym: 'A'.repeat(64) }, 'INVALID_ARGUMENT'],
            ['a patient name field', BANG_KHLA_CLINICIAN, { patientName: 'x' }, 'INVALID_ARGUMENT'],
        ])('rejects %s and writes nothing', async (_label, who, overrides, code) => {
            expectFailure(await call(who, (ctx) => contract.CreateReferral(ctx, payload(overrides))), code);
            expect(ledger.state.size).toBe(0);
        });

        it('rejects a payload that is not JSON', async () => {
            expectFailure(await call(BANG_KHLA_CLINICIAN, (ctx) => contract.CreateReferral(ctx, '{oops')), 'INVALID_ARGUMENT');
        });

        it('rejects an existing id with REFERRAL_EXISTS and leaves the first referral untouched', async () => {
            const first = await create();
            const before = new Map(ledger.state);
            const outcome = await call(BANG_KHLA_CLINICIAN, (ctx) => contract.CreateReferral(ctx, payload({ toHcode: '11140' })));
            expectFailure(outcome, 'REFERRAL_EXISTS');
            expect(ledger.state).toEqual(before);
            expect(stored()).toEqual(first);
        });
    });

    describe('AcceptReferral', () => {
        it('lets a receiving nurse accept: status, step, updatedAt and event', async () => {
            const created = await create();
            const { result, txId } = await call(BUDDHASOTHORN_NURSE, (ctx) => contract.AcceptReferral(ctx, 'R-0001', 'bed ready'));
            const referral = JSON.parse(result as string) as Referral;
            expect(referral.status).toBe('accepted');
            expect(referral.createdAt).toBe(created.createdAt);
            expect(referral.updatedAt).toBe('2026-01-01T00:01:00.123Z');
            expect(referral.steps).toHaveLength(2);
            expect(referral.steps[1]).toEqual({
                action: 'accept',
                status: 'accepted',
                txId,
                at: '2026-01-01T00:01:00.123Z',
                mspId: 'BuddhasothornMSP',
                hcode: '10697',
                role: 'nurse',
                actor: 'rn.bs02',
                note: 'bed ready',
            });
            expect(stored()).toEqual(referral);
            expect(decodeJson(ledger.events[1]?.payload)).toEqual(referral);
        });

        it('omits an empty note from the step', async () => {
            await create();
            const { result } = await call(BUDDHASOTHORN_CLINICIAN, (ctx) => contract.AcceptReferral(ctx, 'R-0001', ''));
            expect((JSON.parse(result as string) as Referral).steps[1]).not.toHaveProperty('note');
        });

        it('lets a health-centre nurse accept a back-referral under her district hospital MSP', async () => {
            await create(BUDDHASOTHORN_CLINICIAN, { toHcode: '03999', reasonCode: '4' });
            const { result, error } = await call(HEALTH_CENTRE_NURSE, (ctx) => contract.AcceptReferral(ctx, 'R-0001', ''));
            expect(error).toBeUndefined();
            expect((JSON.parse(result as string) as Referral).status).toBe('accepted');
        });

        it('rejects a second accept with INVALID_TRANSITION and writes nothing', async () => {
            await create();
            await call(BUDDHASOTHORN_NURSE, (ctx) => contract.AcceptReferral(ctx, 'R-0001', ''));
            const before = stored();
            expectFailure(await call(BUDDHASOTHORN_NURSE, (ctx) => contract.AcceptReferral(ctx, 'R-0001', '')), 'INVALID_TRANSITION');
            expect(stored()).toEqual(before);
        });

        it.each<[string, FakeIdentity, ErrorCode]>([
            ['the sending clinician', BANG_KHLA_CLINICIAN, 'FORBIDDEN_UNIT'],
            ['another hospital', BANG_PAKONG_CLINICIAN, 'FORBIDDEN_UNIT'],
            ['the destination hcode under another MSP', identity('BangKhlaMSP', 'nurse', '10697'), 'FORBIDDEN_UNIT'],
            ['another unit of the destination MSP', HEALTH_CENTRE_NURSE, 'FORBIDDEN_UNIT'],
            ['an auditor', PROVINCIAL_AUDITOR, 'FORBIDDEN_ROLE'],
            ['an auditor of the destination', BUDDHASOTHORN_AUDITOR, 'FORBIDDEN_ROLE'],
            ['a caller without attributes', identity('BuddhasothornMSP', undefined, undefined), 'MISSING_ATTRIBUTE'],
        ])('refuses %s and writes nothing', async (_label, who, code) => {
            await create();
            expectFailure(await call(who, (ctx) => contract.AcceptReferral(ctx, 'R-0001', '')), code);
            expect(stored().status).toBe('requested');
        });

        it('reports REFERRAL_NOT_FOUND for an unknown id', async () => {
            expectFailure(await call(BUDDHASOTHORN_NURSE, (ctx) => contract.AcceptReferral(ctx, 'R-9999', '')), 'REFERRAL_NOT_FOUND');
        });

        it.each([
            ['a bad id', 'R 1', ''],
            ['a note over 500 characters', 'R-0001', 'x'.repeat(501)],
        ])('rejects %s with INVALID_ARGUMENT', async (_label, id, note) => {
            await create();
            expectFailure(await call(BUDDHASOTHORN_NURSE, (ctx) => contract.AcceptReferral(ctx, id, note)), 'INVALID_ARGUMENT');
        });
    });

    describe('RejectReferral', () => {
        it('lets the receiving clinician reject with a refusal code and reason', async () => {
            await create();
            const { result, txId } = await call(BUDDHASOTHORN_CLINICIAN, (ctx) =>
                contract.RejectReferral(ctx, 'R-0001', '2', 'no ICU bed available'),
            );
            const referral = JSON.parse(result as string) as Referral;
            expect(referral.status).toBe('rejected');
            expect(referral.rejection).toEqual({ reasonCode: '2', reasonText: 'no ICU bed available' });
            expect(referral.steps[1]).toMatchObject({ action: 'reject', status: 'rejected', txId, role: 'clinician', note: 'no ICU bed available' });
            expect(stored()).toEqual(referral);
            expect(decodeJson(ledger.events[1]?.payload)).toEqual(referral);
        });

        it.each([
            ['a code of 0', '0', 'reason'],
            ['a code of 10', '10', 'reason'],
            ['a non-numeric code', 'A', 'reason'],
            ['an empty reason', '2', ''],
            ['a blank reason', '2', '   '],
            ['a reason over 500 characters', '2', 'x'.repeat(501)],
        ])('rejects %s with INVALID_ARGUMENT', async (_label, code, text) => {
            await create();
            expectFailure(await call(BUDDHASOTHORN_CLINICIAN, (ctx) => contract.RejectReferral(ctx, 'R-0001', code, text)), 'INVALID_ARGUMENT');
        });

        it('accepts a zero-padded code', async () => {
            await create();
            const { error } = await call(BUDDHASOTHORN_CLINICIAN, (ctx) => contract.RejectReferral(ctx, 'R-0001', '02', 'full'));
            expect(error).toBeUndefined();
        });

        it('cannot reject an accepted referral or reject twice', async () => {
            await create();
            await create(BANG_KHLA_CLINICIAN, { referralId: 'R-0002' });
            await call(BUDDHASOTHORN_NURSE, (ctx) => contract.AcceptReferral(ctx, 'R-0001', ''));
            await call(BUDDHASOTHORN_NURSE, (ctx) => contract.RejectReferral(ctx, 'R-0002', '2', 'full'));
            expectFailure(await call(BUDDHASOTHORN_NURSE, (ctx) => contract.RejectReferral(ctx, 'R-0001', '2', 'full')), 'INVALID_TRANSITION');
            expectFailure(await call(BUDDHASOTHORN_NURSE, (ctx) => contract.RejectReferral(ctx, 'R-0002', '2', 'full')), 'INVALID_TRANSITION');
            expectFailure(await call(BUDDHASOTHORN_NURSE, (ctx) => contract.AcceptReferral(ctx, 'R-0002', '')), 'INVALID_TRANSITION');
        });

        it('refuses the sender', async () => {
            await create();
            expectFailure(await call(BANG_KHLA_CLINICIAN, (ctx) => contract.RejectReferral(ctx, 'R-0001', '2', 'x')), 'FORBIDDEN_UNIT');
        });

        it('reports REFERRAL_NOT_FOUND for an unknown id', async () => {
            expectFailure(await call(BUDDHASOTHORN_NURSE, (ctx) => contract.RejectReferral(ctx, 'R-9999', '2', 'x')), 'REFERRAL_NOT_FOUND');
        });
    });

    describe('GetReferral', () => {
        it.each<[string, FakeIdentity]>([
            ['the sending clinician', BANG_KHLA_CLINICIAN],
            ['a sending-unit nurse', BANG_KHLA_NURSE],
            ['a receiving-unit nurse', BUDDHASOTHORN_NURSE],
            ['a provincial auditor', PROVINCIAL_AUDITOR],
            ['a provincial auditor without hcode', PROVINCIAL_AUDITOR_NO_HCODE],
        ])('returns the referral to %s without writing', async (_label, who) => {
            const created = await create();
            const outcome = await call(who, (ctx) => contract.GetReferral(ctx, 'R-0001'));
            expect(outcome.error).toBeUndefined();
            expect(JSON.parse(outcome.result as string)).toEqual(created);
            expect(FakeLedger.writeCount(outcome.writes)).toBe(0);
        });

        it.each<[string, FakeIdentity, ErrorCode]>([
            ['another hospital', BANG_PAKONG_CLINICIAN, 'FORBIDDEN_UNIT'],
            ['another unit of a party MSP', HEALTH_CENTRE_NURSE, 'FORBIDDEN_UNIT'],
            ['a party hcode under another MSP', identity('BangPakongMSP', 'nurse', '10697'), 'FORBIDDEN_UNIT'],
            ['an auditor of a hospital', BUDDHASOTHORN_AUDITOR, 'FORBIDDEN_UNIT'],
            ['an auditor claiming a hospital hcode', identity('ProvincialHealthOfficeMSP', 'auditor', '10697'), 'FORBIDDEN_UNIT'],
            ['an unknown role', identity('BangKhlaMSP', 'porter', '11138'), 'FORBIDDEN_ROLE'],
            ['a caller without role', identity('BangKhlaMSP', undefined, '11138'), 'MISSING_ATTRIBUTE'],
        ])('refuses %s', async (_label, who, code) => {
            await create();
            expectFailure(await call(who, (ctx) => contract.GetReferral(ctx, 'R-0001')), code);
        });

        it('reports REFERRAL_NOT_FOUND for an unknown id', async () => {
            expectFailure(await call(PROVINCIAL_AUDITOR, (ctx) => contract.GetReferral(ctx, 'R-9999')), 'REFERRAL_NOT_FOUND');
        });
    });

    describe('corrupt state', () => {
        it.each([
            ['bytes that are not JSON', '{not json'],
            ['JSON that is not a referral', '{"docType":"asset","id":"R-0001"}'],
        ])('reports LEDGER_CORRUPT for %s', async (_label, text) => {
            ledger.state.set(REFERRAL_KEY('R-0001'), Buffer.from(text, 'utf8'));
            expectFailure(await call(PROVINCIAL_AUDITOR, (ctx) => contract.GetReferral(ctx, 'R-0001')), 'LEDGER_CORRUPT');
            expectFailure(await call(BANG_KHLA_CLINICIAN, (ctx) => contract.CreateReferral(ctx, payload())), 'LEDGER_CORRUPT');
        });
    });

    describe('GetReferralHistory', () => {
        it('lists every committed version, newest first, and closes the iterator', async () => {
            const { txId: createTx } = await call(BANG_KHLA_CLINICIAN, (ctx) => contract.CreateReferral(ctx, payload()));
            const { txId: acceptTx } = await call(BUDDHASOTHORN_NURSE, (ctx) => contract.AcceptReferral(ctx, 'R-0001', ''));

            const outcome = await call(PROVINCIAL_AUDITOR, (ctx) => contract.GetReferralHistory(ctx, 'R-0001'));
            const history = JSON.parse(outcome.result as string) as { txId: string; timestamp: string; isDelete: boolean; value: Referral | null }[];

            expect(history.map((entry) => entry.txId)).toEqual([acceptTx, createTx]);
            expect(history.map((entry) => entry.timestamp)).toEqual(['2026-01-01T00:01:00.123Z', '2026-01-01T00:00:00.123Z']);
            expect(history.map((entry) => entry.isDelete)).toEqual([false, false]);
            expect(history.map((entry) => entry.value?.status)).toEqual(['accepted', 'requested']);
            expect(history[0]?.value).toEqual(stored());
            expect(ledger.iterators).toEqual({ opened: 1, closed: 1 });
            expect(FakeLedger.writeCount(outcome.writes)).toBe(0);
        });

        it('shows a deleted version with a null value', async () => {
            await create();
            await ledger.invoke(BANG_KHLA_CLINICIAN, async (ctx) => ctx.stub.deleteState(REFERRAL_KEY('R-0001')));
            await create(); // recreated so the access check can read it
            const { result } = await call(BANG_KHLA_CLINICIAN, (ctx) => contract.GetReferralHistory(ctx, 'R-0001'));
            const history = JSON.parse(result as string) as { isDelete: boolean; value: unknown }[];
            expect(history.map((entry) => [entry.isDelete, entry.value === null])).toEqual([
                [false, false],
                [true, true],
                [false, false],
            ]);
        });

        it('applies the read rule', async () => {
            await create();
            expectFailure(await call(BANG_PAKONG_CLINICIAN, (ctx) => contract.GetReferralHistory(ctx, 'R-0001')), 'FORBIDDEN_UNIT');
            expect(ledger.iterators.opened).toBe(0);
        });

        it('reports REFERRAL_NOT_FOUND for an unknown id', async () => {
            expectFailure(await call(PROVINCIAL_AUDITOR, (ctx) => contract.GetReferralHistory(ctx, 'R-9999')), 'REFERRAL_NOT_FOUND');
        });
    });

    describe('Ping', () => {
        it('answers anyone with the registry size', async () => {
            const { result } = await call(identity('AnyMSP', undefined, undefined), (ctx) => contract.Ping(ctx));
            expect(JSON.parse(result as string)).toEqual({ ok: true, registryUnits: unitRegistry.size });
            expect(unitRegistry.size).toBeGreaterThanOrEqual(14);
        });
    });

    it('is named referral', () => {
        expect(contract.getName()).toBe('referral');
    });
});
