"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isValidThaiCid = isValidThaiCid;
/**
 * True when `cid` is a 13-digit Thai national ID whose last digit is the check digit:
 * sum = Σ d[i] × (13 − i) for i = 0..11, valid when (11 − sum mod 11) mod 10 = d[12].
 */
function isValidThaiCid(cid) {
    if (!/^\d{13}$/.test(cid))
        return false;
    let sum = 0;
    for (let i = 0; i < 12; i += 1)
        sum += Number(cid[i]) * (13 - i);
    return (11 - (sum % 11)) % 10 === Number(cid[12]);
}
//# sourceMappingURL=thai-cid.js.map