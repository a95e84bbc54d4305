"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PatientPseudonym = void 0;
const node_crypto_1 = require("node:crypto");
const api_error_1 = require("../http/api-error");
const thai_cid_1 = require("./thai-cid");
/**
 * Turns a national ID into the keyed pseudonym that is all the ledger ever sees:
 * HMAC-SHA256 under a key held only by the gateway, so the ledger value cannot be
 * reversed or recomputed from the 13 digits alone (unlike a plain hash).
 */
class PatientPseudonym {
    #key;
    constructor(key) {
        if (key.length < 32)
            throw new Error('pseudonym key must be at least 32 bytes');
        this.#key = key;
    }
    /** @throws ApiError INVALID_CID when the ID is malformed or its check digit is wrong. */
    fromCid(cid) {
        if (!(0, thai_cid_1.isValidThaiCid)(cid))
            throw new api_error_1.ApiError('INVALID_CID', 'patient.cid is not a valid 13-digit Thai national ID (check digit)');
        return (0, node_crypto_1.createHmac)('sha256', this.#key).update(`th-cid:${cid}`).digest('hex');
    }
}
exports.PatientPseudonym = PatientPseudonym;
//# sourceMappingURL=patient-pseudonym.js.map