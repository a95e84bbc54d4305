import { ApiError } from '../../http/api-error';
import type { Principal } from '../auth/auth-token';
import { DispatchingOutbox, FakeLineMessenger } from './line-messenger';
import { InMemoryRegistrationStore } from './registration-store';
import { InMemoryJobLog, ReminderScheduler } from './reminder-scheduler';
import { InMemorySessionStore } from './session-store';
import { cidOf, walletHarness } from './test-support/wallet-harness';

const nurse03889: Principal = { username: 'nurse.03889', role: 'nurse', hcode: '03889', mspId: 'BuddhasothornMSP' };
const nurseOther: Principal = { username: 'nurse.bangkhla', role: 'nurse', hcode: '11138', mspId: 'BangKhlaMSP' };
const auditor: Principal = { username: 'auditor.pho', role: 'auditor', hcode: '00024', mspId: 'ProvincialHealthOfficeMSP' };
const SATURDAY = '2026-12-05';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
  return 'OK';
}

describe('WalletService: units publish their sessions', () => {
  it('a published session adds bookable slots with its capacity, never overbooked', async () => {
    const sessions = new InMemorySessionStore();
    const h = await walletHarness({ sessions });
    expect((await h.service.slots({ hcode: '03889', service: 'flu-vaccine', from: SATURDAY, to: SATURDAY })).slots).toHaveLength(0);
    const published = await h.service.publishSession(nurse03889, { service: 'flu-vaccine', date: SATURDAY, times: ['10:00', '09:00'], capacity: 2 });
    expect(published).toMatchObject({ id: '03889.flu-vaccine.20261205', times: ['09:00', '10:00'], capacity: 2, booked: 0, publishedBy: 'nurse.03889' });
    const { slots } = await h.service.slots({ hcode: '03889', service: 'flu-vaccine', from: SATURDAY, to: SATURDAY });
    expect(slots.map((s) => [s.id, s.capacity, s.available])).toEqual([
      ['03889.flu-vaccine.20261205.0900', 2, 2],
      ['03889.flu-vaccine.20261205.1000', 2, 2],
    ]);
    const crowd = await h.crowd(10);
    const results = await Promise.allSettled(crowd.map(async (c) => h.service.book(c.id, { slotId: '03889.flu-vaccine.20261205.0900' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect((await h.service.unitSessions(nurse03889)).sessions[0]).toMatchObject({ booked: 2 });
    // restart: a new service on the same store loads the session again
    const again = await walletHarness({ sessions });
    expect(await again.service.loadPublishedSessions()).toBe(1);
    expect((await again.service.slots({ hcode: '03889', service: 'flu-vaccine', from: SATURDAY, to: SATURDAY })).slots).toHaveLength(2);
  });

  it('refuses bad sessions with a code and writes nothing', async () => {
    const sessions = new InMemorySessionStore();
    const h = await walletHarness({ sessions });
    const base = { service: 'flu-vaccine', date: SATURDAY, times: ['09:00'], capacity: 5 };
    expect(await codeOf(h.service.publishSession(auditor, base))).toBe('FORBIDDEN_ROLE');
    expect(await codeOf(h.service.publishSession(nurse03889, { ...base, service: 'x-ray' }))).toBe('UNKNOWN_SERVICE');
    expect(await codeOf(h.service.publishSession(nurse03889, { ...base, date: '2026-11-29' }))).toBe('SLOT_IN_PAST');
    expect(await codeOf(h.service.publishSession(nurse03889, { ...base, date: '2027-03-01' }))).toBe('SLOT_NOT_OPEN');
    // Tuesday 09:00 is already a weekly flu slot at a health centre
    expect(await codeOf(h.service.publishSession(nurse03889, { ...base, date: '2026-12-01' }))).toBe('SESSION_EXISTS');
    expect(await sessions.from('2026-01-01')).toHaveLength(0);
    await h.service.publishSession(nurse03889, base);
    expect(await codeOf(h.service.publishSession(nurse03889, { ...base, times: ['11:00'] }))).toBe('SESSION_EXISTS');
    const concurrent = await Promise.allSettled(Array.from({ length: 5 }, async () => h.service.publishSession(nurse03889, { ...base, service: 'dm-ht-screening' })));
    expect(concurrent.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await sessions.from('2026-01-01')).toHaveLength(2);
  });

  it('a session is withdrawn only by its unit and only without bookings', async () => {
    const h = await walletHarness();
    await h.service.publishSession(nurse03889, { service: 'flu-vaccine', date: SATURDAY, times: ['09:00'], capacity: 3 });
    expect(await codeOf(h.service.withdrawSession(nurseOther, '03889.flu-vaccine.20261205'))).toBe('FORBIDDEN_UNIT');
    expect(await codeOf(h.service.withdrawSession(nurse03889, '03889.flu-vaccine.20261206'))).toBe('SESSION_NOT_FOUND');
    const somchai = await h.byName('citizen.somchai');
    const { booking } = await h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261205.0900' });
    expect(await codeOf(h.service.withdrawSession(nurse03889, '03889.flu-vaccine.20261205'))).toBe('SESSION_HAS_BOOKINGS');
    await h.service.cancel(somchai.id, booking.id);
    expect(await h.service.withdrawSession(nurse03889, '03889.flu-vaccine.20261205')).toMatchObject({ withdrawn: true });
    expect(await codeOf(h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261205.0900' }))).toBe('SLOT_NOT_FOUND');
  });
});

describe('WalletService: pending registrations survive a restart', () => {
  it('a code sent before a restart confirms after it, once', async () => {
    const registrations = new InMemoryRegistrationStore();
    const before = await walletHarness({ registrations });
    const started = await before.service.register({ cid: '1101700207030', birthDate: '1980-02-02', sex: 'M', mobile: '0812345678', displayName: 'ผู้ทดสอบ', password: 'abc12345' });
    const otp = /(\d{6})/.exec(before.outbox.messages.at(-1)!.textTh)![1]!;
    const after = await walletHarness({ registrations }); // a new gateway process on the same store
    const results = await Promise.allSettled([after.service.confirmRegistration(started.registrationId, otp), after.service.confirmRegistration(started.registrationId, otp)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await registrations.get(started.registrationId)).toBeUndefined();
  });

  it('concurrent wrong guesses never exceed the limit, and expired registrations are purged', async () => {
    const registrations = new InMemoryRegistrationStore();
    const h = await walletHarness({ registrations });
    const started = await h.service.register({ cid: '1101700207030', birthDate: '1980-02-02', sex: 'M', mobile: '0812345678', displayName: 'ผู้ทดสอบ', password: 'abc12345' });
    const otp = /(\d{6})/.exec(h.outbox.messages.at(-1)!.textTh)![1]!;
    const wrong = otp === '123456' ? '654321' : '123456';
    const codes = await Promise.all(Array.from({ length: 20 }, async () => codeOf(h.service.confirmRegistration(started.registrationId, wrong))));
    expect(codes.filter((c) => c === 'OTP_INVALID')).toHaveLength(4);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(16);
    expect(await codeOf(h.service.confirmRegistration(started.registrationId, otp))).not.toBe('OK');
    await h.service.register({ cid: cidOf('152990001234'), birthDate: '1980-02-02', sex: 'F', mobile: '0812345679', displayName: 'y', password: 'abc12345' });
    h.clock.now = new Date(h.clock.now.getTime() + 6 * 60_000);
    expect(await h.service.purgeExpiredRegistrations()).toBe(1); // the voided one is gone already
    expect(await registrations.purgeExpired(h.clock.now.getTime())).toBe(0);
  });
});

describe('ReminderScheduler', () => {
  it('queues the next day\'s reminders once per day, after the run hour, and again after a restart only if unfinished', async () => {
    const h = await walletHarness({ now: new Date('2026-11-30T00:30:00.000Z') }); // 07:30 Thai time, Monday
    const somchai = await h.byName('citizen.somchai');
    await h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261201.0900' });
    await h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261203.0900' });
    const jobs = new InMemoryJobLog();
    const scheduler = new ReminderScheduler({ work: h.service, jobs, runAtHour: 9, now: () => h.clock.now });
    expect(await scheduler.tick()).toMatchObject({ ran: false, queued: 0 });
    h.clock.now = new Date('2026-11-30T02:05:00.000Z'); // 09:05
    expect(await scheduler.tick()).toMatchObject({ date: '2026-12-01', ran: true, queued: 1 });
    expect(await scheduler.tick()).toMatchObject({ ran: false });
    // a restarted gateway (new scheduler, same job log) does not run the day again
    const restarted = new ReminderScheduler({ work: h.service, jobs, runAtHour: 9, now: () => h.clock.now });
    expect(await restarted.tick()).toMatchObject({ ran: false });
    // a run that died before recording itself is run again, and sends nothing twice
    const lost = new ReminderScheduler({ work: h.service, jobs: new InMemoryJobLog(), runAtHour: 9, now: () => h.clock.now });
    expect(await lost.tick()).toMatchObject({ ran: true, queued: 0 });
    const reminders = h.outbox.messages.filter((m) => m.kind === 'reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.textTh).toContain('1/12/2569');
    // Wednesday's run picks Thursday's booking
    h.clock.now = new Date('2026-12-02T03:00:00.000Z');
    expect(await scheduler.tick()).toMatchObject({ date: '2026-12-03', ran: true, queued: 1 });
  });

  it('the timer ticks and stops', async () => {
    const calls: string[] = [];
    const scheduler = new ReminderScheduler({
      work: { queueRemindersFor: async (d) => (calls.push(d), Promise.resolve(0)), purgeExpiredRegistrations: async () => Promise.resolve(0) },
      jobs: new InMemoryJobLog(),
      runAtHour: 0,
      intervalMs: 10,
    });
    scheduler.start();
    await new Promise((r) => setTimeout(r, 50));
    await scheduler.stop();
    expect(calls).toHaveLength(1);
  });
});

describe('LINE adapter', () => {
  it('a citizen who linked LINE gets messages by LINE; SMS when LINE fails', async () => {
    const line = new FakeLineMessenger();
    const h = await walletHarness({ deliver: (record) => new DispatchingOutbox(record, line) });
    const somchai = await h.byName('citizen.somchai');
    const lineId = `U${'a'.repeat(32)}`;
    expect(await h.service.setLineUserId(somchai.id, lineId)).toMatchObject({ lineLinked: true });
    await h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261201.0900' });
    expect(line.pushed).toEqual([{ to: lineId, text: expect.stringContaining('ยืนยันการจอง') as unknown as string }]);
    expect(h.outbox.messages.at(-1)).toMatchObject({ channel: 'line', to: lineId, delivery: 'line-sent' });
    line.failing = true;
    await h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261201.0930' });
    expect(h.outbox.messages.at(-1)).toMatchObject({ channel: 'sms', to: somchai.mobile, delivery: 'sms-fallback' });
    expect(h.outbox.messages.at(-1)).not.toHaveProperty('fallbackTo');
    await h.service.setLineUserId(somchai.id, null);
    line.failing = false;
    await h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261201.1000' });
    expect(line.pushed).toHaveLength(1);
    expect(h.outbox.messages.at(-1)).toMatchObject({ channel: 'sms', to: somchai.mobile });
  });

  it('LINE is off by default; without LINE a line message goes by SMS', async () => {
    const { lineSettingsFrom } = await import('./line-messenger');
    expect(lineSettingsFrom({}).enabled).toBe(false);
    expect(lineSettingsFrom({ WALLET_LINE_ENABLED: '1' }).enabled).toBe(false);
    expect(lineSettingsFrom({ WALLET_LINE_ENABLED: '1', WALLET_LINE_TOKEN: 't' })).toMatchObject({ enabled: true, endpoint: 'https://api.line.me/v2/bot/message/push' });
    const h = await walletHarness({ deliver: (record) => new DispatchingOutbox(record) });
    const somchai = await h.byName('citizen.somchai');
    await h.service.setLineUserId(somchai.id, `U${'b'.repeat(32)}`);
    await h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261201.0900' });
    expect(h.outbox.messages.at(-1)).toMatchObject({ channel: 'sms', delivery: 'sms-fallback' });
  });

  it('the HTTP adapter posts a LINE push message to the configured endpoint', async () => {
    const { HttpLineMessenger } = await import('./line-messenger');
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const fake = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return Promise.resolve(new Response('{}', { status: 200 }));
    }) as unknown as typeof fetch;
    await new HttpLineMessenger({ enabled: true, endpoint: 'http://127.0.0.1:9/push', channelAccessToken: 'tok', timeoutMs: 1000 }, fake).push('Uabc', 'สวัสดี');
    expect(seen[0]!.url).toBe('http://127.0.0.1:9/push');
    expect(JSON.parse(String(seen[0]!.init.body))).toEqual({ to: 'Uabc', messages: [{ type: 'text', text: 'สวัสดี' }] });
    expect((seen[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });
});
