import type { ErrorCode } from '../errors/error-code';
import { decodeJson, FakeLedger, identity, type FakeIdentity } from '../test-support/fake-ledger';
import {
    BANG_KHLA_CLINICIAN,
    BANG_KHLA_NURSE,
    BANG_PAKONG_CLINICIAN,
    BUDDHASOTHORN_AUDITOR,
    BUDDHASOTHORN_CLINICIAN,
    BUDDHASOTHORN_NURSE,
    expectFailure,
    HEALTH_CENTRE_NURSE,
    NO_ATTRIBUTES,
    PROVINCIAL_AUDITOR,
    REFERRAL_KEY,
    ReferralHarness,
    type StepAction,
} from '../test-support/referral-harness';
import { REFERRAL_STATUSES, type Referral, type ReferralStatus } from './referral';

/** Written out independently of REFERRAL_TRANSITIONS: which action is legal from which status. */
const LEGAL: Readonly<Record<ReferralStatus, readonly StepAction[]>> = {
    requested: ['receive', 'accept', 'reject', 'cancel'],
    received: ['accept', 'reject', 'cancel'],
    accepted: ['arrive', 'no-show', 'cancel'],
    arrived: ['complete'],
    completed: [],
    rejected: [],
    cancelled: [],
    'no-show': [],
};

const STATUS_AFTER: Readonly<Record<StepAction, ReferralStatus>> = {
    receive: 'received',
    accept: 'accepted',
    reject: 'rejected',
    arrive: 'arrived',
    complete: 'completed',
    'no-show': 'no-show',
    cancel: 'cancelled',
};

const ACTIONS = Object.keys(STATUS_AFTER) as StepAction[];

const CASES: [ReferralStatus, StepAction, boolean][] = REFERRAL_STATUSES.flatMap((status) =>
    ACTIONS.map((action): [ReferralStatus, StepAction, boolean] => [status, action, LEGAL[status].includes(action)]),
);

describe('referral lifecycle', () => {
    let h: ReferralHarness;

    beforeEach(() => {
        h = new ReferralHarness();
    });

    describe('every status × action through the contract', () => {
        it.each(CASES)('from %s, %s is legal: %s', async (status, action, legal) => {
            const before = await h.referralIn(status);
            const outcome = await h.step(action);
            if (!legal) {
                const error = expectFailure(outcome, 'INVALID_TRANSITION');
                expect(error.message).toBe(`INVALID_TRANSITION: referral R-0001 cannot go from ${status} to ${STATUS_AFTER[action]}`);
                expect(h.stored()).toEqual(before);
                return;
            }
            expect(outcome.error).toBeUndefined();
            const after = JSON.parse(outcome.result as string) as Referral;
            expect(after.status).toBe(STATUS_AFTER[action]);
            expect(after.steps).toHaveLength(before.steps.length + 1);
            expect(after.steps.at(-1)).toMatchObject({ action, status: STATUS_AFTER[action], txId: outcome.txId });
            expect(after.updatedAt).toBe(after.steps.at(-1)?.at);
            expect(after.createdAt).toBe(before.createdAt);
            expect(h.stored()).toEqual(after);
        });
    });

    it('runs the whole happy path requested → received → accepted → arrived → completed', async () => {
        await h.create();
        for (const action of ['receive', 'accept', 'arrive', 'complete'] as const) {
            expect((await h.step(action)).error).toBeUndefined();
        }
        const referral = h.stored();
        expect(referral.steps.map((step) => step.action)).toEqual(['create', 'receive', 'accept', 'arrive', 'complete']);
        expect(referral.steps.map((step) => step.status)).toEqual(['requested', 'received', 'accepted', 'arrived', 'completed']);
        expect(referral.result).toEqual({ resultCode: '1', note: 'treated' });
    });

    describe('ReferralChanged event', () => {
        it('carries the full public referral after every write, byte for byte as stored', async () => {
            await h.create();
            for (const action of ['receive', 'accept', 'arrive', 'complete'] as const) {
                const { txId, result } = await h.step(action);
                const event = h.ledger.events.at(-1);
                expect(event).toMatchObject({ txId, name: 'ReferralChanged' });
                const stored = h.ledger.state.get(REFERRAL_KEY('R-0001')) as Uint8Array;
                expect(Buffer.from(event?.payload as Uint8Array).equals(Buffer.from(stored))).toBe(true);
                expect(Buffer.from(event?.payload as Uint8Array).toString('utf8')).toBe(result);
            }
            expect(h.ledger.events.map((event) => (decodeJson(event.payload) as Referral).status)).toEqual([
                'requested',
                'received',
                'accepted',
                'arrived',
                'completed',
            ]);
        });

        it('emits exactly one event per write and none for a failed call', async () => {
            await h.referralIn('cancelled');
            expect(h.ledger.events).toHaveLength(2);
            expect(decodeJson(h.ledger.events[1]?.payload)).toEqual(h.stored());
            await h.step('accept');
            expect(h.ledger.events).toHaveLength(2);
        });
    });

    describe('ReceiveReferral', () => {
        it('records the receive step without a note', async () => {
            await h.create();
            const { result, txId } = await h.step('receive', 'R-0001', BUDDHASOTHORN_CLINICIAN);
            const referral = JSON.parse(result as string) as Referral;
            expect(referral.steps[1]).toEqual({
                action: 'receive',
                status: 'received',
                txId,
                at: '2026-01-01T00:01:00.123Z',
                mspId: 'BuddhasothornMSP',
                hcode: '10697',
                role: 'clinician',
                actor: 'dr.bs01',
            });
        });
    });

    describe('CompleteReferral', () => {
        it('stores the file-50 result with its note and puts the note on the step', async () => {
            await h.referralIn('arrived');
            const { result } = await h.call(BUDDHASOTHORN_CLINICIAN, (ctx) => h.contract.CompleteReferral(ctx, 'R-0001', '5', 'transferred to ward'));
            const referral = JSON.parse(result as string) as Referral;
            expect(referral.result).toEqual({ resultCode: '5', note: 'transferred to ward' });
            expect(referral.steps.at(-1)).toMatchObject({ action: 'complete', status: 'completed', note: 'transferred to ward' });
        });

        it('keeps an empty note in the result and omits it from the step', async () => {
            await h.referralIn('arrived');
            const { result } = await h.call(BUDDHASOTHORN_NURSE, (ctx) => h.contract.CompleteReferral(ctx, 'R-0001', '3', ''));
            const referral = JSON.parse(result as string) as Referral;
            expect(referral.result).toEqual({ resultCode: '3', note: '' });
            expect(referral.steps.at(-1)).not.toHaveProperty('note');
        });

        it.each([
            ['a code of 0', '0', ''],
            ['a code of 6', '6', ''],
            ['a zero-padded code', '01', ''],
            ['an empty code', '', ''],
            ['a letter', 'A', ''],
            ['a note over 500 characters', '1', 'x'.repeat(501)],
        ])('rejects %s with INVALID_ARGUMENT', async (_label, code, note) => {
            await h.referralIn('arrived');
            expectFailure(await h.call(BUDDHASOTHORN_NURSE, (ctx) => h.contract.CompleteReferral(ctx, 'R-0001', code, note)), 'INVALID_ARGUMENT');
        });

        it('accepts a 500-character note', async () => {
            await h.referralIn('arrived');
            const { error } = await h.call(BUDDHASOTHORN_NURSE, (ctx) => h.contract.CompleteReferral(ctx, 'R-0001', '1', 'x'.repeat(500)));
            expect(error).toBeUndefined();
        });
    });

    describe('MarkNoShow', () => {
        it('records the no-show with its note and no result', async () => {
            await h.referralIn('accepted');
            const { result } = await h.call(BUDDHASOTHORN_NURSE, (ctx) => h.contract.MarkNoShow(ctx, 'R-0001', 'no answer by phone'));
            const referral = JSON.parse(result as string) as Referral;
            expect(referral.status).toBe('no-show');
            expect(referral).not.toHaveProperty('result');
            expect(referral.steps.at(-1)).toMatchObject({ action: 'no-show', note: 'no answer by phone' });
        });

        it('rejects a note over 500 characters', async () => {
            await h.referralIn('accepted');
            expectFailure(await h.call(BUDDHASOTHORN_NURSE, (ctx) => h.contract.MarkNoShow(ctx, 'R-0001', 'x'.repeat(501))), 'INVALID_ARGUMENT');
        });
    });

    describe('CancelReferral', () => {
        it('stores the reason as cancellation and on the step', async () => {
            await h.referralIn('received');
            const { result } = await h.call(BANG_KHLA_CLINICIAN, (ctx) => h.contract.CancelReferral(ctx, 'R-0001', 'treated locally'));
            const referral = JSON.parse(result as string) as Referral;
            expect(referral.status).toBe('cancelled');
            expect(referral.cancellation).toEqual({ reasonText: 'treated locally' });
            expect(referral.steps.at(-1)).toMatchObject({
                action: 'cancel',
                status: 'cancelled',
                mspId: 'BangKhlaMSP',
                hcode: '11138',
                role: 'clinician',
                note: 'treated locally',
            });
        });

        it.each([
            ['an empty reason', ''],
            ['a blank reason', '  \n '],
            ['a reason over 500 characters', 'x'.repeat(501)],
        ])('rejects %s with INVALID_ARGUMENT', async (_label, text) => {
            await h.create();
            expectFailure(await h.call(BANG_KHLA_CLINICIAN, (ctx) => h.contract.CancelReferral(ctx, 'R-0001', text)), 'INVALID_ARGUMENT');
        });

        it.each<[string, FakeIdentity, ErrorCode]>([
            ['a nurse of the sending unit', BANG_KHLA_NURSE, 'FORBIDDEN_ROLE'],
            ['the receiving clinician', BUDDHASOTHORN_CLINICIAN, 'FORBIDDEN_UNIT'],
            ['the receiving nurse', BUDDHASOTHORN_NURSE, 'FORBIDDEN_ROLE'],
            ['a clinician of another hospital', BANG_PAKONG_CLINICIAN, 'FORBIDDEN_UNIT'],
            ['the sending hcode under another MSP', identity('BangPakongMSP', 'clinician', '11138'), 'FORBIDDEN_UNIT'],
            ['a health-centre clinician of the sending MSP', identity('BangKhlaMSP', 'clinician', '03903'), 'FORBIDDEN_UNIT'],
            ['a provincial auditor', PROVINCIAL_AUDITOR, 'FORBIDDEN_ROLE'],
            ['a caller without attributes', NO_ATTRIBUTES, 'MISSING_ATTRIBUTE'],
        ])('refuses %s and writes nothing', async (_label, who, code) => {
            await h.create();
            expectFailure(await h.step('cancel', 'R-0001', who), code);
            expect(h.stored().status).toBe('requested');
        });

        it('reports REFERRAL_NOT_FOUND for an unknown id and INVALID_ARGUMENT for a bad one', async () => {
            expectFailure(await h.step('cancel', 'R-9999'), 'REFERRAL_NOT_FOUND');
            expectFailure(await h.step('cancel', 'R 1'), 'INVALID_ARGUMENT');
        });
    });

    describe('receiving-side caller rules', () => {
        /** Status from which each receiving-side action is legal. */
        const READY: Readonly<Record<Exclude<StepAction, 'cancel'>, ReferralStatus>> = {
            receive: 'requested',
            accept: 'received',
            reject: 'received',
            arrive: 'accepted',
            complete: 'arrived',
            'no-show': 'accepted',
        };
        const RECEIVER_ACTIONS = Object.keys(READY) as (keyof typeof READY)[];

        const ALLOWED: [string, FakeIdentity][] = [
            ['a receiving clinician', BUDDHASOTHORN_CLINICIAN],
            ['a receiving nurse', BUDDHASOTHORN_NURSE],
        ];
        const REFUSED: [string, FakeIdentity, ErrorCode][] = [
            ['the sending clinician', BANG_KHLA_CLINICIAN, 'FORBIDDEN_UNIT'],
            ['a sending nurse', BANG_KHLA_NURSE, 'FORBIDDEN_UNIT'],
            ['another hospital', BANG_PAKONG_CLINICIAN, 'FORBIDDEN_UNIT'],
            ['the destination hcode under another MSP', identity('BangKhlaMSP', 'nurse', '10697'), 'FORBIDDEN_UNIT'],
            ['another unit of the destination MSP', HEALTH_CENTRE_NURSE, 'FORBIDDEN_UNIT'],
            ['a provincial auditor', PROVINCIAL_AUDITOR, 'FORBIDDEN_ROLE'],
            ['an auditor of the destination', BUDDHASOTHORN_AUDITOR, 'FORBIDDEN_ROLE'],
            ['an unknown role', identity('BuddhasothornMSP', 'porter', '10697'), 'FORBIDDEN_ROLE'],
            ['a caller without attributes', NO_ATTRIBUTES, 'MISSING_ATTRIBUTE'],
        ];

        it.each(RECEIVER_ACTIONS.flatMap((action) => ALLOWED.map(([label, who]): [StepAction, string, FakeIdentity] => [action, label, who])))(
            '%s is allowed for %s',
            async (action, _label, who) => {
                await h.referralIn(READY[action as keyof typeof READY]);
                const { error } = await h.step(action, 'R-0001', who);
                expect(error).toBeUndefined();
                expect(h.stored().status).toBe(STATUS_AFTER[action]);
            },
        );

        it.each(
            RECEIVER_ACTIONS.flatMap((action) =>
                REFUSED.map(([label, who, code]): [StepAction, string, FakeIdentity, ErrorCode] => [action, label, who, code]),
            ),
        )('%s is refused for %s', async (action, _label, who, code) => {
            const before = await h.referralIn(READY[action as keyof typeof READY]);
            expectFailure(await h.step(action, 'R-0001', who), code);
            expect(h.stored()).toEqual(before);
        });

        it.each(RECEIVER_ACTIONS)('%s reports REFERRAL_NOT_FOUND and INVALID_ARGUMENT for unknown and bad ids', async (action) => {
            expectFailure(await h.step(action, 'R-9999'), 'REFERRAL_NOT_FOUND');
            expectFailure(await h.step(action, 'bad id!'), 'INVALID_ARGUMENT');
        });

        it('lets a health centre answer a referral sent to it under its district hospital MSP', async () => {
            await h.create(BUDDHASOTHORN_CLINICIAN, { toHcode: '03999' });
            for (const action of ['receive', 'accept', 'arrive', 'complete'] as const) {
                expect((await h.step(action, 'R-0001', HEALTH_CENTRE_NURSE)).error).toBeUndefined();
            }
            expect(h.stored().status).toBe('completed');
        });

        it('checks the caller before the arguments', async () => {
            await h.referralIn('arrived');
            expectFailure(await h.call(NO_ATTRIBUTES, (ctx) => h.contract.CompleteReferral(ctx, 'R-0001', '9', '')), 'MISSING_ATTRIBUTE');
            expectFailure(await h.call(PROVINCIAL_AUDITOR, (ctx) => h.contract.CompleteReferral(ctx, 'R-0001', '9', '')), 'FORBIDDEN_ROLE');
        });
    });

    describe('records stored before kind existed', () => {
        function storeLegacy(): Referral {
            const legacy = {
                docType: 'referral',
                id: 'R-0001',
                status: 'requested',
                fromHcode: '11138',
                toHcode: '10697',
                fromMsp: 'BangKhlaMSP',
                toMsp: 'BuddhasothornMSP',
                patientPseudonym: 'a'.repeat(64),
                reasonCode: '1',
                priority: 2,
                createdAt: '2025-12-01T00:00:00.000Z',
                updatedAt: '2025-12-01T00:00:00.000Z',
                steps: [],
            };
            h.ledger.state.set(REFERRAL_KEY('R-0001'), Buffer.from(JSON.stringify(legacy), 'utf8'));
            return legacy as unknown as Referral;
        }

        it('read as kind referral', async () => {
            const legacy = storeLegacy();
            const { result } = await h.call(PROVINCIAL_AUDITOR, (ctx) => h.contract.GetReferral(ctx, 'R-0001'));
            expect(JSON.parse(result as string)).toEqual({ ...legacy, kind: 'referral' });
        });

        it('gain kind referral on their next write', async () => {
            storeLegacy();
            expect((await h.step('accept')).error).toBeUndefined();
            expect(h.stored().kind).toBe('referral');
        });

        it('are shown as committed in the history', async () => {
            storeLegacy();
            h.ledger.history.set(REFERRAL_KEY('R-0001'), [
                { txId: 'old', seconds: 1, nanos: 0, isDelete: false, value: h.ledger.state.get(REFERRAL_KEY('R-0001')) as Uint8Array },
            ]);
            const { result } = await h.call(PROVINCIAL_AUDITOR, (ctx) => h.contract.GetReferralHistory(ctx, 'R-0001'));
            const [entry] = JSON.parse(result as string) as { value: Record<string, unknown> }[];
            expect(entry?.value).not.toHaveProperty('kind');
        });

        it('with an unknown kind are LEDGER_CORRUPT', async () => {
            const legacy = storeLegacy();
            h.ledger.state.set(REFERRAL_KEY('R-0001'), Buffer.from(JSON.stringify({ ...legacy, kind: 'transfer' }), 'utf8'));
            expectFailure(await h.call(PROVINCIAL_AUDITOR, (ctx) => h.contract.GetReferral(ctx, 'R-0001')), 'LEDGER_CORRUPT');
        });
    });

    it('never writes private data or validation parameters outside CreateReferral', async () => {
        await h.referralIn('completed');
        expect(h.ledger.privateState.size).toBe(0);
        expect(h.ledger.validationParameters.size).toBe(1);
        expect(FakeLedger.writeCount((await h.step('cancel')).writes)).toBe(0);
    });
});
