import { z } from 'zod';
import { servedBody, surveyBody } from './kpi.schemas';

/** OpenAPI 3.1 path entries of /api/kpi, built from the zod schemas that validate the requests. */
export function kpiOpenApiPaths(): Record<string, unknown> {
  const json = (schema: z.ZodType): Record<string, unknown> => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const errorRef = { $ref: '#/components/schemas/Error' };
  const errors = (...statuses: number[]): Record<string, unknown> =>
    Object.fromEntries(statuses.map((s) => [String(s), { description: 'error { code, message, details? }', content: { 'application/json': { schema: errorRef } } }]));
  const ok = (description: string, type = 'application/json'): Record<string, unknown> => ({ description, content: { [type]: { schema: { type: type === 'application/json' ? 'object' : 'string' } } } });
  const body = (schema: z.ZodType): Record<string, unknown> => ({ required: true, content: { 'application/json': { schema: json(schema) } } });
  const q = (name: string, description: string, pattern?: string): Record<string, unknown> => ({ name, in: 'query', required: false, description, schema: { type: 'string', ...(pattern === undefined ? {} : { pattern }) } });
  const window = [q('from', 'first month YYYY-MM (default: 11 months before `to`)', '^\\d{4}-\\d{2}$'), q('to', 'last month YYYY-MM (default: this month)', '^\\d{4}-\\d{2}$'), q('hospital', 'a hospital hcode or `province` (a director: own hospital only)')];
  const security = [{ bearerAuth: [] }];
  return {
    '/api/kpi/indicators': { get: { summary: 'The 12 indicators by month for the province or one hospital (manager, auditor)', security, parameters: window, responses: { '200': ok('{ scope, months, series, byHospital }'), ...errors(400, 401, 403, 503) } } },
    '/api/kpi/indicators/{id}/records': {
      get: {
        summary: 'The pseudonymous records behind one figure, with ledger transaction IDs',
        security,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { ...q('month', 'YYYY-MM', '^\\d{4}-\\d{2}$'), required: true }, q('hospital', 'hcode or province'), q('limit', '1–500 (100)'), q('offset', '≥ 0')],
        responses: { '200': ok('{ numerator, denominator, total, rows }'), ...errors(400, 401, 403, 404, 503) },
      },
    },
    '/api/kpi/report.csv': { get: { summary: 'The dashboard as CSV (UTF-8 with BOM)', security, parameters: window, responses: { '200': ok('CSV', 'text/csv'), ...errors(400, 401, 403) } } },
    '/api/kpi/report.pdf': { get: { summary: 'The dashboard as an A4 PDF report in Sarabun', security, parameters: window, responses: { '200': ok('PDF', 'application/pdf'), ...errors(400, 401, 403) } } },
    '/api/kpi/refresh': { post: { summary: 'Recompute the cached months of a window (provincial office)', security, parameters: window.slice(0, 2), responses: { '200': ok('{ months, ms }'), ...errors(400, 401, 403) } } },
    '/api/kpi/surveys': { post: { summary: 'A citizen answers the satisfaction (1–5) or happiness (0–10) survey (wallet token)', security, requestBody: body(surveyBody), responses: { '201': ok('{ id, month }'), ...errors(400, 401, 409) } } },
    '/api/kpi/opd/served': { post: { summary: 'The service start of a checked-in wallet booking (OPD staff of its hospital)', security, requestBody: body(servedBody), responses: { '201': ok('{ bookingId, checkedInAt, servedAt, waitMinutes }'), ...errors(400, 401, 403, 404, 409) } } },
  };
}
