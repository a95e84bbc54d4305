"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toApiError = toApiError;
const api_error_1 = require("../http/api-error");
/** Codes the chaincode puts at the start of its error messages ("CODE: message"). */
const CHAINCODE_CODE = /\b([A-Z][A-Z_]{3,}[A-Z]): ([^\n]*?)(?:\s*$|\n|,\s*(?:peer|status)=)/m;
function messageOf(err) {
    if (err instanceof Error) {
        const responses = err.responses;
        const fromPeers = (responses ?? []).map((r) => r.response?.message).filter((m) => typeof m === 'string');
        return [err.message, ...fromPeers].join('\n');
    }
    return String(err);
}
/**
 * Maps an error from fabric-network to an ApiError: chaincode business errors keep their code,
 * MVCC conflicts become LEDGER_CONFLICT, unreachable peers/orderers LEDGER_UNAVAILABLE.
 */
function toApiError(err) {
    if (err instanceof api_error_1.ApiError)
        return err;
    const text = messageOf(err);
    const match = CHAINCODE_CODE.exec(text);
    if (match?.[1] !== undefined && (0, api_error_1.isErrorCode)(match[1])) {
        return new api_error_1.ApiError(match[1], (match[2] ?? '').trim() || match[1], undefined, { cause: err });
    }
    const txCode = err.transactionCode;
    if (txCode === 'MVCC_READ_CONFLICT' || txCode === 'PHANTOM_READ_CONFLICT') {
        return new api_error_1.ApiError('LEDGER_CONFLICT', 'the referral changed concurrently; reload and try again', undefined, { cause: err });
    }
    return new api_error_1.ApiError('LEDGER_UNAVAILABLE', 'the ledger could not complete the request; try again', undefined, { cause: err });
}
//# sourceMappingURL=ledger-error.js.map