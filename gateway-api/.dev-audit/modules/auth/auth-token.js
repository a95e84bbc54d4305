"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthToken = void 0;
const jsonwebtoken_1 = __importDefault(require("jsonwebtoken"));
const zod_1 = require("zod");
const api_error_1 = require("../../http/api-error");
const user_directory_1 = require("./user-directory");
const claimsSchema = zod_1.z.object({
    sub: zod_1.z.string(),
    role: zod_1.z.enum(user_directory_1.ROLES),
    hcode: zod_1.z.string(),
    msp: zod_1.z.string(),
});
/** Signs and verifies the API's bearer tokens (HS256). */
class AuthToken {
    #secret;
    #ttlSeconds;
    constructor(options) {
        this.#secret = options.secret;
        this.#ttlSeconds = options.ttlSeconds;
    }
    get ttlSeconds() {
        return this.#ttlSeconds;
    }
    sign(principal) {
        return jsonwebtoken_1.default.sign({ role: principal.role, hcode: principal.hcode, msp: principal.mspId }, this.#secret, {
            algorithm: 'HS256',
            subject: principal.username,
            expiresIn: this.#ttlSeconds,
            issuer: 'cco-referral-gateway',
        });
    }
    /** @throws ApiError UNAUTHENTICATED when the token is missing, expired or forged. */
    verify(token) {
        let decoded;
        try {
            decoded = jsonwebtoken_1.default.verify(token, this.#secret, { algorithms: ['HS256'], issuer: 'cco-referral-gateway' });
        }
        catch (err) {
            const reason = err instanceof jsonwebtoken_1.default.TokenExpiredError ? 'token expired' : 'invalid token';
            throw new api_error_1.ApiError('UNAUTHENTICATED', reason, undefined, { cause: err });
        }
        const claims = claimsSchema.safeParse(decoded);
        if (!claims.success)
            throw new api_error_1.ApiError('UNAUTHENTICATED', 'token claims are incomplete');
        return { username: claims.data.sub, role: claims.data.role, hcode: claims.data.hcode, mspId: claims.data.msp };
    }
}
exports.AuthToken = AuthToken;
//# sourceMappingURL=auth-token.js.map