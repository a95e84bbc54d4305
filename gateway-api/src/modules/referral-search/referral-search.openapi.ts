/** OpenAPI 3.1 path entries of the query-store endpoints, to merge into the gateway's document. */
export function referralSearchOpenApiPaths(): Record<string, unknown> {
  const secured = [{ bearerAuth: [] }];
  const errorRef = { $ref: '#/components/schemas/Error' };
  const errors = (...statuses: number[]): Record<string, unknown> =>
    Object.fromEntries(statuses.map((s) => [String(s), { description: 'error', content: { 'application/json': { schema: errorRef } } }]));
  const ok = (description: string): Record<string, unknown> => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
  const q = (name: string, description: string, schema: Record<string, unknown>): Record<string, unknown> => ({ name, in: 'query', required: false, description, schema });
  const date = { type: 'string', description: 'ISO date (a day in Asia/Bangkok) or date-time with offset' };
  const direction = q('direction', 'incoming (to the unit), outgoing (from it) or all', { type: 'string', enum: ['incoming', 'outgoing', 'all'], default: 'all' });
  const unit = q('unit', 'hcode; auditors any unit, others only their own', { type: 'string', pattern: '^\\d{5}$' });
  return {
    '/api/referrals': {
      get: {
        summary: 'List referrals of your unit from the query store: fast-track first, then priority, newest first',
        security: secured,
        parameters: [
          direction,
          q('status', 'comma-separated statuses', { type: 'string' }),
          q('priority', '1..5', { type: 'integer', minimum: 1, maximum: 5 }),
          q('fastTrack', 'true or false', { type: 'boolean' }),
          unit,
          q('from', 'created on or after', date),
          q('to', 'created before (date-time) or on or before (date)', date),
          q('q', 'referral ID prefix', { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' }),
          q('page', 'from 1', { type: 'integer', minimum: 1, default: 1 }),
          q('pageSize', '1..100', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
        ],
        responses: { '200': ok('{ items, page, pageSize, total }'), ...errors(400, 401, 403, 503) },
      },
    },
    '/api/referrals/stats': {
      get: {
        summary:
          'Counts by status, time to acceptance (median, p90, minutes), rejection rate (rejected ÷ answered) by reason, no-shows, cancellations; per unit',
        security: secured,
        parameters: [unit, direction, q('from', 'created on or after', date), q('to', 'created before / on or before', date)],
        responses: { '200': ok('{ direction, from, to, overall, units }'), ...errors(400, 401, 403, 503) },
      },
    },
    '/api/referrals/{id}/time-in-state': {
      get: {
        summary: 'Minutes spent in each status, and the age of the current one (parties and auditors)',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } }],
        responses: { '200': ok('{ id, status, periods, totalMinutes, currentStatusSince, currentStatusAgeMinutes }'), ...errors(400, 401, 403, 404, 503) },
      },
    },
  };
}
