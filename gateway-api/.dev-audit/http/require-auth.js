"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireAuth = requireAuth;
exports.principalOf = principalOf;
const api_error_1 = require("./api-error");
const PRINCIPAL = Symbol('principal');
/** Rejects requests without a valid `Authorization: Bearer <jwt>` header. */
function requireAuth(tokens) {
    return (req, _res, next) => {
        const header = req.headers.authorization;
        if (header === undefined || !header.startsWith('Bearer ')) {
            next(new api_error_1.ApiError('UNAUTHENTICATED', 'missing bearer token (log in at POST /api/auth/login)'));
            return;
        }
        req[PRINCIPAL] = tokens.verify(header.slice('Bearer '.length).trim());
        next();
    };
}
/** The caller established by `requireAuth`. */
function principalOf(req) {
    const principal = req[PRINCIPAL];
    if (principal === undefined)
        throw new api_error_1.ApiError('UNAUTHENTICATED', 'not authenticated');
    return principal;
}
//# sourceMappingURL=require-auth.js.map