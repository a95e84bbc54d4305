import { elapsedSince, formatDuration } from './duration';

describe('time in state', () => {
  it('formats minutes, hours and days in both languages', () => {
    expect(formatDuration(30_000, 'th')).toBe('< 1 นาที');
    expect(formatDuration(5 * 60_000, 'en')).toBe('5 min');
    expect(formatDuration((2 * 60 + 5) * 60_000, 'th')).toBe('2 ชม. 5 นาที');
    expect(formatDuration((2 * 60 + 5) * 60_000, 'en')).toBe('2 h 5 min');
    expect(formatDuration((3 * 1440 + 60 + 7) * 60_000, 'en')).toBe('3 d 1 h');
    expect(formatDuration(-5, 'en')).toBe('< 1 min');
    expect(formatDuration(Number.NaN, 'th')).toBe('< 1 นาที');
  });

  it('measures elapsed time from an ISO timestamp', () => {
    const now = Date.parse('2026-01-01T01:00:00Z');
    expect(elapsedSince('2026-01-01T00:00:00Z', now)).toBe(3_600_000);
    expect(elapsedSince('2026-01-01T02:00:00Z', now)).toBe(0);
    expect(elapsedSince(undefined, now)).toBe(0);
    expect(elapsedSince('nope', now)).toBe(0);
  });
});
