import { addDays, bangkokDay, earliestDay, itemProblems, newPlanId, nextCustodySteps, nextOpenCycle, type RefillCycle } from './refill';

const cycle = (n: number, dispensedAt?: string): RefillCycle =>
  ({
    planId: 'RX-1',
    cycle: n,
    dueDate: '2026-01-05',
    channel: 'hospital-pharmacy',
    unitHcode: '10697',
    status: dispensedAt ? 'dispensed' : 'scheduled',
    channelChanges: [],
    ...(dispensedAt ? { dispense: { at: dispensedAt } } : {}),
  }) as unknown as RefillCycle;

describe('refill helpers', () => {
  it('finds the next open cycle', () => {
    expect(nextOpenCycle([cycle(2), cycle(1, '2026-01-05T03:00:00Z'), cycle(3)])?.cycle).toBe(2);
    expect(nextOpenCycle([cycle(1, '2026-01-05T03:00:00Z')])).toBeUndefined();
  });

  it('computes the earliest day like the chaincode (Bangkok days, tolerance)', () => {
    const plan = { startDate: '2026-01-05', intervalDays: 28 };
    expect(earliestDay(plan, [], 1, 7)).toBe('2025-12-29');
    expect(earliestDay(plan, [cycle(1, '2026-01-05T16:30:00Z')], 2, 7)).toBe('2026-01-26');
    expect(earliestDay(plan, [cycle(1)], 2, 7)).toBeUndefined();
  });

  it('checks item lists', () => {
    expect(itemProblems([])).toEqual(['empty']);
    expect(itemProblems([{ tmtId: '990001', quantity: 0 }, { tmtId: '990001', quantity: 2 }])).toEqual(['duplicate', 'quantity']);
    expect(itemProblems([{ tmtId: '990001', quantity: 30 }])).toEqual([]);
  });

  it('offers the custody steps the chaincode allows', () => {
    expect(nextCustodySteps('post', 'dispensed')).toEqual(['packed']);
    expect(nextCustodySteps('volunteer', 'picked-up')).toEqual(['delivered', 'returned']);
    expect(nextCustodySteps('post', 'delivered')).toEqual([]);
    expect(nextCustodySteps('hospital-pharmacy', 'dispensed')).toEqual([]);
  });

  it('formats days and ids', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(bangkokDay('2026-01-05T17:00:00Z')).toBe('2026-01-06');
    expect(newPlanId(() => 'abc')).toBe('RX-abc');
  });
});
