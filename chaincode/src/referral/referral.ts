import { Object as DataType, Property } from 'fabric-contract-api';
import type { Role } from '../access/actor';
import type { CareDuringTransferCode, FastTrackCode, PatientCategory, ReferReasonCode } from './referral-codes';

/** `docType` of referral records. */
export const REFERRAL_DOC_TYPE = 'referral';

/** Referral statuses; transitions are in `referral-transitions.ts`. */
export const REFERRAL_STATUSES = ['requested', 'accepted', 'rejected'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** What a step did. */
export const REFERRAL_ACTIONS = ['create', 'accept', 'reject'] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

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

    /** SHA-256 (lowercase hex) of the clinical summary / FHIR bundle kept off-chain. */
    @Property('clinicalSummaryHash', 'string')
    public clinicalSummaryHash?: string;

    @Property('expectedArrival', 'string')
    public expectedArrival?: string;

    @Property('note', 'string')
    public note?: string;

    @Property('rejection', 'ReferralRejection')
    public rejection?: ReferralRejection;

    @Property('createdAt', 'string')
    public createdAt!: string;

    @Property('updatedAt', 'string')
    public updatedAt!: string;

    @Property('steps', 'ReferralStep[]')
    public steps!: ReferralStep[];
}

/**
 * Narrows a value read from the ledger to a referral (structural check of the
 * fields the contract relies on).
 */
export function isReferral(value: unknown): value is Referral {
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
        Array.isArray(record.steps)
    );
}
