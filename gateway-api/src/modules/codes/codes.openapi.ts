/** OpenAPI 3.1 path entries of /api/codes, to merge into the gateway's document. */
export function codesOpenApiPaths(): Record<string, unknown> {
  const errorRef = { $ref: '#/components/schemas/Error' };
  const ok = (description: string): Record<string, unknown> => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
  return {
    '/api/codes': {
      get: {
        summary:
          'Thai referral code tables with Thai and English labels: referReason, priority, fastTrack, patientCategory, careDuringTransfer, rejectReason, referResult, referOutcome, status, kind (no authentication)',
        responses: { '200': ok('{ tables: { <id>: { id, title, system, systemStatus, source, note?, concepts: [{ code, th, en, ... }] } } }') },
      },
    },
    '/api/codes/icd10': {
      get: {
        summary: 'Search the curated ICD-10 subset by code prefix (I63, I63.9, I639) or English/Thai words; Thai labels are working translations (no authentication)',
        parameters: [
          { name: 'q', in: 'query', required: false, description: 'code prefix or words; empty lists codes in order', schema: { type: 'string', maxLength: 100 } },
          { name: 'limit', in: 'query', required: false, description: 'at most this many results', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        ],
        responses: {
          '200': ok('{ system, thaiLabels, query, total, results: [{ code, en, th }] }'),
          '400': { description: 'error', content: { 'application/json': { schema: errorRef } } },
        },
      },
    },
  };
}
