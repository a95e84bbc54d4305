import { ChaincodeError } from '../errors/chaincode-error';
import type { ErrorCode } from '../errors/error-code';
import { decodeJson, FakeLedger, identity, type FakeIdentity, type InvokeResult } from '../test-support/fake-ledger';
import { KioskContract, type ReceiptAnchor } from './kiosk-contract';

const KIOSK = identity('BuddhasothornMSP', 'kiosk', '10697', 'kiosk.buddhasothorn.01');
const CASHIER = identity('BuddhasothornMSP', 'cashier', '10697', 'cashier.buddhasothorn');
const OTHER_CASHIER = identity('BangKhlaMSP', 'cashier', '11138', 'cashier.bangkhla');
const FOREIGN_MSP_KIOSK = identity('BangKhlaMSP', 'kiosk', '10697', 'kiosk.fake');
const CLINICIAN = identity('BuddhasothornMSP', 'clinician', '10697', 'dr.bs01');
const AUDITOR = identity('ProvincialHealthOfficeMSP', 'auditor', '00024', 'auditor.pho');
const HASH = 'a'.repeat(64);
const PSEUDONYM = 'b'.repeat(64);
const SESSION = 'KS-0b6f1a0e-1111-4222-8333-944445555666';

const anchorArg = (seq: number, hash = HASH): string =>
    JSON.stringify({ hcode: '10697', fiscalYear: 2570, point: '01', seq, receiptNo: `2570-10697-01-${String(seq).padStart(6, '0')}`, hash });
const voidArg = (seq: number, reason = 'wrong patient'): string =>
    JSON.stringify({ hcode: '10697', fiscalYear: 2570, point: '01', seq, receiptNo: `2570-10697-01-${String(seq).padStart(6, '0')}`, reason });
const RECEIPT_KEY = (seq: number): string => `\u0000kiosk~receipt\u000010697\u00002570\u000001\u0000${String(seq).padStart(6, '0')}\u0000`;

describe('KioskContract', () => {
    let ledger: FakeLedger;
    const contract = new KioskContract();

    beforeEach(() => {
        ledger = new FakeLedger();
    });

    async function call<T>(who: FakeIdentity, fn: (ctx: Parameters<typeof contract.AnchorReceipt>[0]) => Promise<T>): Promise<InvokeResult<T>> {
        return ledger.invoke(who, fn);
    }

    function expectFailure(outcome: InvokeResult<unknown>, code: ErrorCode): void {
        expect(outcome.error).toBeInstanceOf(ChaincodeError);
        expect((outcome.error as ChaincodeError).code).toBe(code);
        expect(FakeLedger.writeCount(outcome.writes)).toBe(0);
    }

    async function anchors(who: FakeIdentity = AUDITOR, from = '1', to = '10'): Promise<ReceiptAnchor[]> {
        const { result, error } = await call(who, (ctx) => contract.GetReceiptAnchors(ctx, '10697', '2570', '01', from, to));
        if (error !== undefined) throw error;
        return JSON.parse(result as string) as ReceiptAnchor[];
    }

    async function head(who: FakeIdentity = AUDITOR): Promise<number> {
        const { result } = await call(who, (ctx) => contract.GetReceiptHead(ctx, '10697', '2570', '01'));
        return (JSON.parse(result as string) as { head: number }).head;
    }

    it('anchors a receipt number and hash, signed by the kiosk, owned by its organisation', async () => {
        const outcome = await call(KIOSK, (ctx) => contract.AnchorReceipt(ctx, anchorArg(1)));
        expect(outcome.error).toBeUndefined();
        expect(decodeJson(ledger.state.get(RECEIPT_KEY(1)))).toMatchObject({ receiptNo: '2570-10697-01-000001', hash: HASH, status: 'issued', anchoredBy: 'kiosk.buddhasothorn.01', anchoredAt: '2026-01-01T00:00:00.123Z' });
        expect(ledger.validationParameters.has(RECEIPT_KEY(1))).toBe(true);
        expect(await head()).toBe(1);
        // the same anchor again is a no-op
        const again = await call(KIOSK, (ctx) => contract.AnchorReceipt(ctx, anchorArg(1)));
        expect(again.error).toBeUndefined();
        expect(FakeLedger.writeCount(again.writes)).toBe(0);
    });

    it('never lets a number carry a second hash (no duplicate, no rewrite)', async () => {
        await call(KIOSK, (ctx) => contract.AnchorReceipt(ctx, anchorArg(1)));
        expectFailure(await call(CASHIER, (ctx) => contract.AnchorReceipt(ctx, anchorArg(1, 'c'.repeat(64)))), 'RECEIPT_EXISTS');
    });

    it('voids an issued receipt with a reason and keeps its hash; a second void is refused', async () => {
        await call(KIOSK, (ctx) => contract.AnchorReceipt(ctx, anchorArg(1)));
        const voided = await call(CASHIER, (ctx) => contract.VoidReceipt(ctx, voidArg(1)));
        expect(voided.error).toBeUndefined();
        expect(decodeJson(ledger.state.get(RECEIPT_KEY(1)))).toMatchObject({ status: 'voided', hash: HASH, voidReason: 'wrong patient', voidedBy: 'cashier.buddhasothorn', anchoredBy: 'kiosk.buddhasothorn.01' });
        expectFailure(await call(CASHIER, (ctx) => contract.VoidReceipt(ctx, voidArg(1))), 'RECEIPT_ALREADY_VOIDED');
        expectFailure(await call(CASHIER, (ctx) => contract.AnchorReceipt(ctx, anchorArg(1))), 'RECEIPT_EXISTS');
    });

    it('voids a number whose payment was abandoned (never issued): no hash, the head moves on', async () => {
        await call(KIOSK, (ctx) => contract.VoidReceipt(ctx, voidArg(2, 'PAYMENT_ABANDONED')));
        await call(KIOSK, (ctx) => contract.AnchorReceipt(ctx, anchorArg(1)));
        expect(await head()).toBe(2);
        const list = await anchors();
        expect(list.map((a) => [a.seq, a.status, a.hash])).toEqual([
            [1, 'issued', HASH],
            [2, 'voided', null],
        ]);
    });

    it('lists anchors by sequence so that an auditor sees a gap', async () => {
        for (const seq of [1, 2, 4]) await call(KIOSK, (ctx) => contract.AnchorReceipt(ctx, anchorArg(seq)));
        expect(await head()).toBe(4);
        expect((await anchors()).map((a) => a.seq)).toEqual([1, 2, 4]);
        expect((await anchors(CASHIER, '2', '2')).map((a) => a.seq)).toEqual([2]);
    });

    it('refuses other roles, other hospitals, and another organisation claiming the hospital', async () => {
        expectFailure(await call(CLINICIAN, (ctx) => contract.AnchorReceipt(ctx, anchorArg(1))), 'FORBIDDEN_ROLE');
        expectFailure(await call(AUDITOR, (ctx) => contract.AnchorReceipt(ctx, anchorArg(1))), 'FORBIDDEN_ROLE');
        expectFailure(await call(OTHER_CASHIER, (ctx) => contract.AnchorReceipt(ctx, anchorArg(1))), 'FORBIDDEN_UNIT');
        expectFailure(await call(FOREIGN_MSP_KIOSK, (ctx) => contract.AnchorReceipt(ctx, anchorArg(1))), 'FORBIDDEN_UNIT');
        expectFailure(await call(OTHER_CASHIER, (ctx) => contract.GetReceiptHead(ctx, '10697', '2570', '01')), 'FORBIDDEN_UNIT');
    });

    it.each([
        ['not JSON', 'nope'],
        ['an array', '[]'],
        ['a bad hash', anchorArg(1, 'xyz')],
        ['a receipt number of another series', JSON.stringify({ hcode: '10697', fiscalYear: 2570, point: '01', seq: 1, receiptNo: '2570-10697-02-000001', hash: HASH })],
        ['seq 0', JSON.stringify({ hcode: '10697', fiscalYear: 2570, point: '01', seq: 0, receiptNo: '2570-10697-01-000000', hash: HASH })],
        ['a Gregorian fiscal year', JSON.stringify({ hcode: '10697', fiscalYear: 2027, point: '01', seq: 1, receiptNo: '2027-10697-01-000001', hash: HASH })],
    ])('refuses an anchor with %s', async (_what, arg) => {
        expectFailure(await call(KIOSK, (ctx) => contract.AnchorReceipt(ctx, arg)), 'INVALID_ARGUMENT');
    });

    it('refuses a void without a reason and reads over 500 numbers', async () => {
        expectFailure(await call(CASHIER, (ctx) => contract.VoidReceipt(ctx, voidArg(1, ' '))), 'INVALID_ARGUMENT');
        const read = await call(AUDITOR, (ctx) => contract.GetReceiptAnchors(ctx, '10697', '2570', '01', '1', '501'));
        expect((read.error as ChaincodeError).code).toBe('INVALID_ARGUMENT');
    });

    it('records a right opened and closed, pseudonymously, once each', async () => {
        const event = (kind: string): string => JSON.stringify({ sessionId: SESSION, hcode: '10697', patientPseudonym: PSEUDONYM, claimType: 'PG0060001', kind, authenCodeHash: HASH });
        expect((await call(KIOSK, (ctx) => contract.RecordRightEvent(ctx, event('opened')))).error).toBeUndefined();
        expect((await call(KIOSK, (ctx) => contract.RecordRightEvent(ctx, event('closed')))).error).toBeUndefined();
        expectFailure(await call(KIOSK, (ctx) => contract.RecordRightEvent(ctx, event('opened'))), 'RIGHT_EVENT_EXISTS');
        expectFailure(await call(KIOSK, (ctx) => contract.RecordRightEvent(ctx, event('paid'))), 'INVALID_ARGUMENT');
        const withCid = JSON.stringify({ sessionId: SESSION, hcode: '10697', patientPseudonym: '3100600123450', claimType: 'PG0060001', kind: 'opened', authenCodeHash: HASH });
        expectFailure(await call(KIOSK, (ctx) => contract.RecordRightEvent(ctx, withCid)), 'INVALID_ARGUMENT');
    });
});
