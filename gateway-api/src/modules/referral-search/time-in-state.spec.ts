import { timeInState } from './time-in-state';

const step = (status: string, at: string) => ({ action: status, status, txId: at, at, mspId: 'm', hcode: 'h', role: 'nurse', actor: 'a' });

describe('timeInState', () => {
  it('adds up repeated statuses and ages the current one until now, whatever the step order', () => {
    const result = timeInState(
      {
        id: 'R',
        status: 'completed',
        steps: [step('arrived', '2026-11-25T10:00:00.000Z'), step('requested', '2026-11-25T08:00:00.000Z'), step('accepted', '2026-11-25T08:30:00.000Z'), step('completed', '2026-11-25T12:00:00.000Z')],
      },
      new Date('2026-11-25T12:30:00.000Z'),
    );
    expect(result.periods.map((p) => [p.status, p.minutes, p.leftAt])).toEqual([
      ['requested', 30, '2026-11-25T08:30:00.000Z'],
      ['accepted', 90, '2026-11-25T10:00:00.000Z'],
      ['arrived', 120, '2026-11-25T12:00:00.000Z'],
      ['completed', 30, null],
    ]);
    expect(result.currentStatusAgeMinutes).toBe(30);
  });

  it('handles a referral without steps', () => {
    expect(timeInState({ id: 'R', status: 'requested', steps: [] }, new Date())).toMatchObject({ periods: [], currentStatusSince: null, currentStatusAgeMinutes: null });
  });
});
