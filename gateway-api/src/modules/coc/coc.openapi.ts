import { z } from 'zod';
import { closeCaseSchema, countersignSchema, openCaseSchema, recordVisitSchema, updateCaseSchema } from './coc.schemas';

/** OpenAPI 3.1 path entries of /api/coc, built from the zod schemas that validate the requests. */
export function cocOpenApiPaths(): Record<string, unknown> {
  const json = (schema: z.ZodType): Record<string, unknown> => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const errorRef = { $ref: '#/components/schemas/Error' };
  const errors = (...statuses: number[]): Record<string, unknown> =>
    Object.fromEntries(statuses.map((s) => [String(s), { description: 'error { code, message, details? }', content: { 'application/json': { schema: errorRef } } }]));
  const ok = (description: string): Record<string, unknown> => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
  const body = (schema: z.ZodType): Record<string, unknown> => ({ required: true, content: { 'application/json': { schema: json(schema) } } });
  const path = (name: string): Record<string, unknown> => ({ name, in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } });
  const query = (name: string, schema: Record<string, unknown>, description: string): Record<string, unknown> => ({ name, in: 'query', required: false, description, schema });
  const security = [{ bearerAuth: [] }];
  return {
    '/api/coc/cases': {
      get: { summary: 'COC cases the caller may see (query store)', security, parameters: [query('status', { enum: ['open', 'closed'] }, 'filter')], responses: { '200': ok('{ items }'), ...errors(400, 401, 503) } },
      post: {
        summary: 'Register a patient for home care (Barthel ADL → group, 3-doctor team, private care plan), or open/update the case from a back-referral',
        security,
        requestBody: body(openCaseSchema),
        responses: { '201': ok('{ case, txId }'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/coc/cases/{id}': {
      get: { summary: 'A case (public part)', security, parameters: [path('id')], responses: { '200': ok('{ case }'), ...errors(400, 401, 403, 404) } },
      patch: { summary: 'Change ADL, team or care plan of an open case', security, parameters: [path('id')], requestBody: body(updateCaseSchema), responses: { '200': ok('{ case, txId }'), ...errors(400, 401, 403, 404, 409) } },
    },
    '/api/coc/cases/{id}/close': { post: { summary: 'Close a case', security, parameters: [path('id')], requestBody: body(closeCaseSchema), responses: { '200': ok('{ case, txId }'), ...errors(400, 401, 403, 404, 409) } } },
    '/api/coc/cases/{id}/details': { get: { summary: 'Private case details with the hash check (team and the case’s units)', security, parameters: [path('id')], responses: { '200': ok('{ details, hash, matchesLedger }'), ...errors(401, 403, 404) } } },
    '/api/coc/visits': {
      post: {
        summary: 'Record a home visit under a client-chosen visitId (a repeated sync answers 409 COC_VISIT_EXISTS with details.sameContent)',
        security,
        requestBody: body(recordVisitSchema),
        responses: { '201': ok('{ visit, txId }'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/coc/visits/awaiting-countersign': { get: { summary: 'Visits waiting for the caller’s countersignature (query store)', security, responses: { '200': ok('{ items }'), ...errors(401, 503) } } },
    '/api/coc/cases/{id}/visits/{visitId}': { get: { summary: 'A visit (public part)', security, parameters: [path('id'), path('visitId')], responses: { '200': ok('{ visit }'), ...errors(400, 401, 403, 404) } } },
    '/api/coc/cases/{id}/visits/{visitId}/details': { get: { summary: 'Private visit details with the hash check', security, parameters: [path('id'), path('visitId')], responses: { '200': ok('{ details, hash, matchesLedger }'), ...errors(401, 403, 404) } } },
    '/api/coc/cases/{id}/visits/{visitId}/countersign': {
      post: { summary: 'Countersign a visit (officer for a volunteer, family doctor for an officer)', security, parameters: [path('id'), path('visitId')], requestBody: body(countersignSchema), responses: { '200': ok('{ visit, txId }'), ...errors(400, 401, 403, 404, 409) } },
    },
    '/api/coc/due': {
      get: {
        summary: 'Visits owed, overdue first, by the visit-schedule rule table',
        security,
        parameters: [query('scope', { enum: ['mine', 'unit'], default: 'mine' }, 'the caller’s own visits or the unit’s'), query('asOf', { type: 'string', format: 'date' }, 'default today (Thailand)')],
        responses: { '200': ok('{ asOf, scheduleVersion, items, overdue }'), ...errors(400, 401, 503) },
      },
    },
    '/api/coc/indicators': {
      get: {
        summary: '% of bedridden and homebound patients visited per standard (goal 90 %) and % with a better ADL group (goal 10 %), per health centre or district',
        security,
        parameters: [
          query('period', { enum: ['month', 'quarter'], default: 'month' }, 'period kind'),
          query('at', { type: 'string', format: 'date' }, 'a date in the period; default today'),
          query('by', { enum: ['health-centre', 'district'], default: 'health-centre' }, 'grouping'),
        ],
        responses: { '200': ok('{ period, by, goals, scheduleVersion, overall, rows, units }'), ...errors(400, 401, 503) },
      },
    },
    '/api/coc/schedule': { get: { summary: 'The visit-schedule rule table (versions, effective dates, source, verified)', security, responses: { '200': ok('the table'), ...errors(401) } } },
  };
}
