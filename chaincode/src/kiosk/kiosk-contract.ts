import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { requireOwnUnit, requireRole } from '../access/access-checks';
import { AUDITOR_MSP_ID, getActor, type Actor } from '../access/actor';
import { ChaincodeError } from '../errors/chaincode-error';
import { requirePeersOf } from '../ledger/key-endorsement';
import { getJson, putState } from '../ledger/state';
import { txTimestampIso } from '../ledger/tx-time';
import { unitRegistry } from '../registry/unit-registry';
import { parseAnchor, parseRightEvent, parseSeq, parseSeries, parseVoid, type ReceiptRef } from './kiosk-arguments';
import { receiptHeadKey, receiptKey, rightEventKey } from './kiosk-keys';

/** A receipt as anchored: number, hash, status; no payer, no amount. */
export interface ReceiptAnchor {
    readonly docType: 'kioskReceipt';
    readonly hcode: string;
    readonly fiscalYear: number;
    readonly point: string;
    readonly seq: number;
    readonly receiptNo: string;
    /** SHA-256 of the salted receipt; null for a number voided before it was ever issued. */
    readonly hash: string | null;
    readonly status: 'issued' | 'voided';
    readonly voidReason: string | null;
    readonly anchoredAt: string;
    readonly anchoredBy: string;
    readonly voidedAt: string | null;
    readonly voidedBy: string | null;
}

/** The operators of a kiosk: the kiosk device account and a cashier. */
const WRITERS = ['kiosk', 'cashier'] as const;
/** Most anchors one GetReceiptAnchors call returns. */
export const MAX_ANCHORS_PER_READ = 500;

function isAnchor(value: unknown): value is ReceiptAnchor {
    return typeof value === 'object' && value !== null && (value as { docType?: unknown }).docType === 'kioskReceipt';
}

/** Checks that the caller is a kiosk or cashier of `hcode`, whose organisation owns that hospital. */
function requireWriter(actor: Actor, hcode: string, action: string): void {
    requireRole(actor, WRITERS, action);
    const unit = requireOwnUnit(actor, unitRegistry);
    if (unit.hcode !== hcode) {
        throw new ChaincodeError('FORBIDDEN_UNIT', `a ${actor.role} of ${unit.hcode} may not ${action} for ${hcode}`, { details: { hcode } });
    }
}

/** Auditors of the provincial health office read every series; kiosks and cashiers read their own hospital's. */
function requireReader(actor: Actor, hcode: string): void {
    if (actor.role === 'auditor' && actor.mspId === AUDITOR_MSP_ID) return;
    requireWriter(actor, hcode, 'read receipt anchors');
}

async function readAnchor(ctx: Context, ref: Pick<ReceiptRef, 'hcode' | 'fiscalYear' | 'point' | 'seq'>): Promise<ReceiptAnchor | undefined> {
    const key = receiptKey(ctx, ref.hcode, ref.fiscalYear, ref.point, ref.seq);
    const value = await getJson(ctx, key);
    if (value === undefined) return undefined;
    if (!isAnchor(value)) throw new ChaincodeError('LEDGER_CORRUPT', 'stored receipt anchor has no docType', { details: { key } });
    return value;
}

/** Raises the series head to `seq` (the auditor's gap check walks 1..head). */
async function raiseHead(ctx: Context, ref: ReceiptRef, mspId: string): Promise<void> {
    const key = receiptHeadKey(ctx, ref.hcode, ref.fiscalYear, ref.point);
    const current = (await getJson(ctx, key)) as { head?: unknown } | undefined;
    const head = typeof current?.head === 'number' ? current.head : 0;
    if (ref.seq > head) await putState(ctx, key, { docType: 'kioskReceiptHead', hcode: ref.hcode, fiscalYear: ref.fiscalYear, point: ref.point, head: ref.seq });
    if (current === undefined) await requirePeersOf(ctx, key, [mspId]);
}

/** Writes a kiosk key that from now on only the hospital's own organisation may change. */
async function putOwned(ctx: Context, key: string, value: object, mspId: string): Promise<string> {
    const json = await putState(ctx, key, value);
    await requirePeersOf(ctx, key, [mspId]);
    return json;
}

@Info({ title: 'KioskContract', description: 'Smart payment kiosk: receipt number + hash anchors, voids, right open/close events (pseudonymous)' })
export class KioskContract extends Contract {
    constructor() {
        super('KioskContract');
    }

    // Anchors an issued receipt's number and hash for the caller's hospital; the same hash again returns the anchor, another hash is RECEIPT_EXISTS.
    @Transaction()
    @Returns('string')
    async AnchorReceipt(ctx: Context, anchorJson: string): Promise<string> {
        const actor = getActor(ctx);
        const anchor = parseAnchor(anchorJson);
        requireWriter(actor, anchor.hcode, 'anchor a receipt');
        const existing = await readAnchor(ctx, anchor);
        if (existing !== undefined) {
            if (existing.hash === anchor.hash && existing.status === 'issued') return JSON.stringify(existing);
            throw new ChaincodeError('RECEIPT_EXISTS', `receipt ${anchor.receiptNo} is already anchored (${existing.status})`, { details: { receiptNo: anchor.receiptNo } });
        }
        const record: ReceiptAnchor = {
            docType: 'kioskReceipt',
            hcode: anchor.hcode,
            fiscalYear: anchor.fiscalYear,
            point: anchor.point,
            seq: anchor.seq,
            receiptNo: anchor.receiptNo,
            hash: anchor.hash,
            status: 'issued',
            voidReason: null,
            anchoredAt: txTimestampIso(ctx),
            anchoredBy: actor.name,
            voidedAt: null,
            voidedBy: null,
        };
        await raiseHead(ctx, anchor, actor.mspId);
        return putOwned(ctx, receiptKey(ctx, anchor.hcode, anchor.fiscalYear, anchor.point, anchor.seq), record, actor.mspId);
    }

    // Voids a receipt number with a reason (an issued receipt, or a number whose payment was abandoned); nothing is deleted.
    @Transaction()
    @Returns('string')
    async VoidReceipt(ctx: Context, voidJson: string): Promise<string> {
        const actor = getActor(ctx);
        const request = parseVoid(voidJson);
        requireWriter(actor, request.hcode, 'void a receipt');
        const existing = await readAnchor(ctx, request);
        if (existing?.status === 'voided') {
            throw new ChaincodeError('RECEIPT_ALREADY_VOIDED', `receipt ${request.receiptNo} is already voided`, { details: { receiptNo: request.receiptNo } });
        }
        const at = txTimestampIso(ctx);
        const record: ReceiptAnchor = {
            docType: 'kioskReceipt',
            hcode: request.hcode,
            fiscalYear: request.fiscalYear,
            point: request.point,
            seq: request.seq,
            receiptNo: request.receiptNo,
            hash: existing?.hash ?? null,
            status: 'voided',
            voidReason: request.reason,
            anchoredAt: existing?.anchoredAt ?? at,
            anchoredBy: existing?.anchoredBy ?? actor.name,
            voidedAt: at,
            voidedBy: actor.name,
        };
        await raiseHead(ctx, request, actor.mspId);
        return putOwned(ctx, receiptKey(ctx, request.hcode, request.fiscalYear, request.point, request.seq), record, actor.mspId);
    }

    // Records that a right was opened or closed for a kiosk session: pseudonym and keyed Authen Code hash only.
    @Transaction()
    @Returns('string')
    async RecordRightEvent(ctx: Context, eventJson: string): Promise<string> {
        const actor = getActor(ctx);
        const event = parseRightEvent(eventJson);
        requireWriter(actor, event.hcode, 'record a right event');
        const key = rightEventKey(ctx, event.hcode, event.sessionId, event.kind);
        if ((await getJson(ctx, key)) !== undefined) {
            throw new ChaincodeError('RIGHT_EVENT_EXISTS', `the right of session ${event.sessionId} was already ${event.kind}`, { details: { sessionId: event.sessionId } });
        }
        return putOwned(ctx, key, { docType: 'kioskRightEvent', ...event, at: txTimestampIso(ctx), by: actor.name, mspId: actor.mspId }, actor.mspId);
    }

    // Returns the highest anchored sequence number of a series ({"head":n}, 0 when none).
    @Transaction(false)
    @Returns('string')
    async GetReceiptHead(ctx: Context, hcode: string, fiscalYear: string, point: string): Promise<string> {
        const actor = getActor(ctx);
        const series = parseSeries(hcode, fiscalYear, point);
        requireReader(actor, series.hcode);
        const stored = (await getJson(ctx, receiptHeadKey(ctx, series.hcode, series.fiscalYear, series.point))) as { head?: unknown } | undefined;
        return JSON.stringify({ head: typeof stored?.head === 'number' ? stored.head : 0 });
    }

    // Returns the anchors of seq fromSeq..toSeq of a series (JSON array by seq; absent numbers are left out), at most 500.
    @Transaction(false)
    @Returns('string')
    async GetReceiptAnchors(ctx: Context, hcode: string, fiscalYear: string, point: string, fromSeq: string, toSeq: string): Promise<string> {
        const actor = getActor(ctx);
        const series = parseSeries(hcode, fiscalYear, point);
        requireReader(actor, series.hcode);
        const from = parseSeq(fromSeq);
        const to = parseSeq(toSeq);
        if (to < from || to - from + 1 > MAX_ANCHORS_PER_READ) {
            throw new ChaincodeError('INVALID_ARGUMENT', `ask for 1 to ${MAX_ANCHORS_PER_READ} numbers, fromSeq <= toSeq`);
        }
        const anchors: ReceiptAnchor[] = [];
        for (let seq = from; seq <= to; seq += 1) {
            const anchor = await readAnchor(ctx, { ...series, seq });
            if (anchor !== undefined) anchors.push(anchor);
        }
        return JSON.stringify(anchors);
    }
}
