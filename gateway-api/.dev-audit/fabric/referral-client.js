"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReferralClient = exports.ledgerReferralSchema = void 0;
const zod_1 = require("zod");
const ledger_error_1 = require("./ledger-error");
const stepSchema = zod_1.z.object({
    action: zod_1.z.string(),
    status: zod_1.z.string(),
    txId: zod_1.z.string(),
    at: zod_1.z.string(),
    mspId: zod_1.z.string(),
    hcode: zod_1.z.string(),
    role: zod_1.z.string(),
    actor: zod_1.z.string(),
    note: zod_1.z.string().optional(),
});
/** A referral as the chaincode returns it (channel state; patient only as a pseudonym). */
exports.ledgerReferralSchema = zod_1.z
    .object({
    id: zod_1.z.string(),
    status: zod_1.z.string(),
    fromHcode: zod_1.z.string(),
    toHcode: zod_1.z.string(),
    fromMsp: zod_1.z.string(),
    toMsp: zod_1.z.string(),
    patientPseudonym: zod_1.z.string(),
    reasonCode: zod_1.z.string(),
    priority: zod_1.z.number(),
    createdAt: zod_1.z.string(),
    updatedAt: zod_1.z.string(),
    steps: zod_1.z.array(stepSchema),
})
    .passthrough();
const historySchema = zod_1.z.array(zod_1.z.object({ txId: zod_1.z.string(), timestamp: zod_1.z.string(), isDelete: zod_1.z.boolean(), value: exports.ledgerReferralSchema.nullable() }));
function parse(schema, bytes) {
    return schema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
}
/** Typed client of the referral chaincode, used as one staff member. */
class ReferralClient {
    #connection;
    constructor(connection) {
        this.#connection = connection;
    }
    /** Submits CreateReferral, endorsed by the sending and the receiving organisation. */
    async create(payload, endorsers) {
        return this.#submit('CreateReferral', [JSON.stringify(payload)], endorsers);
    }
    async accept(id, note, endorsers) {
        return this.#submit('AcceptReferral', [id, note], endorsers);
    }
    async reject(id, reasonCode, reasonText, endorsers) {
        return this.#submit('RejectReferral', [id, reasonCode, reasonText], endorsers);
    }
    async get(id) {
        return parse(exports.ledgerReferralSchema, await this.#evaluate('GetReferral', id));
    }
    async history(id) {
        return parse(historySchema, await this.#evaluate('GetReferralHistory', id));
    }
    async #evaluate(name, ...args) {
        try {
            return await this.#connection.contract.evaluateTransaction(name, ...args);
        }
        catch (err) {
            throw (0, ledger_error_1.toApiError)(err);
        }
    }
    async #submit(name, args, endorsers) {
        const tx = this.#connection.contract.createTransaction(name);
        tx.setEndorsingOrganizations(...new Set(endorsers));
        try {
            const bytes = await tx.submit(...args);
            return { value: parse(exports.ledgerReferralSchema, bytes), txId: tx.getTransactionId() };
        }
        catch (err) {
            throw (0, ledger_error_1.toApiError)(err);
        }
    }
}
exports.ReferralClient = ReferralClient;
//# sourceMappingURL=referral-client.js.map