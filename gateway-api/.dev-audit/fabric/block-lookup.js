"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.blockNumberOf = blockNumberOf;
// fabric-common ships the block decoder without type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BlockDecoder } = require('fabric-common');
/** Finds the number of the block holding `txId` through the peer's query system chaincode (qscc). */
async function blockNumberOf(network, txId) {
    try {
        const bytes = await network.getContract('qscc').evaluateTransaction('GetBlockByTxID', network.getChannel().name, txId);
        const value = BlockDecoder.decode(bytes).header.number;
        const n = Number(typeof value === 'object' && value !== null ? String(value) : value);
        return Number.isSafeInteger(n) ? n : null;
    }
    catch {
        return null;
    }
}
//# sourceMappingURL=block-lookup.js.map