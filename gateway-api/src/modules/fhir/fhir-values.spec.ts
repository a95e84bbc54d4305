import { pruned, toFhirDateTime, toFhirId, toFhirInstant } from './fhir-values';

describe('toFhirId', () => {
  it('keeps valid ids, maps _ to . and hashes the rest', () => {
    expect(toFhirId('R-123')).toBe('R-123');
    expect(toFhirId('R_1_a')).toBe('R.1.a');
    expect(toFhirId('has space')).toMatch(/^[0-9a-f]{64}$/);
    expect(toFhirId('x'.repeat(65))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('FHIR date/time values', () => {
  it('keeps valid values and re-formats other parseable dates in UTC', () => {
    expect(toFhirDateTime('2026-03-01T10:30:00+07:00')).toBe('2026-03-01T10:30:00+07:00');
    expect(toFhirDateTime('2026-03-01T10:30+07:00')).toBe('2026-03-01T03:30:00.000Z');
    expect(toFhirDateTime('2026-03-01')).toBe('2026-03-01');
    expect(toFhirInstant('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(toFhirDateTime('not a date')).toBeUndefined();
    expect(toFhirDateTime(undefined)).toBeUndefined();
  });
});

describe('pruned', () => {
  it('drops undefined, empty arrays and empty objects', () => {
    expect(pruned({ a: undefined, b: [], c: {}, d: [{ e: undefined }], f: 0, g: '', h: [1, undefined], i: { j: false } })).toEqual({ f: 0, g: '', h: [1], i: { j: false } });
  });
});
