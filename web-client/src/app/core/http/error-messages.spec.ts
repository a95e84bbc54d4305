import { API_ERROR_CODES, ERROR_MESSAGES, errorMessage, toApiProblem, validationDetails } from './error-messages';

describe('API error messages', () => {
  it('has a Thai and an English message for every gateway code', () => {
    for (const code of API_ERROR_CODES) {
      expect(ERROR_MESSAGES[code].th).toMatch(/[\u0E00-\u0E7F]/);
      expect(ERROR_MESSAGES[code].en.length).toBeGreaterThan(5);
    }
  });

  it('covers exactly the gateway’s ErrorCode union', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    const source = fs.readFileSync(path.join(__dirname, '../../../../../gateway-api/src/http/api-error.ts'), 'utf8');
    const union = source.slice(source.indexOf('export type ErrorCode'), source.indexOf(';', source.indexOf('export type ErrorCode')));
    const codes = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]).sort();
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(API_ERROR_CODES).toContain(code);
  });

  it('falls back for unknown codes and keeps the code visible', () => {
    expect(errorMessage('INVALID_CID', 'th')).toContain('เลขประจำตัวประชาชน');
    expect(errorMessage('INVALID_CID', 'en')).toContain('national ID');
    expect(errorMessage('SOMETHING_NEW', 'en')).toContain('SOMETHING_NEW');
  });

  it('reads the gateway envelope', () => {
    const p = toApiProblem(409, { error: { code: 'INVALID_TRANSITION', message: 'cannot go from accepted to rejected' } });
    expect(p).toEqual({ code: 'INVALID_TRANSITION', status: 409, serverMessage: 'cannot go from accepted to rejected', details: undefined });
    expect(toApiProblem(400, JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'x', details: [] } })).code).toBe('VALIDATION_FAILED');
  });

  it('treats a missing endpoint and no answer as client codes', () => {
    expect(toApiProblem(404, { error: { code: 'NOT_FOUND', message: 'no route GET /codes' } }).code).toBe('NOT_AVAILABLE');
    expect(toApiProblem(404, '<html>').code).toBe('NOT_AVAILABLE');
    expect(toApiProblem(501, null).code).toBe('NOT_AVAILABLE');
    expect(toApiProblem(404, { error: { code: 'REFERRAL_NOT_FOUND', message: 'no such referral' } }).code).toBe('REFERRAL_NOT_FOUND');
    expect(toApiProblem(0, null).code).toBe('NETWORK_ERROR');
    expect(toApiProblem(502, 'Bad gateway').code).toBe('INTERNAL');
    expect(toApiProblem(418, {}).code).toBe('UNKNOWN_ERROR');
  });

  it('lists zod validation issues', () => {
    expect(validationDetails([{ path: ['patient', 'cid'], message: 'Required' }])).toEqual(['patient.cid: Required']);
    expect(validationDetails({ issues: [{ path: [], message: 'bad' }] })).toEqual(['bad']);
    expect(validationDetails('nope')).toEqual([]);
  });
});
