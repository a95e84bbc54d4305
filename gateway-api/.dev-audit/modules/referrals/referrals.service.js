"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReferralsService = void 0;
const node_crypto_1 = require("node:crypto");
const api_error_1 = require("../../http/api-error");
const block_lookup_1 = require("../../fabric/block-lookup");
const referral_client_1 = require("../../fabric/referral-client");
/** Referral use cases: each call acts on the ledger as the calling staff member. */
class ReferralsService {
    #pool;
    #units;
    #pseudonyms;
    constructor(deps) {
        this.#pool = deps.pool;
        this.#units = deps.units;
        this.#pseudonyms = deps.pseudonyms;
    }
    async create(caller, request) {
        const to = this.#units.find(request.toHcode);
        if (to === undefined)
            throw new api_error_1.ApiError('UNKNOWN_HCODE', `no unit with hcode ${request.toHcode}`);
        const { patient, referralId, ...codes } = request;
        const payload = {
            ...codes,
            referralId: referralId ?? `R-${(0, node_crypto_1.randomUUID)()}`,
            patientPseudonym: this.#pseudonyms.fromCid(patient.cid),
        };
        const client = await this.#client(caller);
        const committed = await client.create(payload, [caller.mspId, to.mspId]);
        return { referral: this.view(committed.value), txId: committed.txId };
    }
    async get(caller, id) {
        return this.view(await (await this.#client(caller)).get(id));
    }
    async accept(caller, id, note) {
        const client = await this.#client(caller);
        const current = await client.get(id);
        const committed = await client.accept(id, note, [current.fromMsp, current.toMsp]);
        return { referral: this.view(committed.value), txId: committed.txId };
    }
    async reject(caller, id, reasonCode, reasonText) {
        const client = await this.#client(caller);
        const current = await client.get(id);
        const committed = await client.reject(id, reasonCode, reasonText, [current.fromMsp, current.toMsp]);
        return { referral: this.view(committed.value), txId: committed.txId };
    }
    /** Every committed version of the referral, oldest first, with block numbers and the acting unit. */
    async history(caller, id) {
        const connection = await this.#pool.connectionFor(caller);
        const entries = await new referral_client_1.ReferralClient(connection).history(id);
        const ordered = [...entries].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
        return Promise.all(ordered.map(async (entry) => {
            const step = entry.value?.steps.find((s) => s.txId === entry.txId) ?? entry.value?.steps.at(-1);
            return {
                txId: entry.txId,
                blockNumber: await (0, block_lookup_1.blockNumberOf)(connection.network, entry.txId),
                timestamp: entry.timestamp,
                action: step?.action ?? (entry.isDelete ? 'delete' : 'unknown'),
                status: entry.value?.status ?? 'deleted',
                actingUnit: {
                    hcode: step?.hcode ?? '',
                    name: step ? (this.#units.find(step.hcode)?.nameEn ?? null) : null,
                    mspId: step?.mspId ?? '',
                    role: step?.role ?? '',
                    actor: step?.actor ?? '',
                },
            };
        }));
    }
    /** The API shape of a referral: ledger fields plus the names of both units. */
    view(referral) {
        return { ...referral, from: this.#summary(referral.fromHcode), to: this.#summary(referral.toHcode) };
    }
    #summary(hcode) {
        const unit = this.#units.find(hcode);
        return { hcode, nameTh: unit?.nameTh ?? null, nameEn: unit?.nameEn ?? null, type: unit?.type ?? null };
    }
    async #client(caller) {
        return new referral_client_1.ReferralClient(await this.#pool.connectionFor(caller));
    }
}
exports.ReferralsService = ReferralsService;
//# sourceMappingURL=referrals.service.js.map