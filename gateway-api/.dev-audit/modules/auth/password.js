"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.verifyPassword = verifyPassword;
const node_crypto_1 = require("node:crypto");
/** Checks a password against a `scrypt:<salt hex>:<hash hex>` record in constant time. */
function verifyPassword(password, record) {
    const [scheme, saltHex, hashHex] = record.split(':');
    if (scheme !== 'scrypt' || saltHex === undefined || hashHex === undefined)
        return false;
    const expected = Buffer.from(hashHex, 'hex');
    const actual = (0, node_crypto_1.scryptSync)(password, Buffer.from(saltHex, 'hex'), expected.length);
    return (0, node_crypto_1.timingSafeEqual)(actual, expected);
}
//# sourceMappingURL=password.js.map