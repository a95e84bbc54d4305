import { readFileSync } from 'node:fs';
import { SCHEDULE, SCHEDULE_FILE } from './test-support/coc-fakes';
import { VisitSchedule, type ScheduleTable } from './visit-schedule';

const table = JSON.parse(readFileSync(SCHEDULE_FILE, 'utf8')) as ScheduleTable;
const version = (v: string, from: string, to: string | null, interval: number): ScheduleTable['versions'][number] => ({
  version: v,
  effectiveFrom: from,
  effectiveTo: to,
  source: 'test',
  verified: false,
  rules: [{ adlGroup: 'bedridden', teamRole: 'volunteer', intervalDays: interval, verified: false }],
});

describe('VisitSchedule (fixtures/coc/visit-schedule.json)', () => {
  it('loads the project table: every version and rule has a source and a verified flag; unsourced values are not verified', () => {
    for (const v of table.versions) {
      expect(v.source.length).toBeGreaterThan(0);
      if (/ILLUSTRATIVE/i.test(v.source)) {
        expect(v.verified).toBe(false);
        expect(v.rules.every((r) => !r.verified)).toBe(true);
      }
    }
    expect(SCHEDULE.intervalDays('bedridden', 'volunteer', '2026-11-30')).toBe(7);
    expect(SCHEDULE.intervalDays('homebound', 'familyDoctor', '2026-11-30')).toBe(180);
    expect(SCHEDULE.intervalDays('socially-active', 'volunteer', '2026-11-30')).toBeUndefined();
    expect(SCHEDULE.intervalDays('bedridden', 'volunteer', '2020-01-01')).toBeUndefined();
  });

  it('picks the version in force on the date', () => {
    const s = new VisitSchedule({ ...table, versions: [version('b', '2026-01-01', null, 5), version('a', '2025-01-01', '2025-12-31', 10)] });
    expect(s.intervalDays('bedridden', 'volunteer', '2025-12-31')).toBe(10);
    expect(s.intervalDays('bedridden', 'volunteer', '2026-01-01')).toBe(5);
    expect(s.versionOn('2024-06-01')).toBeUndefined();
    expect(s.table().versions.map((v) => v.version)).toEqual(['a', 'b']);
  });

  it('refuses overlapping versions, reversed dates, repeated rules and malformed tables', () => {
    expect(() => new VisitSchedule({ ...table, versions: [version('a', '2025-01-01', null, 10), version('b', '2026-01-01', null, 5)] })).toThrow('overlaps');
    expect(() => new VisitSchedule({ ...table, versions: [version('a', '2025-01-01', '2024-01-01', 10)] })).toThrow('effectiveTo');
    const repeated = version('a', '2025-01-01', null, 10);
    expect(() => new VisitSchedule({ ...table, versions: [{ ...repeated, rules: [...repeated.rules, ...repeated.rules] }] })).toThrow('repeated');
    expect(() => new VisitSchedule({ ...table, versions: [{ ...repeated, rules: [{ adlGroup: 'x', teamRole: 'volunteer', intervalDays: 7, verified: false }] }] })).toThrow();
    expect(() => new VisitSchedule({ ...table, versions: [{ ...repeated, source: undefined }] })).toThrow();
  });
});
