import { Object as DataType, Property } from 'fabric-contract-api';
import type { Role } from '../access/actor';
import type { CareDuringTransferCode, FastTrackCode, PatientCategory, ReferReasonCode } from './referral-codes';

/** `docType` of referral records. */
export const REFERRAL_DOC_TYPE = 'referral';

/** Referral statuses (FHIR Task-like); transitions are in `referral-transitions.ts`. */
export const REFERRAL_STATUSES = [
    'requested',
    'received',
    'accepted',
    'arrived',
    'completed',
    'rejected',
    'cancelled',
    'no-show',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** What a step did. */
export const REFERRAL_ACTIONS = ['create', 'receive', 'accept', 'reject', 'arrive', 'complete', 'no-show', 'cancel'] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/**
 * Kinds of referral: a first `referral`, a `back-referral` from the receiving
 * unit of a parent referral to a health centre (care close to home), or an
 * `onward` referral from that receiving unit to a third unit.
 */
export const REFERRAL_KINDS = ['referral', 'back-referral', 'onward'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** Kind of records stored before `kind` existed. */
export const DEFAULT_REFERRAL_KIND: ReferralKind = 'referral';

/** One audited change of a referral: who (staff, unit, organisation), when, in which transaction. */
@DataType()
export class ReferralStep {
    @Property('action', 'string')
    public action!: ReferralAction;

    /** Status after this step. */
    @Property('status', 'string')
    public status!: ReferralStatus;

    @Property('txId', 'string')
    public txId!: string;

    /** Transaction timestamp, ISO-8601. */
    @Property('at', 'string')
    public at!: string;

    @Property('mspId', 'string')
    public mspId!: string;

    @Property('hcode', 'string')
    public hcode!: string;

    @Property('role', 'string')
    public role!: Role;

    /** Certificate subject CN of the staff member. */
    @Property('actor', 'string')
    public actor!: string;

    /** Free-text note of the step, when given. */
    @Property('note', 'string')
    public note?: string;
}

/** Why the receiving unit refused a referral. */
@DataType()
export class ReferralRejection {
    /** Refer result code for refusal. */
    @Property('reasonCode', 'string')
    public reasonCode!: string;

    @Property('reasonText', 'string')
    public reasonText!: string;
}

/** Why the sender withdrew a referral. */
@DataType()
export class ReferralCancellation {
    @Property('reasonText', 'string')
    public reasonText!: string;
}

/** Outcome recorded by the receiving unit when the episode ends (file 50 REFER_RESULT). */
@DataType()
export class ReferralResult {
    /** Refer result 1 accepted, 2 refused, 3 died during transfer, 4 patient not found, 5 other. */
    @Property('resultCode', 'string')
    public resultCode!: string;

    /** Free text, possibly empty. */
    @Property('note', 'string')
    public note!: string;
}

/**
 * A referral between two units as kept in channel state: codes, parties,
 * status and its audit steps. The patient appears only as a keyed pseudonym.
 */
@DataType()
export class Referral {
    @Property('docType', 'string')
    public docType!: typeof REFERRAL_DOC_TYPE;

    @Property('id', 'string')
    public id!: string;

    @Property('kind', 'string')
    public kind!: ReferralKind;

    /** The referral this back-referral or onward referral continues. */
    @Property('parentReferralId', 'string')
    public parentReferralId?: string;

    @Property('status', 'string')
    public status!: ReferralStatus;

    @Property('fromHcode', 'string')
    public fromHcode!: string;

    @Property('toHcode', 'string')
    public toHcode!: string;

    @Property('fromMsp', 'string')
    public fromMsp!: string;

    @Property('toMsp', 'string')
    public toMsp!: string;

    /** Keyed pseudonym of the patient (64 lowercase hex); never a CID or its plain hash. */
    @Property('patientPseudonym', 'string')
    public patientPseudonym!: string;

    @Property('reasonCode', 'string')
    public reasonCode!: ReferReasonCode;

    @Property('priority', 'number')
    public priority!: number;

    @Property('fastTrack', 'string')
    public fastTrack?: FastTrackCode;

    @Property('patientCategory', 'string')
    public patientCategory?: PatientCategory;

    /** Sorted, without duplicates. */
    @Property('careDuringTransfer', 'string[]')
    public careDuringTransfer?: CareDuringTransferCode[];

    /**
     * SHA-256 (lowercase hex) of the clinical summary kept off the channel: the
     * deterministic JSON bytes in the parties' private collection, or a
     * document held elsewhere when no summary was sent with the referral.
     */
    @Property('clinicalSummaryHash', 'string')
    public clinicalSummaryHash?: string;

    @Property('expectedArrival', 'string')
    public expectedArrival?: string;

    @Property('note', 'string')
    public note?: string;

    @Property('rejection', 'ReferralRejection')
    public rejection?: ReferralRejection;

    @Property('cancellation', 'ReferralCancellation')
    public cancellation?: ReferralCancellation;

    @Property('result', 'ReferralResult')
    public result?: ReferralResult;

    @Property('createdAt', 'string')
    public createdAt!: string;

    @Property('updatedAt', 'string')
    public updatedAt!: string;

    @Property('steps', 'ReferralStep[]')
    public steps!: ReferralStep[];
}

/** A referral as it may be stored: records written before `kind` existed lack it. */
export type StoredReferral = Omit<Referral, 'kind'> & { kind?: ReferralKind };

/**
 * Narrows a value read from the ledger to a stored referral (structural check
 * of the fields the contract relies on). Use {@link withKind} to read it.
 */
export function isReferral(value: unknown): value is StoredReferral {
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    const record = value as Record<string, unknown>;
    return (
        record.docType === REFERRAL_DOC_TYPE &&
        typeof record.id === 'string' &&
        typeof record.status === 'string' &&
        (REFERRAL_STATUSES as readonly string[]).includes(record.status) &&
        typeof record.fromHcode === 'string' &&
        typeof record.toHcode === 'string' &&
        typeof record.fromMsp === 'string' &&
        typeof record.toMsp === 'string' &&
        (record.kind === undefined || (REFERRAL_KINDS as readonly unknown[]).includes(record.kind)) &&
        Array.isArray(record.steps)
    );
}

/** The referral with `kind` filled in: records without one are first referrals. */
export function withKind(referral: StoredReferral): Referral {
    return { ...referral, kind: referral.kind ?? DEFAULT_REFERRAL_KIND };
}
