import type { Context } from 'fabric-contract-api';
import { requirePeerMember } from '../access/peer-org';
import { ChaincodeError } from '../errors/chaincode-error';
import { sha256Hex } from '../ledger/content-hash';
import { requirePeersOfPrivate } from '../ledger/key-endorsement';
import { getPrivateBytes, putPrivateState } from '../ledger/private-data';
import { parseJsonBytes } from '../ledger/state';
import type { ReferralParties } from '../access/access-checks';
import { parseClinicalSummaryBytes, type ClinicalSummary } from './clinical-summary';

/** Transient map key carrying the clinical summary JSON into `CreateReferral`. */
export const CLINICAL_SUMMARY_TRANSIENT_KEY = 'clinicalSummary';

/** Prefix of the per-pair private data collections. */
export const CLINICAL_COLLECTION_PREFIX = 'clinical_';

/**
 * The private data collection shared by two organisations:
 * `clinical_<A>_<B>` with the MSP IDs sorted (`A` = `B` when both units share an MSP).
 */
export function clinicalCollection(mspA: string, mspB: string): string {
    return `${CLINICAL_COLLECTION_PREFIX}${[mspA, mspB].sort().join('_')}`;
}

/**
 * The clinical summary from the transaction's transient map, validated.
 *
 * @returns undefined when the transient map has no `clinicalSummary`
 * @throws ChaincodeError INVALID_ARGUMENT when it is present but not a valid summary
 */
export function clinicalSummaryFromTransient(ctx: Context): ClinicalSummary | undefined {
    const bytes = ctx.stub.getTransient().get(CLINICAL_SUMMARY_TRANSIENT_KEY);
    return bytes === undefined ? undefined : parseClinicalSummaryBytes(bytes);
}

/**
 * Writes `summary` (deterministic JSON) into the parties' collection under the
 * referral id, requires a peer of both organisations to change it, and
 * returns the SHA-256 of the stored bytes. Only on a peer of one of the parties.
 *
 * @throws ChaincodeError FORBIDDEN_UNIT when this peer's organisation is not a party
 */
export async function storeClinicalSummary(ctx: Context, referral: ReferralParties, summary: ClinicalSummary): Promise<string> {
    const members = [referral.fromMsp, referral.toMsp];
    requirePeerMember(ctx, members, 'store a clinical summary');
    const collection = clinicalCollection(referral.fromMsp, referral.toMsp);
    const bytes = await putPrivateState(ctx, collection, referral.id, summary);
    await requirePeersOfPrivate(ctx, collection, referral.id, members);
    return sha256Hex(bytes);
}

/** A stored clinical summary with the SHA-256 of its stored bytes. */
export interface StoredClinicalSummary {
    readonly clinicalSummary: unknown;
    readonly hash: string;
}

/**
 * Reads the referral's clinical summary from the parties' collection. Only on a
 * peer of one of the parties.
 *
 * @throws ChaincodeError FORBIDDEN_UNIT when this peer's organisation is not a party
 * @throws ChaincodeError CLINICAL_SUMMARY_NOT_FOUND when this peer holds none
 * @throws ChaincodeError LEDGER_CORRUPT when the stored bytes are not JSON
 */
export async function readClinicalSummary(ctx: Context, referral: ReferralParties): Promise<StoredClinicalSummary> {
    requirePeerMember(ctx, [referral.fromMsp, referral.toMsp], 'read a clinical summary');
    const collection = clinicalCollection(referral.fromMsp, referral.toMsp);
    const bytes = await getPrivateBytes(ctx, collection, referral.id);
    if (bytes === undefined) {
        throw clinicalSummaryNotFound(referral.id);
    }
    return { clinicalSummary: parseJsonBytes(bytes, `${collection}/${referral.id}`), hash: sha256Hex(bytes) };
}

/** CLINICAL_SUMMARY_NOT_FOUND for referral `id`. */
export function clinicalSummaryNotFound(id: string): ChaincodeError {
    return new ChaincodeError('CLINICAL_SUMMARY_NOT_FOUND', `referral ${id} has no clinical summary on this peer`, { details: { id } });
}
