/** OpenAPI 3.1 path entry of GET /api/referrals/{id}/fhir, to merge into the gateway's document. */
export function fhirOpenApiPaths(): Record<string, unknown> {
  const errorRef = { $ref: '#/components/schemas/Error' };
  const errors = (...statuses: number[]): Record<string, unknown> =>
    Object.fromEntries(statuses.map((s) => [String(s), { description: 'error', content: { 'application/json': { schema: errorRef } } }]));
  return {
    '/api/referrals/{id}/fhir': {
      get: {
        summary:
          'The referral as a FHIR R4 Bundle (collection): ServiceRequest, Task, pseudonymous Patient, Organizations; public metadata only, clinical summary as its SHA-256 (parties and auditors)',
        security: [{ bearerAuth: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } }],
        responses: {
          '200': {
            description: 'FHIR R4 Bundle',
            content: { 'application/fhir+json': { schema: { type: 'object', description: 'FHIR R4 Bundle (http://hl7.org/fhir/R4/bundle.html), valid against the R4 JSON schema' } } },
          },
          ...errors(400, 401, 403, 404, 503),
        },
      },
    },
  };
}
