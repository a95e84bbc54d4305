import { z } from 'zod';
import { cocOpenApiPaths } from '../modules/coc/coc.openapi';
import { codesOpenApiPaths } from '../modules/codes/codes.openapi';
import { fhirOpenApiPaths } from '../modules/fhir/fhir.openapi';
import { identityOpenApiPaths } from '../modules/identity/identity.openapi';
import { kpiOpenApiPaths } from '../modules/kpi/kpi.openapi';
import { auditRequestSchema } from '../modules/audit/audit.schemas';
import { referralSearchOpenApiPaths } from '../modules/referral-search/referral-search.openapi';
import { loginSchema } from '../modules/auth/auth.router';
import {
  acceptReferralSchema,
  backReferralSchema,
  cancelReferralSchema,
  completeReferralSchema,
  createReferralSchema,
  noteSchema,
  onwardReferralSchema,
  rejectReferralSchema,
} from '../modules/referrals/referrals.schemas';

const json = (schema: z.ZodType): Record<string, unknown> => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
const errorRef = { $ref: '#/components/schemas/Error' };
const errors = (...statuses: number[]): Record<string, unknown> =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: 'error', content: { 'application/json': { schema: errorRef } } }]));
const ok = (description: string): Record<string, unknown> => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const body = (schema: z.ZodType): Record<string, unknown> => ({ required: true, content: { 'application/json': { schema: json(schema) } } });
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } }];
const secured = [{ bearerAuth: [] }];
const step = (summary: string, schema: z.ZodType): Record<string, unknown> => ({
  summary,
  security: secured,
  parameters: idParam,
  requestBody: body(schema),
  responses: { '200': ok('updated and committed'), ...errors(400, 401, 403, 404, 409) },
});

/** The OpenAPI 3.1 document of the gateway, built from the same zod schemas that validate requests. */
export function openApiDocument(): Record<string, unknown> {
  const search = referralSearchOpenApiPaths();
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
      ...search,
      ...codesOpenApiPaths(),
      ...fhirOpenApiPaths(),
      ...cocOpenApiPaths(),
      ...identityOpenApiPaths(),
      ...kpiOpenApiPaths(),
      '/api/auth/login': { post: { summary: 'Log in (password, and the TOTP code when the account has one); returns a 15-minute JWT and a refresh token', requestBody: body(loginSchema), responses: { '200': ok('token and user'), ...errors(400, 401) } } },
      '/api/health': { get: { summary: 'Reachability of every orderer, peer, the chaincode service and the store', responses: { '200': ok('all reachable'), '503': ok('some unreachable') } } },
      '/api/units': { get: { summary: 'The province’s units (hospitals, health centres)', responses: { '200': ok('units') } } },
      '/api/referrals': {
        ...(search['/api/referrals'] as Record<string, unknown>),
        post: { summary: 'Refer a patient (clinician of the sending unit)', security: secured, requestBody: body(createReferralSchema), responses: { '201': ok('created and committed'), ...errors(400, 401, 403, 409, 503) } },
      },
      '/api/referrals/{id}': { get: { summary: 'Read a referral (parties and auditors)', security: secured, parameters: idParam, responses: { '200': ok('referral'), ...errors(400, 401, 403, 404) } } },
      '/api/referrals/{id}/accept': {
        post: { summary: 'Accept (clinician or nurse of the receiving unit)', security: secured, parameters: idParam, requestBody: body(acceptReferralSchema), responses: { '200': ok('accepted'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/api/referrals/{id}/reject': {
        post: { summary: 'Reject with a coded reason (receiving unit)', security: secured, parameters: idParam, requestBody: body(rejectReferralSchema), responses: { '200': ok('rejected'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/api/referrals/{id}/receive': { post: step('Acknowledge receipt (receiving unit)', noteSchema) },
      '/api/referrals/{id}/cancel': { post: step('Cancel (clinician of the sending unit), with a reason', cancelReferralSchema) },
      '/api/referrals/{id}/arrive': { post: step('Mark the patient arrived (receiving unit)', noteSchema) },
      '/api/referrals/{id}/complete': { post: step('Complete with a file-50 refer result (receiving unit)', completeReferralSchema) },
      '/api/referrals/{id}/no-show': { post: step('Mark that the patient did not arrive (receiving unit)', noteSchema) },
      '/api/referrals/{id}/back-referral': {
        post: { summary: 'Back-refer to a health centre near home (receiving unit of this referral)', security: secured, parameters: idParam, requestBody: body(backReferralSchema), responses: { '201': ok('created'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/api/referrals/{id}/onward': {
        post: { summary: 'Refer onward to a third unit (receiving unit of this referral)', security: secured, parameters: idParam, requestBody: body(onwardReferralSchema), responses: { '201': ok('created'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/api/referrals/{id}/clinical-summary': {
        get: { summary: 'Private clinical summary (the two hospitals only) and whether it matches the hash on the ledger', security: secured, parameters: idParam, responses: { '200': ok('summary'), ...errors(401, 403, 404) } },
      },
      '/api/audit/verify': {
        post: {
          summary: 'Verify the ledger: block chain, signatures, endorsements, clinical documents, query store (auditors)',
          security: secured,
          requestBody: { required: false, content: { 'application/json': { schema: json(auditRequestSchema) } } },
          responses: { '200': ok('audit report (ok true or false)'), ...errors(400, 401, 403, 503) },
        },
      },
      '/api/referrals/{id}/history': {
        get: { summary: 'Every signed step: transaction ID, block number, time, acting unit', security: secured, parameters: idParam, responses: { '200': ok('history'), ...errors(400, 401, 403, 404) } },
      },
    },
  };
}
