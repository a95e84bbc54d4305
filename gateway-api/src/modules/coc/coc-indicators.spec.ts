import { cocIndicators, visitedPerStandard, visitWindowStart } from './coc-indicators';
import { periodOf } from './coc-dates';
import { caseRecord, SCHEDULE, visitRecord } from './test-support/coc-fakes';

const november = periodOf('month', '2026-11-15');
const weekly = (caseId: string, days: readonly number[]) => days.map((d) => visitRecord(caseId, `${caseId}-v${String(d)}`, `2026-11-${String(d).padStart(2, '0')}`, 'volunteer'));

describe('COC indicators', () => {
  it('computes periods', () => {
    expect(november).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30', days: 30 });
    expect(periodOf('quarter', '2026-11-15')).toEqual({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31', days: 92 });
    expect(periodOf('month', '2028-02-10').days).toBe(29);
  });

  it('counts a bedridden patient as visited per standard when every role met its rule', () => {
    const c = caseRecord({ id: 'C-1', openedOn: '2026-10-01' });
    const full = [...weekly('C-1', [3, 10, 17, 24]), visitRecord('C-1', 'o1', '2026-11-05', 'officer'), visitRecord('C-1', 'd1', '2026-10-02', 'familyDoctor')];
    expect(visitedPerStandard(c, full, SCHEDULE, november)).toBe(true);
    // three volunteer visits in a 30-day month are fewer than floor(30/7) = 4
    expect(visitedPerStandard(c, full.filter((v) => v.id !== 'C-1-v24'), SCHEDULE, november)).toBe(false);
    // the family doctor's last visit is more than 90 days before the month's end
    expect(visitedPerStandard(c, [...weekly('C-1', [3, 10, 17, 24]), visitRecord('C-1', 'o1', '2026-11-05', 'officer'), visitRecord('C-1', 'd0', '2026-08-01', 'familyDoctor')], SCHEDULE, november)).toBe(false);
  });

  it('pro-rates a case opened during the period: a visit not yet due is not missed', () => {
    const opened = caseRecord({ id: 'C-9', openedOn: '2026-11-26' });
    expect(visitedPerStandard(opened, [], SCHEDULE, november)).toBe(true);
    const older = caseRecord({ id: 'C-8', openedOn: '2026-11-16' });
    // 15 days open: floor(15/7) = 2 volunteer visits needed
    expect(visitedPerStandard(older, weekly('C-8', [17]), SCHEDULE, november)).toBe(false);
    expect(visitedPerStandard(older, weekly('C-8', [17, 24]), SCHEDULE, november)).toBe(true);
  });

  it('reports % visited and % improved per health centre and district, counting only bedridden and homebound cases', () => {
    const visited = caseRecord({ id: 'C-1', openedOn: '2026-10-01' });
    const notVisited = caseRecord({ id: 'C-2', openedOn: '2026-10-01', healthCentreHcode: '03904' });
    const improved = caseRecord({ id: 'C-3', openedOn: '2026-10-01', adl: { ...caseRecord().adl, score: 14, group: 'socially-active' } });
    const closedBefore = caseRecord({ id: 'C-4', openedOn: '2026-09-01', status: 'closed', closedAt: '2026-10-15T02:00:00.000Z' });
    const openedAfter = caseRecord({ id: 'C-5', openedOn: '2026-12-02' });
    const visits = [...weekly('C-1', [3, 10, 17, 24]), visitRecord('C-1', 'o1', '2026-11-05', 'officer'), visitRecord('C-1', 'd1', '2026-10-02', 'familyDoctor')];
    const result = cocIndicators([visited, notVisited, improved, closedBefore, openedAfter], visits, SCHEDULE, { period: 'month', at: '2026-11-15', by: 'health-centre' });
    expect(result.period).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    expect(result.goals).toEqual({ visited: 0.9, improved: 0.1 });
    expect(result.scheduleVersion).toBe('2026.1');
    expect(result.overall).toEqual({ hcode: null, registered: 2, visitedPerStandard: 1, visitedRate: 0.5, baselineDependent: 3, improved: 1, improvedRate: 1 / 3 });
    expect(result.rows.map((r) => [r.hcode, r.registered, r.visitedPerStandard])).toEqual([
      ['03903', 1, 1],
      ['03904', 1, 0],
    ]);
    const byDistrict = cocIndicators([visited, notVisited], visits, SCHEDULE, { period: 'quarter', at: '2026-11-15', by: 'district' });
    expect(byDistrict.rows.map((r) => r.hcode)).toEqual(['11138']);
  });

  it('counts a running period only up to today', () => {
    const c = caseRecord({ id: 'C-7', openedOn: '2026-11-01' });
    const visits = [...weekly('C-7', [3, 10]), visitRecord('C-7', 'o', '2026-11-04', 'officer')];
    // on 14 November: 14 days open, floor(14/7) = 2 volunteer visits, officer not yet overdue
    expect(visitedPerStandard(c, visits, SCHEDULE, november, '2026-11-14')).toBe(true);
    expect(visitedPerStandard(c, visits, SCHEDULE, november)).toBe(false);
    const opened = caseRecord({ id: 'C-6', openedOn: '2026-12-20' });
    expect(cocIndicators([opened], [], SCHEDULE, { period: 'month', at: '2026-12-01', by: 'district', asOf: '2026-12-10' }).overall.registered).toBe(0);
  });

  it('answers null rates when nothing is registered', () => {
    const result = cocIndicators([], [], SCHEDULE, { period: 'month', at: '2026-11-15', by: 'district' });
    expect(result.overall).toMatchObject({ registered: 0, visitedRate: null, improvedRate: null });
    expect(result.rows).toEqual([]);
  });

  it('reads visits back as far as the longest interval before the period end', () => {
    expect(visitWindowStart(SCHEDULE, '2026-11-30', '2026-11-01')).toBe('2026-06-03');
  });
});
