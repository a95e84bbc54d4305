import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { requireOwnUnit, requireReadAccess, requireReceiver, requireRole } from '../access/access-checks';
import { getActor } from '../access/actor';
import { ChaincodeError } from '../errors/chaincode-error';
import { toDeterministicJson } from '../ledger/deterministic-json';
import { getKeyHistory } from '../ledger/key-history';
import { requirePeersOf } from '../ledger/key-endorsement';
import { putState } from '../ledger/state';
import { txTimestampIso } from '../ledger/tx-time';
import { unitRegistry } from '../registry/unit-registry';
import { parseCreateReferralPayload } from './create-referral-payload';
import { isReferral, REFERRAL_DOC_TYPE, type Referral } from './referral';
import { parseReferralId, parseRejection, parseText } from './referral-arguments';
import { referralFromIndexKey, referralKey, referralToIndexKey } from './referral-keys';
import { newReferralStep } from './referral-step';
import { advanceReferral, findReferral, getReferral, saveReferral } from './referral-store';

/** One entry of `GetReferralHistory`. */
export interface ReferralHistoryEntry {
    readonly txId: string;
    readonly timestamp: string;
    readonly isDelete: boolean;
    readonly value: Referral | null;
}

/**
 * Referral lifecycle between units of the provincial network: a clinician
 * refers, the receiving unit accepts or rejects. Every change is an audited
 * step; each referral key needs a peer of both organisations to change.
 */
@Info({ title: 'ReferralContract', description: 'Inter-unit patient referrals (codes and pseudonyms only)' })
export class ReferralContract extends Contract {
    constructor() {
        super('referral');
    }

    // Creates a referral from the caller's unit to payload.toHcode; returns the stored referral JSON.
    @Transaction()
    @Returns('string')
    public async CreateReferral(ctx: Context, payload: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['clinician'], 'create a referral');
        const fromUnit = requireOwnUnit(actor, unitRegistry);
        if (fromUnit.type === 'provincial-office') {
            throw new ChaincodeError('FORBIDDEN_UNIT', `unit ${fromUnit.hcode} does not refer patients`);
        }
        const input = parseCreateReferralPayload(payload);
        const toUnit = unitRegistry.get(input.toHcode);
        if (toUnit.hcode === fromUnit.hcode) {
            throw new ChaincodeError('INVALID_ARGUMENT', 'toHcode must differ from the caller unit', {
                details: { field: 'toHcode' },
            });
        }
        if (toUnit.type === 'provincial-office') {
            throw new ChaincodeError('INVALID_ARGUMENT', `unit ${toUnit.hcode} does not receive referrals`, {
                details: { field: 'toHcode' },
            });
        }
        if (await findReferral(ctx, input.referralId)) {
            throw new ChaincodeError('REFERRAL_EXISTS', `referral ${input.referralId} already exists`, {
                details: { id: input.referralId },
            });
        }

        const at = txTimestampIso(ctx);
        const { referralId, ...fields } = input;
        const referral: Referral = {
            ...fields,
            docType: REFERRAL_DOC_TYPE,
            id: referralId,
            status: 'requested',
            fromHcode: fromUnit.hcode,
            toHcode: toUnit.hcode,
            fromMsp: fromUnit.mspId,
            toMsp: toUnit.mspId,
            createdAt: at,
            updatedAt: at,
            steps: [newReferralStep(ctx, actor, 'create', 'requested', at)],
        };
        const json = await saveReferral(ctx, referral);
        await requirePeersOf(ctx, referralKey(ctx, referralId), [referral.fromMsp, referral.toMsp]);
        await putState(ctx, referralToIndexKey(ctx, referral.toHcode, referralId), { id: referralId });
        await putState(ctx, referralFromIndexKey(ctx, referral.fromHcode, referralId), { id: referralId });
        return json;
    }

    // Accepts a requested referral at the receiving unit; returns the updated referral JSON.
    @Transaction()
    @Returns('string')
    public async AcceptReferral(ctx: Context, referralId: string, note: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['clinician', 'nurse'], 'accept a referral');
        const id = parseReferralId(referralId);
        const text = parseText(note, 'note', false);
        const referral = await getReferral(ctx, id);
        requireReceiver(actor, referral);
        const step = newReferralStep(ctx, actor, 'accept', 'accepted', txTimestampIso(ctx), text);
        return advanceReferral(ctx, referral, step);
    }

    // Rejects a requested referral at the receiving unit with a refer result code and reason; returns the updated referral JSON.
    @Transaction()
    @Returns('string')
    public async RejectReferral(ctx: Context, referralId: string, reasonCode: string, reasonText: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['clinician', 'nurse'], 'reject a referral');
        const id = parseReferralId(referralId);
        const rejection = parseRejection(reasonCode, reasonText);
        const referral = await getReferral(ctx, id);
        requireReceiver(actor, referral);
        const step = newReferralStep(ctx, actor, 'reject', 'rejected', txTimestampIso(ctx), rejection.reasonText);
        return advanceReferral(ctx, { ...referral, rejection: { ...rejection } }, step);
    }

    // Returns one referral (JSON) to either party or a provincial auditor.
    @Transaction(false)
    @Returns('string')
    public async GetReferral(ctx: Context, referralId: string): Promise<string> {
        const actor = getActor(ctx);
        const id = parseReferralId(referralId);
        const referral = await getReferral(ctx, id);
        requireReadAccess(actor, referral, unitRegistry);
        return toDeterministicJson(referral);
    }

    // Returns every committed version of a referral (JSON array) to either party or a provincial auditor.
    @Transaction(false)
    @Returns('string')
    public async GetReferralHistory(ctx: Context, referralId: string): Promise<string> {
        const actor = getActor(ctx);
        const id = parseReferralId(referralId);
        const referral = await getReferral(ctx, id);
        requireReadAccess(actor, referral, unitRegistry);
        const history: ReferralHistoryEntry[] = (await getKeyHistory(ctx, referralKey(ctx, id))).map((entry) => ({
            txId: entry.txId,
            timestamp: entry.timestamp,
            isDelete: entry.isDelete,
            value: isReferral(entry.value) ? entry.value : null,
        }));
        return toDeterministicJson(history);
    }

    // Health check: reports that the chaincode runs and how many units it knows.
    @Transaction(false)
    @Returns('string')
    public async Ping(_ctx: Context): Promise<string> {
        return Promise.resolve(toDeterministicJson({ ok: true, registryUnits: unitRegistry.size }));
    }
}
