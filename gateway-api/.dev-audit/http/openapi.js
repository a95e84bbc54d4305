"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.openApiDocument = openApiDocument;
const zod_1 = require("zod");
const auth_router_1 = require("../modules/auth/auth.router");
const referrals_schemas_1 = require("../modules/referrals/referrals.schemas");
const json = (schema) => zod_1.z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const errorRef = { $ref: '#/components/schemas/Error' };
const errors = (...statuses) => Object.fromEntries(statuses.map((s) => [String(s), { description: 'error', content: { 'application/json': { schema: errorRef } } }]));
const ok = (description) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const body = (schema) => ({ required: true, content: { 'application/json': { schema: json(schema) } } });
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } }];
const secured = [{ bearerAuth: [] }];
/** The OpenAPI 3.1 document of the gateway, built from the same zod schemas that validate requests. */
function openApiDocument() {
    return {
        openapi: '3.1.0',
        info: {
            title: 'Chachoengsao referral network gateway',
            version: '0.1.0',
            description: 'Referrals between the 11 hospitals and 118 health centres of Chachoengsao, recorded on Hyperledger Fabric. Errors are { error: { code, message, details? } } with a stable code.',
        },
        components: {
            securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
            schemas: {
                Error: {
                    type: 'object',
                    required: ['error'],
                    properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
                },
            },
        },
        paths: {
            '/api/auth/login': { post: { summary: 'Log in; returns a JWT', requestBody: body(auth_router_1.loginSchema), responses: { '200': ok('token and user'), ...errors(400, 401) } } },
            '/api/health': { get: { summary: 'Reachability of every orderer, peer, the chaincode service and the store', responses: { '200': ok('all reachable'), '503': ok('some unreachable') } } },
            '/api/units': { get: { summary: 'The province’s units (hospitals, health centres)', responses: { '200': ok('units') } } },
            '/api/referrals': {
                post: { summary: 'Refer a patient (clinician of the sending unit)', security: secured, requestBody: body(referrals_schemas_1.createReferralSchema), responses: { '201': ok('created and committed'), ...errors(400, 401, 403, 409, 503) } },
            },
            '/api/referrals/{id}': { get: { summary: 'Read a referral (parties and auditors)', security: secured, parameters: idParam, responses: { '200': ok('referral'), ...errors(400, 401, 403, 404) } } },
            '/api/referrals/{id}/accept': {
                post: { summary: 'Accept (clinician or nurse of the receiving unit)', security: secured, parameters: idParam, requestBody: body(referrals_schemas_1.acceptReferralSchema), responses: { '200': ok('accepted'), ...errors(400, 401, 403, 404, 409) } },
            },
            '/api/referrals/{id}/reject': {
                post: { summary: 'Reject with a coded reason (receiving unit)', security: secured, parameters: idParam, requestBody: body(referrals_schemas_1.rejectReferralSchema), responses: { '200': ok('rejected'), ...errors(400, 401, 403, 404, 409) } },
            },
            '/api/referrals/{id}/history': {
                get: { summary: 'Every signed step: transaction ID, block number, time, acting unit', security: secured, parameters: idParam, responses: { '200': ok('history'), ...errors(400, 401, 403, 404) } },
            },
        },
    };
}
//# sourceMappingURL=openapi.js.map