import { timestampToIso } from './tx-time';

describe('timestampToIso', () => {
    it.each<[string, unknown]>([
        ['a number', 1_767_225_600],
        ['a Long-like object', { low: 1_767_225_600, high: 0, unsigned: true }],
        ['an object with toNumber', { toNumber: () => 1_767_225_600 }],
        ['a string', '1767225600'],
        ['a bigint', 1_767_225_600n],
    ])('reads seconds given as %s', (_label, seconds) => {
        expect(timestampToIso({ seconds, nanos: 999_999_999 })).toBe('2026-01-01T00:00:00.999Z');
    });

    it('rejects a non-numeric timestamp', () => {
        expect(() => timestampToIso({ seconds: {}, nanos: 0 })).toThrow('timestamp is not numeric');
    });
});
