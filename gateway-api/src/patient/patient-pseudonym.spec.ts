import { createHash } from 'node:crypto';
import { ApiError } from '../http/api-error';
import { PatientPseudonym } from './patient-pseudonym';

const key = Buffer.alloc(32, 7);

describe('PatientPseudonym', () => {
  it('gives the same 64-hex pseudonym for the same ID and key', () => {
    const p = new PatientPseudonym(key);
    expect(p.fromCid('1101700207030')).toMatch(/^[0-9a-f]{64}$/);
    expect(p.fromCid('1101700207030')).toBe(p.fromCid('1101700207030'));
  });

  it('is keyed: another key or a plain hash of the ID gives something else', () => {
    const a = new PatientPseudonym(key).fromCid('1101700207030');
    const b = new PatientPseudonym(Buffer.alloc(32, 8)).fromCid('1101700207030');
    expect(a).not.toBe(b);
    expect(a).not.toBe(createHash('sha256').update('1101700207030').digest('hex'));
  });

  it('refuses an invalid national ID with INVALID_CID', () => {
    expect(() => new PatientPseudonym(key).fromCid('1101700207031')).toThrow(ApiError);
    try {
      new PatientPseudonym(key).fromCid('123');
    } catch (err) {
      expect((err as ApiError).code).toBe('INVALID_CID');
      expect((err as ApiError).status).toBe(400);
    }
  });

  it('refuses a short key', () => {
    expect(() => new PatientPseudonym(Buffer.alloc(8))).toThrow('at least 32 bytes');
  });
});
