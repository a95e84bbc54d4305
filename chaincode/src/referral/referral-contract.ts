import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { requireOwnUnit, requireParty, requireReadAccess, requireReceiver, requireRole, requireSender } from '../access/access-checks';
import { getActor, type Role } from '../access/actor';
import { ChaincodeError } from '../errors/chaincode-error';
import { sha256Hex } from '../ledger/content-hash';
import { toDeterministicBytes, toDeterministicJson } from '../ledger/deterministic-json';
import { getKeyHistory } from '../ledger/key-history';
import { requirePeersOf } from '../ledger/key-endorsement';
import { putState } from '../ledger/state';
import { txTimestampIso } from '../ledger/tx-time';
import { unitRegistry } from '../registry/unit-registry';
import { requirePeerMember } from '../access/peer-org';
import { clinicalSummaryFromTransient, clinicalSummaryNotFound, readClinicalSummary, storeClinicalSummary } from './clinical-summary-store';
import { parseCreateReferralPayload, requestedKind } from './create-referral-payload';
import { DEFAULT_REFERRAL_KIND, isReferral, REFERRAL_DOC_TYPE, type Referral, type ReferralAction, type StoredReferral } from './referral';
import { parseReferralId, parseRejection, parseResult, parseText } from './referral-arguments';
import { referralFromIndexKey, referralKey, referralToIndexKey } from './referral-keys';
import { checkContinuation } from './referral-lineage';
import { newReferralStep } from './referral-step';
import { advanceReferral, findReferral, getReferral, saveReferral } from './referral-store';
import { ACTION_STATUS } from './referral-transitions';

/** One entry of `GetReferralHistory`. */
export interface ReferralHistoryEntry {
    readonly txId: string;
    readonly timestamp: string;
    readonly isDelete: boolean;
    /** The version as committed (records written before `kind` existed lack it). */
    readonly value: StoredReferral | null;
}

/** The answer of `GetClinicalSummary`. */
export interface ClinicalSummaryAnswer {
    readonly referralId: string;
    /** The stored summary JSON, parsed. */
    readonly clinicalSummary: unknown;
    /** SHA-256 (lowercase hex) of the stored bytes. */
    readonly hash: string;
    /** True when `hash` equals the referral's `clinicalSummaryHash` on the channel. */
    readonly matchesLedger: boolean;
}

/** Roles that may act for the receiving unit. */
const RECEIVER_ROLES: readonly Role[] = ['clinician', 'nurse'];

/** Verb of each receiving-side action, for messages. */
const ACTION_VERBS: Readonly<Record<ReferralAction, string>> = {
    create: 'create',
    receive: 'receive',
    accept: 'accept',
    reject: 'reject',
    arrive: 'mark arrival of',
    complete: 'complete',
    'no-show': 'mark no-show of',
    cancel: 'cancel',
};

/** What a receiving-side step adds: its note and any change to the referral besides status and steps. */
interface ReceiverStepArguments {
    readonly note: string;
    readonly apply?: (referral: Referral) => Referral;
}

/**
 * Referral lifecycle between units of the provincial network (FHIR Task-like):
 * a clinician refers (or back-refers / refers onward from a referral it
 * received), the receiving unit receives, accepts or rejects, records arrival
 * and the file-50 result or a no-show; the sender may cancel. Every change is
 * an audited step and a `ReferralChanged` event carrying the public referral;
 * each referral key needs a peer of both organisations to change. Clinical
 * summaries stay in the parties' private collection; the channel keeps their hash.
 */
@Info({ title: 'ReferralContract', description: 'Inter-unit patient referrals (codes and pseudonyms only)' })
export class ReferralContract extends Contract {
    constructor() {
        super('referral');
    }

    // Creates a referral (or, with parentReferralId, a back-referral, which a nurse may also make, or an onward referral) from the caller's unit; an optional transient clinicalSummary goes to the parties' private collection. Returns the stored referral JSON.
    @Transaction()
    @Returns('string')
    public async CreateReferral(ctx: Context, payload: string): Promise<string> {
        const actor = getActor(ctx);
        // the receiving unit's referral nurse may send the patient back to the health centre (COC)
        requireRole(actor, requestedKind(payload) === 'back-referral' ? ['clinician', 'nurse'] : ['clinician'], 'create a referral');
        const fromUnit = requireOwnUnit(actor, unitRegistry);
        if (fromUnit.type === 'provincial-office') {
            throw new ChaincodeError('FORBIDDEN_UNIT', `unit ${fromUnit.hcode} does not refer patients`);
        }
        const input = parseCreateReferralPayload(payload);
        const summary = clinicalSummaryFromTransient(ctx);
        const parent = input.parentReferralId === undefined ? undefined : await getReferral(ctx, input.parentReferralId);
        if (parent !== undefined) {
            requireReceiver(actor, parent, 'continue');
        }
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

        const patientPseudonym = parent === undefined ? input.patientPseudonym : checkContinuation(parent, input, toUnit);
        if (patientPseudonym === undefined) {
            // unreachable: the payload parser requires it without a parent
            throw new ChaincodeError('INVALID_ARGUMENT', 'patientPseudonym is required', { details: { field: 'patientPseudonym' } });
        }
        if (await findReferral(ctx, input.referralId)) {
            throw new ChaincodeError('REFERRAL_EXISTS', `referral ${input.referralId} already exists`, {
                details: { id: input.referralId },
            });
        }

        const { referralId, kind = DEFAULT_REFERRAL_KIND, ...fields } = input;
        const parties = { id: referralId, fromHcode: fromUnit.hcode, toHcode: toUnit.hcode, fromMsp: fromUnit.mspId, toMsp: toUnit.mspId };
        let clinicalSummaryHash = input.clinicalSummaryHash;
        if (summary !== undefined) {
            const hash = sha256Hex(toDeterministicBytes(summary));
            if (clinicalSummaryHash !== undefined && clinicalSummaryHash !== hash) {
                throw new ChaincodeError('INVALID_ARGUMENT', 'clinicalSummaryHash does not match the transient clinicalSummary', {
                    details: { field: 'clinicalSummaryHash' },
                });
            }
            requirePeerMember(ctx, [parties.fromMsp, parties.toMsp], 'store a clinical summary');
            clinicalSummaryHash = hash;
        }

        const at = txTimestampIso(ctx);
        const referral: Referral = {
            ...fields,
            ...parties,
            docType: REFERRAL_DOC_TYPE,
            kind,
            patientPseudonym,
            status: 'requested',
            createdAt: at,
            updatedAt: at,
            steps: [newReferralStep(ctx, actor, 'create', 'requested', at)],
        };
        if (clinicalSummaryHash !== undefined) {
            referral.clinicalSummaryHash = clinicalSummaryHash;
        }
        const json = await saveReferral(ctx, referral);
        await requirePeersOf(ctx, referralKey(ctx, referralId), [referral.fromMsp, referral.toMsp]);
        await putState(ctx, referralToIndexKey(ctx, referral.toHcode, referralId), { id: referralId });
        await putState(ctx, referralFromIndexKey(ctx, referral.fromHcode, referralId), { id: referralId });
        if (summary !== undefined) {
            await storeClinicalSummary(ctx, parties, summary);
        }
        return json;
    }

    // Marks a requested referral as received (seen, not yet decided) at the receiving unit; returns the updated referral JSON.
    @Transaction()
    @Returns('string')
    public async ReceiveReferral(ctx: Context, referralId: string): Promise<string> {
        return this.#receiverStep(ctx, referralId, 'receive', () => ({ note: '' }));
    }

    // Accepts a requested or received referral at the receiving unit; returns the updated referral JSON.
    @Transaction()
    @Returns('string')
    public async AcceptReferral(ctx: Context, referralId: string, note: string): Promise<string> {
        return this.#receiverStep(ctx, referralId, 'accept', () => ({ note: parseText(note, 'note', false) }));
    }

    // Rejects a requested or received referral at the receiving unit with a refer result code and reason; returns the updated referral JSON.
    @Transaction()
    @Returns('string')
    public async RejectReferral(ctx: Context, referralId: string, reasonCode: string, reasonText: string): Promise<string> {
        return this.#receiverStep(ctx, referralId, 'reject', () => {
            const rejection = parseRejection(reasonCode, reasonText);
            return { note: rejection.reasonText, apply: (referral) => ({ ...referral, rejection: { ...rejection } }) };
        });
    }

    // Records that the patient of an accepted referral arrived at the receiving unit; returns the updated referral JSON.
    @Transaction()
    @Returns('string')
    public async MarkArrived(ctx: Context, referralId: string): Promise<string> {
        return this.#receiverStep(ctx, referralId, 'arrive', () => ({ note: '' }));
    }

    // Completes an arrived referral with its file-50 refer result (1..5) and a note; returns the updated referral JSON.
    @Transaction()
    @Returns('string')
    public async CompleteReferral(ctx: Context, referralId: string, resultCode: string, note: string): Promise<string> {
        return this.#receiverStep(ctx, referralId, 'complete', () => {
            const result = parseResult(resultCode, note);
            return { note: result.note, apply: (referral) => ({ ...referral, result: { ...result } }) };
        });
    }

    // Records that the patient of an accepted referral did not arrive; returns the updated referral JSON.
    @Transaction()
    @Returns('string')
    public async MarkNoShow(ctx: Context, referralId: string, note: string): Promise<string> {
        return this.#receiverStep(ctx, referralId, 'no-show', () => ({ note: parseText(note, 'note', false) }));
    }

    // Withdraws a requested, received or accepted referral by a clinician of the sending unit, with a reason; returns the updated referral JSON.
    @Transaction()
    @Returns('string')
    public async CancelReferral(ctx: Context, referralId: string, reasonText: string): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, ['clinician'], 'cancel a referral');
        const id = parseReferralId(referralId);
        const text = parseText(reasonText, 'reasonText', true);
        const referral = await getReferral(ctx, id);
        requireSender(actor, referral, 'cancel');
        const step = newReferralStep(ctx, actor, 'cancel', ACTION_STATUS.cancel, txTimestampIso(ctx), text);
        return advanceReferral(ctx, { ...referral, cancellation: { reasonText: text } }, step);
    }

    /**
     * A step by a clinician or nurse of the receiving unit. Guards in order:
     * caller, role, id, the step's own arguments (`parse`), existence, unit,
     * transition; then applies the change and saves.
     */
    async #receiverStep(ctx: Context, referralId: string, action: ReferralAction, parse: () => ReceiverStepArguments): Promise<string> {
        const actor = getActor(ctx);
        requireRole(actor, RECEIVER_ROLES, `${ACTION_VERBS[action]} a referral`);
        const id = parseReferralId(referralId);
        const { note, apply } = parse();
        const referral = await getReferral(ctx, id);
        requireReceiver(actor, referral, ACTION_VERBS[action]);
        const step = newReferralStep(ctx, actor, action, ACTION_STATUS[action], txTimestampIso(ctx), note);
        return advanceReferral(ctx, apply ? apply(referral) : referral, step);
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

    // Returns the referral's clinical summary from the parties' private collection, with the hash of the stored bytes and whether it matches the channel's clinicalSummaryHash; parties only.
    @Transaction(false)
    @Returns('string')
    public async GetClinicalSummary(ctx: Context, referralId: string): Promise<string> {
        const actor = getActor(ctx);
        const id = parseReferralId(referralId);
        const referral = await getReferral(ctx, id);
        requireParty(actor, referral, 'read the clinical summary of');
        requirePeerMember(ctx, [referral.fromMsp, referral.toMsp], 'read a clinical summary');
        if (referral.clinicalSummaryHash === undefined) {
            throw clinicalSummaryNotFound(id);
        }
        const stored = await readClinicalSummary(ctx, referral);
        const answer: ClinicalSummaryAnswer = {
            referralId: id,
            clinicalSummary: stored.clinicalSummary,
            hash: stored.hash,
            matchesLedger: stored.hash === referral.clinicalSummaryHash,
        };
        return toDeterministicJson(answer);
    }

    // Health check: reports that the chaincode runs and how many units it knows.
    @Transaction(false)
    @Returns('string')
    public async Ping(_ctx: Context): Promise<string> {
        return Promise.resolve(toDeterministicJson({ ok: true, registryUnits: unitRegistry.size }));
    }
}
