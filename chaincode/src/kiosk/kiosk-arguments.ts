import { ChaincodeError } from '../errors/chaincode-error';

/** A receipt series and number, as every receipt transaction names it. */
export interface ReceiptRef {
    readonly hcode: string;
    readonly fiscalYear: number;
    readonly point: string;
    readonly seq: number;
    readonly receiptNo: string;
}

/** AnchorReceipt argument. */
export interface AnchorArgument extends ReceiptRef {
    readonly hash: string;
}

/** VoidReceipt argument. */
export interface VoidArgument extends ReceiptRef {
    readonly reason: string;
}

/** RecordRightEvent argument: pseudonymous (no CID, no Authen Code in clear). */
export interface RightEventArgument {
    readonly sessionId: string;
    readonly hcode: string;
    readonly patientPseudonym: string;
    readonly claimType: string;
    readonly kind: 'opened' | 'closed';
    readonly authenCodeHash: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

function bad(message: string): ChaincodeError {
    return new ChaincodeError('INVALID_ARGUMENT', message);
}

function object(json: string, what: string): Record<string, unknown> {
    let value: unknown;
    try {
        value = JSON.parse(json) as unknown;
    } catch {
        throw bad(`${what} is not JSON`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw bad(`${what} must be a JSON object`);
    }
    return value as Record<string, unknown>;
}

function text(o: Record<string, unknown>, field: string, pattern: RegExp): string {
    const value = o[field];
    if (typeof value !== 'string' || !pattern.test(value)) {
        throw bad(`${field} is missing or malformed`);
    }
    return value;
}

/** Checks a series: 5-digit hcode, Buddhist-era fiscal year, 2-digit point. */
export function parseSeries(hcode: unknown, fiscalYear: unknown, point: unknown): { hcode: string; fiscalYear: number; point: string } {
    const fy = typeof fiscalYear === 'string' ? Number(fiscalYear) : fiscalYear;
    if (typeof hcode !== 'string' || !/^\d{5}$/.test(hcode)) throw bad('hcode must be 5 digits');
    if (typeof fy !== 'number' || !Number.isInteger(fy) || fy < 2500 || fy > 2700) throw bad('fiscalYear must be a Buddhist-era year');
    if (typeof point !== 'string' || !/^\d{2}$/.test(point)) throw bad('point must be 2 digits');
    return { hcode, fiscalYear: fy, point };
}

/** Checks a sequence number (1..999999). */
export function parseSeq(value: unknown): number {
    const seq = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || seq > 999_999) throw bad('seq must be an integer from 1 to 999999');
    return seq;
}

function parseRef(o: Record<string, unknown>): ReceiptRef {
    const series = parseSeries(o.hcode, o.fiscalYear, o.point);
    const seq = parseSeq(o.seq);
    const expected = `${series.fiscalYear}-${series.hcode}-${series.point}-${String(seq).padStart(6, '0')}`;
    if (o.receiptNo !== expected) throw bad(`receiptNo must be ${expected} for this series and seq`);
    return { ...series, seq, receiptNo: expected };
}

/** Parses AnchorReceipt's JSON argument. */
export function parseAnchor(json: string): AnchorArgument {
    const o = object(json, 'anchor');
    return { ...parseRef(o), hash: text(o, 'hash', HEX64) };
}

/** Parses VoidReceipt's JSON argument. */
export function parseVoid(json: string): VoidArgument {
    const o = object(json, 'void');
    const reason = o.reason;
    if (typeof reason !== 'string' || reason.trim().length < 3 || reason.length > 200) throw bad('reason must have 3 to 200 characters');
    return { ...parseRef(o), reason: reason.trim() };
}

/** Parses RecordRightEvent's JSON argument. */
export function parseRightEvent(json: string): RightEventArgument {
    const o = object(json, 'right event');
    const kind = o.kind;
    if (kind !== 'opened' && kind !== 'closed') throw bad('kind must be opened or closed');
    return {
        sessionId: text(o, 'sessionId', /^KS-[0-9a-f-]{36}$/),
        hcode: text(o, 'hcode', /^\d{5}$/),
        patientPseudonym: text(o, 'patientPseudonym', HEX64),
        claimType: text(o, 'claimType', /^[A-Z0-9]{3,20}$/),
        kind,
        authenCodeHash: text(o, 'authenCodeHash', HEX64),
    };
}
