import { z } from 'zod';
import { addStaffSchema, changeStaffSchema, revokeSchema, totpCodeSchema } from './identity.router';

/** OpenAPI 3.1 path entries of /api/identity and the token renewal of /api/auth, from the zod schemas that validate them. */
export function identityOpenApiPaths(): Record<string, unknown> {
  const json = (schema: z.ZodType): Record<string, unknown> => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const errorRef = { $ref: '#/components/schemas/Error' };
  const errors = (...statuses: number[]): Record<string, unknown> =>
    Object.fromEntries(statuses.map((s) => [String(s), { description: 'error { code, message, details? }', content: { 'application/json': { schema: errorRef } } }]));
  const ok = (description: string): Record<string, unknown> => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
  const body = (schema: z.ZodType): Record<string, unknown> => ({ required: true, content: { 'application/json': { schema: json(schema) } } });
  const username = [{ name: 'username', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{2,63}$' } }];
  const security = [{ bearerAuth: [] }];
  const refresh = z.object({ refreshToken: z.string().min(20).max(200) }).strict();
  const staffStep = (summary: string, requestBody?: z.ZodType): Record<string, unknown> => ({
    summary,
    security,
    parameters: username,
    ...(requestBody === undefined ? {} : { requestBody: body(requestBody) }),
    responses: { '200': ok('{ staff }'), ...errors(400, 401, 403, 404, 409, 503) },
  });
  return {
    '/api/auth/refresh': {
      post: { summary: 'A new 15-minute access token and the next refresh token of the family (the old one is spent; reusing it revokes the family)', requestBody: body(refresh), responses: { '200': ok('{ token, expiresIn, refreshToken }'), ...errors(400, 401) } },
    },
    '/api/auth/logout': {
      post: { summary: 'Revoke the bearer access token and, when given, the refresh family', security, requestBody: { required: false, content: { 'application/json': { schema: json(refresh.partial()) } } }, responses: { '204': { description: 'signed out' }, ...errors(400, 401) } },
    },
    '/api/identity/staff': {
      get: { summary: "The administrator's organisation's staff with status and certificate serial (never a key or hash)", security, responses: { '200': ok('{ staff }'), ...errors(401, 403, 503) } },
      post: { summary: "Register and enrol a person at the organisation's Fabric CA (role and hcode as certificate attributes)", security, requestBody: body(addStaffSchema), responses: { '201': ok('{ staff }'), ...errors(400, 401, 403, 409, 503) } },
    },
    '/api/identity/staff/{username}': { patch: staffStep('Change role or unit: re-enrols with the new attributes', changeStaffSchema) },
    '/api/identity/staff/{username}/suspend': { post: staffStep('Suspend: the gateway refuses the person (401 IDENTITY_SUSPENDED)') },
    '/api/identity/staff/{username}/reactivate': { post: staffStep('Reactivate a suspended person') },
    '/api/identity/staff/{username}/revoke': {
      post: { ...staffStep('Revoke at the CA, publish the CRL in the channel configuration (config update signed by the organisation admin)', revokeSchema), responses: { '200': ok('{ staff, effectMs, crl }'), ...errors(400, 401, 403, 404, 409, 503) } },
    },
    '/api/identity/actions': {
      get: { summary: 'The identity administration log (auditors: every organisation; administrators: their own)', security, parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } }], responses: { '200': ok('{ actions }'), ...errors(400, 401, 403, 503) } },
    },
    '/api/identity/me/totp': {
      get: { summary: "The caller's TOTP second factor (administrators and auditors)", security, responses: { '200': ok('{ enabled, pending }'), ...errors(401, 403) } },
      post: { summary: 'Set up TOTP: a new secret, shown once (base32 and otpauth:// URI)', security, responses: { '201': ok('{ secret, otpauthUri, digits, period, algorithm }'), ...errors(401, 403, 409, 503) } },
    },
    '/api/identity/me/totp/enable': { post: { summary: 'Turn TOTP on with a first code from the app', security, requestBody: body(totpCodeSchema), responses: { '200': ok('{ enabled: true }'), ...errors(400, 401, 403, 409) } } },
    '/api/identity/me/totp/disable': { post: { summary: 'Turn TOTP off with a current code', security, requestBody: body(totpCodeSchema), responses: { '200': ok('{ enabled: false }'), ...errors(400, 401, 403, 409) } } },
  };
}
