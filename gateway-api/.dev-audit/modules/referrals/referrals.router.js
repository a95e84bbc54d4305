"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.referralsRouter = referralsRouter;
const express_1 = require("express");
const require_auth_1 = require("../../http/require-auth");
const validate_1 = require("../../http/validate");
const referrals_schemas_1 = require("./referrals.schemas");
/** /api/referrals: create, read, accept, reject, history. Authentication is applied by the app. */
function referralsRouter(service) {
    const router = (0, express_1.Router)();
    router.post('/', async (req, res) => {
        const body = (0, validate_1.validate)(referrals_schemas_1.createReferralSchema, req.body);
        const result = await service.create((0, require_auth_1.principalOf)(req), body);
        res.status(201).location(`/api/referrals/${result.referral.id}`).json(result);
    });
    router.get('/:id', async (req, res) => {
        res.json({ referral: await service.get((0, require_auth_1.principalOf)(req), (0, validate_1.validate)(referrals_schemas_1.referralIdParam, req.params.id)) });
    });
    router.post('/:id/accept', async (req, res) => {
        const body = (0, validate_1.validate)(referrals_schemas_1.acceptReferralSchema, req.body ?? {});
        res.json(await service.accept((0, require_auth_1.principalOf)(req), (0, validate_1.validate)(referrals_schemas_1.referralIdParam, req.params.id), body.note ?? ''));
    });
    router.post('/:id/reject', async (req, res) => {
        const body = (0, validate_1.validate)(referrals_schemas_1.rejectReferralSchema, req.body);
        res.json(await service.reject((0, require_auth_1.principalOf)(req), (0, validate_1.validate)(referrals_schemas_1.referralIdParam, req.params.id), body.reasonCode, body.reasonText));
    });
    router.get('/:id/history', async (req, res) => {
        res.json({ history: await service.history((0, require_auth_1.principalOf)(req), (0, validate_1.validate)(referrals_schemas_1.referralIdParam, req.params.id)) });
    });
    return router;
}
//# sourceMappingURL=referrals.router.js.map