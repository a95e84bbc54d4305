"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.referralIdParam = exports.rejectReferralSchema = exports.acceptReferralSchema = exports.createReferralSchema = void 0;
const zod_1 = require("zod");
const hcode = zod_1.z.string().regex(/^\d{5}$/, 'must be a 5-digit hcode');
/** POST /api/referrals: what a referring clinician sends. The patient's name is never accepted. */
exports.createReferralSchema = zod_1.z
    .object({
    referralId: zod_1.z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only, at most 64')
        .optional()
        .describe('client-chosen ID for idempotent retries; generated when absent'),
    patient: zod_1.z.object({ cid: zod_1.z.string().describe('13-digit Thai national ID; turned into a keyed pseudonym, never stored') }).strict(),
    toHcode: hcode.describe('receiving unit'),
    reasonCode: zod_1.z.enum(['1', '2', '3', '4', '5']).describe('Thai refer reason: 1 diagnosis+treatment … 5 patient request'),
    priority: zod_1.z.number().int().min(1).max(5).describe('1 life threatening … 5 non-acute'),
    fastTrack: zod_1.z.enum(['01', '02', '03', '04', '05', '06', '07', '99']).optional(),
    patientCategory: zod_1.z.enum(['I', 'O', 'E']).optional(),
    careDuringTransfer: zod_1.z.array(zod_1.z.enum(['1', '2', '3', '4', '5', '6'])).max(6).optional(),
    expectedArrival: zod_1.z.iso.datetime({ offset: true }).optional(),
})
    .strict();
exports.acceptReferralSchema = zod_1.z.object({ note: zod_1.z.string().max(500).optional() }).strict();
exports.rejectReferralSchema = zod_1.z
    .object({
    reasonCode: zod_1.z.string().regex(/^[1-9]$/, 'a Thai refer-result code 1-9'),
    reasonText: zod_1.z.string().trim().min(1).max(500),
})
    .strict();
exports.referralIdParam = zod_1.z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a referral ID');
//# sourceMappingURL=referrals.schemas.js.map