import { dueList } from './coc-due';
import { caseRecord, SCHEDULE } from './test-support/coc-fakes';

describe('dueList', () => {
  it('makes each team member a due date from their last visit (or the opening) and shows overdue visits first', () => {
    const bedridden = caseRecord({ id: 'C-1', openedOn: '2026-11-01', lastVisitOn: { volunteer: '2026-11-20' } });
    const homebound = caseRecord({ id: 'C-2', openedOn: '2026-11-01', adl: { ...caseRecord().adl, score: 8, group: 'homebound' } });
    const items = dueList([homebound, bedridden], SCHEDULE, '2026-11-30');
    expect(items[0]).toMatchObject({ caseId: 'C-2', teamRole: 'volunteer', daysOverdue: 15 });
    expect(items[1]).toMatchObject({ caseId: 'C-1', teamRole: 'volunteer', lastVisitOn: '2026-11-20', dueOn: '2026-11-27', status: 'overdue', daysOverdue: 3 });
    expect(items.find((i) => i.caseId === 'C-1' && i.teamRole === 'officer')).toMatchObject({ dueOn: '2026-12-01', status: 'due', daysOverdue: 0 });
    expect(items.find((i) => i.caseId === 'C-1' && i.teamRole === 'familyDoctor')).toMatchObject({ dueOn: '2027-01-30', status: 'upcoming' });
    expect(items.find((i) => i.caseId === 'C-2' && i.teamRole === 'volunteer')).toMatchObject({ dueOn: '2026-11-15', status: 'overdue', daysOverdue: 15 });
    expect(items.map((i) => i.daysOverdue)).toEqual([...items.map((i) => i.daysOverdue)].sort((a, b) => b - a));
  });

  it('keeps only one member’s own visits, skips closed cases and groups without a standard', () => {
    const cases = [
      caseRecord({ id: 'C-1' }),
      caseRecord({ id: 'C-2', status: 'closed' }),
      caseRecord({ id: 'C-3', adl: { ...caseRecord().adl, score: 15, group: 'socially-active' } }),
    ];
    const mine = dueList(cases, SCHEDULE, '2026-11-30', 'volunteer.03903');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ caseId: 'C-1', teamRole: 'volunteer', username: 'volunteer.03903', intervalDays: 7 });
  });
});
