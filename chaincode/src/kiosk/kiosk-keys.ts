import type { Context } from 'fabric-contract-api';

/** Object type of a receipt anchor: [hcode, fiscalYear, point, seq padded to 6 digits]. */
export const RECEIPT_KEY_TYPE = 'kiosk~receipt';
/** Object type of a series head (highest anchored sequence): [hcode, fiscalYear, point]. */
export const RECEIPT_HEAD_KEY_TYPE = 'kiosk~receipthead';
/** Object type of a right event: [hcode, sessionId, kind]. */
export const RIGHT_EVENT_KEY_TYPE = 'kiosk~right';

/** Key of the anchor of receipt `seq` of a series. */
export function receiptKey(ctx: Context, hcode: string, fiscalYear: number, point: string, seq: number): string {
    return ctx.stub.createCompositeKey(RECEIPT_KEY_TYPE, [hcode, String(fiscalYear), point, String(seq).padStart(6, '0')]);
}

/** Key of the head of a receipt series. */
export function receiptHeadKey(ctx: Context, hcode: string, fiscalYear: number, point: string): string {
    return ctx.stub.createCompositeKey(RECEIPT_HEAD_KEY_TYPE, [hcode, String(fiscalYear), point]);
}

/** Key of a right opened/closed event of a kiosk session. */
export function rightEventKey(ctx: Context, hcode: string, sessionId: string, kind: string): string {
    return ctx.stub.createCompositeKey(RIGHT_EVENT_KEY_TYPE, [hcode, sessionId, kind]);
}
