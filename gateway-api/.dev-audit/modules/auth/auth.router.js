"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loginSchema = void 0;
exports.authRouter = authRouter;
const express_1 = require("express");
const zod_1 = require("zod");
const api_error_1 = require("../../http/api-error");
const validate_1 = require("../../http/validate");
const password_1 = require("./password");
exports.loginSchema = zod_1.z.object({
    username: zod_1.z.string().min(1).max(100),
    password: zod_1.z.string().min(1).max(200),
});
/** POST /api/auth/login: username + password → JWT with the user's role, unit and organisation. */
function authRouter(deps) {
    const router = (0, express_1.Router)();
    router.post('/login', (req, res) => {
        const body = (0, validate_1.validate)(exports.loginSchema, req.body);
        const user = deps.users.find(body.username);
        if (user === undefined || !(0, password_1.verifyPassword)(body.password, user.passwordHash)) {
            throw new api_error_1.ApiError('INVALID_CREDENTIALS', 'unknown user or wrong password');
        }
        const principal = { username: user.username, role: user.role, hcode: user.hcode, mspId: user.mspId };
        res.json({
            token: deps.tokens.sign(principal),
            tokenType: 'Bearer',
            expiresIn: deps.tokens.ttlSeconds,
            user: { ...principal, displayName: user.displayName },
        });
    });
    return router;
}
//# sourceMappingURL=auth.router.js.map