import type { VisitForm } from './coc-models';
import { adlGroupOf, barthelTotal } from './coc-models';
import { MemoryQueueStore, VisitQueue, type SendOutcome } from './visit-queue';

const visit = (visitId: string): VisitForm => ({ visitId, caseId: 'C-1', visitedOn: '2026-11-30', details: { attendees: ['ญาติ'], careGiven: 'ทำแผล' } });

function queueWith(answers: Record<string, SendOutcome | 'throw'>): { queue: VisitQueue; store: MemoryQueueStore; sent: string[] } {
  const store = new MemoryQueueStore();
  const sent: string[] = [];
  let clock = 0;
  const queue = new VisitQueue({
    store,
    now: () => new Date(Date.UTC(2026, 10, 30, 0, 0, clock++)),
    send: (v) => {
      sent.push(v.visitId);
      const a = answers[v.visitId] ?? { status: 201 };
      return a === 'throw' ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(a);
    },
  });
  return { queue, store, sent };
}

describe('VisitQueue', () => {
  it('sends queued visits oldest first and empties the queue', async () => {
    const { queue, sent } = queueWith({});
    await queue.add(visit('V-1'));
    await queue.add(visit('V-2'));
    expect(await queue.sync()).toEqual({ synced: 2, alreadyRecorded: 0, conflicts: 0, waiting: 0 });
    expect(sent).toEqual(['V-1', 'V-2']);
    expect(await queue.items()).toEqual([]);
  });

  it('treats a repeated sync of the same content as done (idempotent by the visit id)', async () => {
    const { queue } = queueWith({ 'V-1': { status: 409, error: { code: 'COC_VISIT_EXISTS', details: { sameContent: true } } } });
    await queue.add(visit('V-1'));
    expect(await queue.sync()).toMatchObject({ alreadyRecorded: 1, conflicts: 0 });
    expect(await queue.items()).toEqual([]);
  });

  it('keeps a refused visit as a conflict with the code, and goes on with the others', async () => {
    const { queue } = queueWith({
      'V-1': { status: 409, error: { code: 'COC_CASE_CLOSED', message: 'case C-1 was closed' } },
      'V-2': { status: 409, error: { code: 'COC_VISIT_EXISTS', details: { sameContent: false } } },
    });
    await queue.add(visit('V-1'));
    await queue.add(visit('V-2'));
    await queue.add(visit('V-3'));
    expect(await queue.sync()).toEqual({ synced: 1, alreadyRecorded: 0, conflicts: 2, waiting: 0 });
    const items = await queue.items();
    expect(items.map((i) => [i.visit.visitId, i.state, i.conflict?.code])).toEqual([
      ['V-1', 'conflict', 'COC_CASE_CLOSED'],
      ['V-2', 'conflict', 'COC_VISIT_EXISTS'],
    ]);
    expect(items[0]?.visit).toEqual(visit('V-1'));
    // a later sync does not resend conflicts; the user may retry or discard them
    expect(await queue.sync()).toEqual({ synced: 0, alreadyRecorded: 0, conflicts: 0, waiting: 0 });
    await queue.retry('V-1');
    expect((await queue.items())[0]?.state).toBe('pending');
    await queue.discard('V-2');
    expect((await queue.items()).map((i) => i.visit.visitId)).toEqual(['V-1']);
  });

  it('stops at the first network failure or 5xx and keeps the rest pending', async () => {
    const { queue, sent } = queueWith({ 'V-2': 'throw' });
    await queue.add(visit('V-1'));
    await queue.add(visit('V-2'));
    await queue.add(visit('V-3'));
    expect(await queue.sync()).toEqual({ synced: 1, alreadyRecorded: 0, conflicts: 0, waiting: 2 });
    expect(sent).toEqual(['V-1', 'V-2']);
    const items = await queue.items();
    expect(items.map((i) => [i.visit.visitId, i.state, i.attempts])).toEqual([
      ['V-2', 'pending', 1],
      ['V-3', 'pending', 0],
    ]);
    const again = queueWith({ 'V-1': { status: 503, error: { code: 'LEDGER_UNAVAILABLE' } } });
    await again.queue.add(visit('V-1'));
    expect(await again.queue.sync()).toMatchObject({ waiting: 1 });
  });

  it('runs one sync at a time', async () => {
    const { queue, sent } = queueWith({});
    await queue.add(visit('V-1'));
    const [a, b] = await Promise.all([queue.sync(), queue.sync()]);
    expect(a).toBe(b);
    expect(sent).toEqual(['V-1']);
  });

  it('syncs a queue of 50 visits', async () => {
    const { queue } = queueWith({});
    for (let i = 0; i < 50; i += 1) await queue.add(visit(`V-${String(i).padStart(2, '0')}`));
    expect((await queue.sync()).synced).toBe(50);
  });
});

describe('Barthel helpers', () => {
  it('totals the items and groups the score', () => {
    expect(barthelTotal({ feeding: 2, transfer: 3 })).toBe(5);
    expect(adlGroupOf(4)).toBe('bedridden');
    expect(adlGroupOf(5)).toBe('homebound');
    expect(adlGroupOf(12)).toBe('socially-active');
  });
});
