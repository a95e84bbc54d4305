import { formatDate, toBuddhistYear } from './thai-date';

describe('Thai dates in the Buddhist era', () => {
  it('adds 543 years', () => {
    expect(toBuddhistYear(2026)).toBe(2569);
    expect(toBuddhistYear(1957)).toBe(2500);
  });

  it('shows Thai dates with the BE year in Bangkok time', () => {
    const text = formatDate('2026-03-05T20:30:00Z', 'th', 'datetime');
    expect(text).toContain('2569');
    expect(text).not.toContain('2026');
    expect(text).toContain('6'); // 20:30Z is 03:30 on the 6th in Bangkok
    expect(text).toMatch(/มี\.ค\./);
    expect(text).toContain('03:30');
  });

  it('shows English dates in the Common era', () => {
    const text = formatDate('2026-03-05T20:30:00Z', 'en', 'date');
    expect(text).toContain('2026');
    expect(text).toContain('Mar');
  });

  it('passes through missing and invalid values', () => {
    expect(formatDate(undefined, 'th')).toBe('');
    expect(formatDate(null, 'en')).toBe('');
    expect(formatDate('not a date', 'th')).toBe('not a date');
  });

  it('accepts Date objects and a time-only style', () => {
    expect(formatDate(new Date('2026-01-01T00:00:00Z'), 'th', 'time')).toBe('07:00:00');
  });
});
