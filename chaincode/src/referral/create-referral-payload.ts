import { ChaincodeError } from '../errors/chaincode-error';
import { REFERRAL_KINDS, type ReferralKind } from './referral';
import { invalidArgument, parseReferralId, parseText } from './referral-arguments';
import {
    CARE_DURING_TRANSFER_CODES,
    FAST_TRACK_CODES,
    MAX_PRIORITY,
    MIN_PRIORITY,
    PATIENT_CATEGORIES,
    REFER_REASON_CODES,
    type CareDuringTransferCode,
    type FastTrackCode,
    type PatientCategory,
    type ReferReasonCode,
} from './referral-codes';

/** The validated `CreateReferral` payload. Optional fields are absent, never undefined-valued. */
export interface CreateReferralPayload {
    readonly referralId: string;
    /** Absent means `referral`; `back-referral` and `onward` come with `parentReferralId`. */
    readonly kind?: ReferralKind;
    /** Present exactly when `kind` is `back-referral` or `onward`. */
    readonly parentReferralId?: string;
    readonly toHcode: string;
    /** Required for a first referral; optional with a parent (inherited from it). */
    readonly patientPseudonym?: string;
    readonly reasonCode: ReferReasonCode;
    readonly priority: number;
    readonly fastTrack?: FastTrackCode;
    readonly patientCategory?: PatientCategory;
    /** Sorted and without duplicates. */
    readonly careDuringTransfer?: CareDuringTransferCode[];
    /** Lower-cased. */
    readonly clinicalSummaryHash?: string;
    readonly expectedArrival?: string;
    readonly note?: string;
}

const ALLOWED_FIELDS: ReadonlySet<string> = new Set([
    'referralId',
    'kind',
    'parentReferralId',
    'toHcode',
    'patientPseudonym',
    'reasonCode',
    'priority',
    'fastTrack',
    'patientCategory',
    'careDuringTransfer',
    'clinicalSummaryHash',
    'expectedArrival',
    'note',
]);

const HCODE = /^\d{5}$/;
const PSEUDONYM = /^[0-9a-f]{64}$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Optional fields may be omitted or null; both mean absent. */
function isPresent(value: unknown): boolean {
    return value !== undefined && value !== null;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
        throw invalidArgument(field, `must be one of ${allowed.join(', ')}`);
    }
    return value as T;
}

function isValidIsoDateTime(value: string): boolean {
    const match = ISO_DATE_TIME.exec(value);
    if (!match) {
        return false;
    }
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0'));
    const offsetHours = Number(match[8] ?? '0');
    const offsetMinutes = Number(match[9] ?? '0');
    const utc = new Date(Date.UTC(year, month - 1, day));
    return (
        utc.getUTCFullYear() === year &&
        utc.getUTCMonth() === month - 1 &&
        utc.getUTCDate() === day &&
        hour <= 23 &&
        minute <= 59 &&
        second <= 59 &&
        offsetHours <= 23 &&
        offsetMinutes <= 59
    );
}

function parseCareDuringTransfer(value: unknown): CareDuringTransferCode[] {
    if (!Array.isArray(value)) {
        throw invalidArgument('careDuringTransfer', 'must be an array');
    }
    const codes = value.map((item) => oneOf(item, CARE_DURING_TRANSFER_CODES, 'careDuringTransfer[]'));
    if (new Set(codes).size !== codes.length) {
        throw invalidArgument('careDuringTransfer', 'must not repeat a code');
    }
    return [...codes].sort();
}

/**
 * Parses and validates the JSON payload of `CreateReferral`. Optional fields
 * may be omitted or null. Unknown fields are rejected, so no unexpected (possibly identifying) data reaches the ledger.
 *
 * @throws ChaincodeError INVALID_ARGUMENT naming the first bad field
 */
export function parseCreateReferralPayload(json: string): CreateReferralPayload {
    let raw: unknown;
    try {
        raw = JSON.parse(json) as unknown;
    } catch (cause) {
        throw new ChaincodeError('INVALID_ARGUMENT', 'payload is not valid JSON', { cause });
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new ChaincodeError('INVALID_ARGUMENT', 'payload must be a JSON object');
    }
    const input = raw as Record<string, unknown>;
    const unknownFields = Object.keys(input).filter((key) => !ALLOWED_FIELDS.has(key));
    if (unknownFields.length > 0) {
        throw new ChaincodeError('INVALID_ARGUMENT', `payload has unknown fields: ${unknownFields.sort().join(', ')}`, {
            details: { fields: unknownFields },
        });
    }

    const referralId = parseReferralId(input.referralId);
    const kind = isPresent(input.kind) ? oneOf(input.kind, REFERRAL_KINDS, 'kind') : undefined;
    const parentReferralId = isPresent(input.parentReferralId) ? parseReferralId(input.parentReferralId, 'parentReferralId') : undefined;
    if (parentReferralId === undefined && kind !== undefined && kind !== 'referral') {
        throw invalidArgument('parentReferralId', `is required for kind ${kind}`);
    }
    if (parentReferralId !== undefined && (kind === undefined || kind === 'referral')) {
        throw invalidArgument('kind', 'must be back-referral or onward when parentReferralId is given');
    }
    if (parentReferralId === referralId) {
        throw invalidArgument('parentReferralId', 'must differ from referralId');
    }
    if (typeof input.toHcode !== 'string' || !HCODE.test(input.toHcode)) {
        throw invalidArgument('toHcode', 'must be a 5-digit unit code');
    }
    const pseudonymRequired = parentReferralId === undefined;
    if ((pseudonymRequired || isPresent(input.patientPseudonym)) && (typeof input.patientPseudonym !== 'string' || !PSEUDONYM.test(input.patientPseudonym))) {
        throw invalidArgument('patientPseudonym', 'must be 64 lowercase hex characters');
    }
    const reasonCode = oneOf(input.reasonCode, REFER_REASON_CODES, 'reasonCode');
    const priority = input.priority;
    if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
        throw invalidArgument('priority', `must be an integer ${String(MIN_PRIORITY)}-${String(MAX_PRIORITY)}`);
    }

    const payload: {
        -readonly [K in keyof CreateReferralPayload]: CreateReferralPayload[K];
    } = {
        referralId,
        toHcode: input.toHcode,
        reasonCode,
        priority,
    };
    if (kind !== undefined) {
        payload.kind = kind;
    }
    if (parentReferralId !== undefined) {
        payload.parentReferralId = parentReferralId;
    }
    if (typeof input.patientPseudonym === 'string') {
        payload.patientPseudonym = input.patientPseudonym;
    }
    if (isPresent(input.fastTrack)) {
        payload.fastTrack = oneOf(input.fastTrack, FAST_TRACK_CODES, 'fastTrack');
    }
    if (isPresent(input.patientCategory)) {
        payload.patientCategory = oneOf(input.patientCategory, PATIENT_CATEGORIES, 'patientCategory');
    }
    if (isPresent(input.careDuringTransfer)) {
        payload.careDuringTransfer = parseCareDuringTransfer(input.careDuringTransfer);
    }
    if (isPresent(input.clinicalSummaryHash)) {
        if (typeof input.clinicalSummaryHash !== 'string' || !SHA256_HEX.test(input.clinicalSummaryHash)) {
            throw invalidArgument('clinicalSummaryHash', 'must be 64 hex characters (SHA-256)');
        }
        payload.clinicalSummaryHash = input.clinicalSummaryHash.toLowerCase();
    }
    if (isPresent(input.expectedArrival)) {
        if (typeof input.expectedArrival !== 'string' || !isValidIsoDateTime(input.expectedArrival)) {
            throw invalidArgument('expectedArrival', 'must be an ISO-8601 date-time with offset, e.g. 2025-01-31T14:30:00+07:00');
        }
        payload.expectedArrival = input.expectedArrival;
    }
    if (isPresent(input.note)) {
        payload.note = parseText(input.note, 'note', false);
    }
    return payload;
}

/**
 * The `kind` a create payload asks for, read before validation so the role
 * check can come first (nurses may create back-referrals only).
 */
export function requestedKind(payload: string): string | undefined {
    try {
        const parsed: unknown = JSON.parse(payload);
        const kind = typeof parsed === 'object' && parsed !== null ? (parsed as { kind?: unknown }).kind : undefined;
        return typeof kind === 'string' ? kind : undefined;
    } catch {
        return undefined;
    }
}
