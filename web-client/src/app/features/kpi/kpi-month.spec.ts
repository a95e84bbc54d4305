import { formatValue, monthLabel, targetLabel } from './kpi-month';

describe('KPI labels', () => {
  it('labels months in the Buddhist era in Thai and in the Gregorian calendar in English', () => {
    expect(monthLabel('2026-03', 'th')).toBe('มี.ค. 69');
    expect(monthLabel('2026-03', 'th', true)).toBe('มี.ค. 2569');
    expect(monthLabel('2025-12', 'en')).toBe('Dec 2025');
  });

  it('formats figures by unit and targets in words', () => {
    expect(formatValue(18.18, 'percent')).toBe('18.18%');
    expect(formatValue(-33.4, 'percent-change')).toBe('−33.4%');
    expect(formatValue(11, 'count')).toBe('11');
    expect(formatValue(null, 'percent')).toBe('—');
    expect(targetLabel('at-least', 90, 'percent', 'th')).toBe('ไม่น้อยกว่า 90%');
    expect(targetLabel('change-at-most', -50, 'percent-change', 'en')).toBe('-50% vs baseline month (or lower)');
  });
});
