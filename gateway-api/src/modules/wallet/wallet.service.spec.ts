import { ApiError } from '../../http/api-error';
import type { Principal } from '../auth/auth-token';
import type { CareLedgerReader } from './care-ledger-reader';
import { FLU_SLOT, DEMO_PASSWORD, walletHarness, cidOf } from './test-support/wallet-harness';

const nurse03889: Principal = { username: 'nurse.03889', role: 'nurse', hcode: '03889', mspId: 'BuddhasothornMSP' };
const nurseOther: Principal = { username: 'nurse.bangkhla', role: 'nurse', hcode: '11138', mspId: 'BangKhlaMSP' };
const auditor: Principal = { username: 'auditor.pho', role: 'auditor', hcode: '00024', mspId: 'ProvincialHealthOfficeMSP' };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
  return 'OK';
}

describe('WalletService: booking never overbooks', () => {
  it('100 concurrent requests for the last 3 seats give exactly 3 bookings', async () => {
    const h = await walletHarness();
    const [a, b, ...rest] = await h.crowd(102);
    await h.service.book(a!.id, { slotId: FLU_SLOT });
    await h.service.book(b!.id, { slotId: FLU_SLOT });
    const results = await Promise.allSettled(rest.map(async (c) => h.service.book(c.id, { slotId: FLU_SLOT })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(3);
    expect(new Set(failed.map((f) => (f.reason as ApiError).code))).toEqual(new Set(['SLOT_FULL']));
    const counts = await h.bookings.countActive([FLU_SLOT]);
    expect(counts.get(FLU_SLOT)).toBe(5);
    const seats = (await Promise.all([a, b, ...rest].map(async (c) => h.bookings.byCitizen(c!.id)))).flat().map((x) => x.seat);
    expect(seats.sort()).toEqual([1, 2, 3, 4, 5]);
    const { slots } = await h.service.slots({ hcode: '03889', service: 'flu-vaccine', from: '2026-12-01', to: '2026-12-01' });
    expect(slots.find((s) => s.id === FLU_SLOT)).toMatchObject({ capacity: 5, booked: 5, available: 0 });
  });

  it('the same citizen sending the same booking 10 times at once gets one booking', async () => {
    const h = await walletHarness();
    const [c] = await h.crowd(1);
    const results = await Promise.allSettled(Array.from({ length: 10 }, async () => h.service.book(c!.id, { slotId: FLU_SLOT })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as ApiError).code)).toEqual(Array(9).fill('ALREADY_BOOKED'));
    expect((await h.bookings.countActive([FLU_SLOT])).get(FLU_SLOT)).toBe(1);
  });

  it('a client-chosen requestId makes retries idempotent, and cannot be reused for another slot', async () => {
    const h = await walletHarness();
    const somchai = await h.byName('citizen.somchai');
    const first = await h.service.book(somchai.id, { slotId: FLU_SLOT, requestId: 'retry-me-0001' });
    const again = await h.service.book(somchai.id, { slotId: FLU_SLOT, requestId: 'retry-me-0001' });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, booking: { id: 'retry-me-0001', seat: first.booking.seat } });
    expect(await codeOf(h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261203.0900', requestId: 'retry-me-0001' }))).toBe('BOOKING_EXISTS');
    const concurrent = await Promise.all(Array.from({ length: 5 }, async () => h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261201.0930', requestId: 'retry-me-0002' })));
    expect(concurrent.filter((r) => r.created)).toHaveLength(1);
    expect((await h.bookings.countActive(['03889.flu-vaccine.20261201.0930'])).get('03889.flu-vaccine.20261201.0930')).toBe(1);
  });

  it('refuses bad bookings with a specific code and writes nothing', async () => {
    const h = await walletHarness();
    const somchai = await h.byName('citizen.somchai');
    const malee = await h.byName('citizen.malee');
    const anan = await h.byName('citizen.anan');
    expect(await codeOf(h.service.book(somchai.id, { slotId: '10697.flu-vaccine.20261130.0900' }))).toBe('SLOT_IN_PAST'); // today, 1 h ago
    expect(await codeOf(h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261126.0900' }))).toBe('SLOT_IN_PAST'); // last Thursday
    expect(await codeOf(h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261202.0900' }))).toBe('SLOT_NOT_FOUND'); // Wednesday: no flu session
    expect(await codeOf(h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261201.0915' }))).toBe('SLOT_NOT_FOUND');
    expect(await codeOf(h.service.book(somchai.id, { slotId: '99999.flu-vaccine.20261201.0900' }))).toBe('SLOT_NOT_FOUND');
    expect(await codeOf(h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20270302.0900' }))).toBe('SLOT_NOT_OPEN');
    const notEligible = h.service.book(malee.id, { slotId: FLU_SLOT });
    await expect(notEligible).rejects.toMatchObject({ code: 'NOT_ELIGIBLE', status: 422 });
    const err = (await notEligible.catch((e: unknown) => e)) as ApiError;
    expect((err.details as { rules: Array<{ id: string }> }).rules.map((r) => r.id)).toContain('flu-age65-v1');
    expect(await codeOf(h.service.book(anan.id, { slotId: '10697.dm-ht-screening.20261201.0800' }))).toBe('NOT_ELIGIBLE');
    await h.service.book(somchai.id, { slotId: FLU_SLOT });
    expect(await codeOf(h.service.book(somchai.id, { slotId: FLU_SLOT }))).toBe('ALREADY_BOOKED');
    for (const c of [somchai, malee, anan]) expect((await h.bookings.byCitizen(c.id)).length).toBe(c.id === somchai.id ? 1 : 0);
    expect(h.outbox.messages.filter((m) => m.kind === 'booking-confirmed')).toHaveLength(1);
  });

  it('self-pay services are open to everyone', async () => {
    const h = await walletHarness();
    const anan = await h.byName('citizen.anan');
    const { booking } = await h.service.book(anan.id, { slotId: '10697.general-checkup.20261201.1300' });
    expect(booking).toMatchObject({ status: 'booked', hcode: '10697', unitNameTh: 'โรงพยาบาลพุทธโสธร', serviceNameTh: 'ตรวจสุขภาพทั่วไป (ชำระเอง)' });
    expect(booking).not.toHaveProperty('citizenId');
    expect(booking).not.toHaveProperty('seatKey');
  });
});

describe('WalletService: cancel, reschedule, waiting list', () => {
  it('a cancelled seat goes to the first on the waiting list, and is never double-filled', async () => {
    const h = await walletHarness();
    const crowd = await h.crowd(8);
    const booked = [];
    for (const c of crowd.slice(0, 5)) booked.push((await h.service.book(c.id, { slotId: FLU_SLOT })).booking);
    expect(await codeOf(h.service.book(crowd[5]!.id, { slotId: FLU_SLOT }))).toBe('SLOT_FULL');
    expect(await h.service.joinWaitingList(crowd[5]!.id, FLU_SLOT)).toEqual({ slotId: FLU_SLOT, position: 1 });
    h.clock.now = new Date(h.clock.now.getTime() + 1000);
    expect(await h.service.joinWaitingList(crowd[6]!.id, FLU_SLOT)).toEqual({ slotId: FLU_SLOT, position: 2 });
    expect(await codeOf(h.service.joinWaitingList(crowd[6]!.id, FLU_SLOT))).toBe('ALREADY_WAITING');
    expect(await codeOf(h.service.joinWaitingList(crowd[0]!.id, FLU_SLOT))).toBe('ALREADY_BOOKED');
    // two cancellations at once: both waiting citizens get a seat, the slot stays at capacity
    await Promise.all([h.service.cancel(crowd[0]!.id, booked[0]!.id), h.service.cancel(crowd[1]!.id, booked[1]!.id)]);
    expect((await h.bookings.countActive([FLU_SLOT])).get(FLU_SLOT)).toBe(5);
    const promoted = [...(await h.bookings.byCitizen(crowd[5]!.id)), ...(await h.bookings.byCitizen(crowd[6]!.id))];
    expect(promoted.map((b) => [b.via, b.status])).toEqual([
      ['waiting-list', 'booked'],
      ['waiting-list', 'booked'],
    ]);
    expect(await h.bookings.waitingFor(FLU_SLOT)).toEqual([]);
    expect(h.outbox.messages.filter((m) => m.kind === 'waiting-list-seat')).toHaveLength(2);
    expect(await codeOf(h.service.cancel(crowd[0]!.id, booked[0]!.id))).toBe('BOOKING_NOT_ACTIVE');
  });

  it('joining the waiting list of a slot with free seats is refused', async () => {
    const h = await walletHarness();
    const somchai = await h.byName('citizen.somchai');
    expect(await codeOf(h.service.joinWaitingList(somchai.id, FLU_SLOT))).toBe('SLOT_HAS_SEATS');
  });

  it("another citizen's booking is answered like a missing one", async () => {
    const h = await walletHarness();
    const somchai = await h.byName('citizen.somchai');
    const nida = await h.byName('citizen.nida');
    const { booking } = await h.service.book(somchai.id, { slotId: FLU_SLOT });
    expect(await codeOf(h.service.cancel(nida.id, booking.id))).toBe('BOOKING_NOT_FOUND');
    expect(await codeOf(h.service.reschedule(nida.id, booking.id, '03889.flu-vaccine.20261203.0900'))).toBe('BOOKING_NOT_FOUND');
    expect(await codeOf(h.service.cancel(nida.id, 'no-such-booking'))).toBe('BOOKING_NOT_FOUND');
    expect((await h.bookings.get(booking.id))?.status).toBe('booked');
  });

  it('reschedule takes the new seat first, then frees the old one; a full target leaves the old booking', async () => {
    const h = await walletHarness();
    const somchai = await h.byName('citizen.somchai');
    const { booking } = await h.service.book(somchai.id, { slotId: FLU_SLOT });
    const moved = await h.service.reschedule(somchai.id, booking.id, '03889.flu-vaccine.20261203.0900');
    expect(moved).toMatchObject({ slotId: '03889.flu-vaccine.20261203.0900', rescheduledFrom: booking.id, status: 'booked' });
    expect((await h.bookings.get(booking.id))?.status).toBe('cancelled');
    const crowd = await h.crowd(5);
    for (const c of crowd) await h.service.book(c.id, { slotId: '03889.flu-vaccine.20261201.1000' });
    expect(await codeOf(h.service.reschedule(somchai.id, moved.id, '03889.flu-vaccine.20261201.1000'))).toBe('SLOT_FULL');
    expect((await h.bookings.get(moved.id))?.status).toBe('booked');
    expect(await codeOf(h.service.reschedule(somchai.id, booking.id, '03889.flu-vaccine.20261201.1030'))).toBe('BOOKING_NOT_ACTIVE');
  });

  it('cannot cancel once the appointment has started', async () => {
    const h = await walletHarness();
    const somchai = await h.byName('citizen.somchai');
    const { booking } = await h.service.book(somchai.id, { slotId: FLU_SLOT });
    h.clock.now = new Date('2026-12-01T02:30:00.000Z'); // 09:30 Thai time
    expect(await codeOf(h.service.cancel(somchai.id, booking.id))).toBe('SLOT_IN_PAST');
  });
});

describe('WalletService: desk (check-in by Health ID, no-show) and reminders', () => {
  it('checks a citizen in by QR token or short code at the unit of the booking, once', async () => {
    const h = await walletHarness();
    const somchai = await h.byName('citizen.somchai');
    const { booking } = await h.service.book(somchai.id, { slotId: FLU_SLOT });
    h.clock.now = new Date('2026-12-01T01:45:00.000Z'); // 08:45 on the day
    const card = await h.service.healthIdCard(somchai.id);
    expect(await codeOf(h.service.checkIn(nurseOther, card.token))).toBe('NO_BOOKING_TODAY');
    expect(await codeOf(h.service.checkIn(auditor, card.token))).toBe('FORBIDDEN_ROLE');
    const context = await h.service.resolve(nurse03889, card.shortCode);
    expect(context).toMatchObject({ healthId: somchai.healthId, displayName: 'สมชาย ใจดี', age: 71 });
    expect(JSON.stringify(context)).not.toContain('1109900123473');
    const done = await h.service.checkIn(nurse03889, card.token);
    expect(done).toMatchObject({ id: booking.id, status: 'checked-in' });
    expect(await codeOf(h.service.checkIn(nurse03889, card.shortCode))).toBe('NO_BOOKING_TODAY');
  });

  it('answers expired and forged Health ID proofs with their codes', async () => {
    const h = await walletHarness();
    const somchai = await h.byName('citizen.somchai');
    const card = await h.service.healthIdCard(somchai.id);
    expect(await codeOf(h.service.resolve(nurse03889, card.token.slice(0, -3) + 'abc'))).toBe('HEALTH_ID_INVALID');
    expect(await codeOf(h.service.resolve(nurse03889, `${somchai.healthId}-000000`))).toMatch(/HEALTH_ID_INVALID|OK/);
    h.clock.now = new Date(h.clock.now.getTime() + 11 * 60 * 1000);
    expect(await codeOf(h.service.resolve(nurse03889, card.token))).toBe('HEALTH_ID_EXPIRED');
    expect(await codeOf(h.service.resolve(nurse03889, card.shortCode))).toBe('HEALTH_ID_EXPIRED');
  });

  it('marks a no-show only after the slot time, only at its unit', async () => {
    const h = await walletHarness();
    const somchai = await h.byName('citizen.somchai');
    const { booking } = await h.service.book(somchai.id, { slotId: FLU_SLOT });
    expect(await codeOf(h.service.noShow(nurse03889, booking.id))).toBe('INVALID_TRANSITION');
    h.clock.now = new Date('2026-12-01T05:00:00.000Z');
    expect(await codeOf(h.service.noShow(nurseOther, booking.id))).toBe('FORBIDDEN_UNIT');
    expect(await codeOf(h.service.noShow(nurse03889, 'missing-booking'))).toBe('BOOKING_NOT_FOUND');
    expect(await h.service.noShow(nurse03889, booking.id)).toMatchObject({ status: 'no-show' });
    expect(await codeOf(h.service.noShow(nurse03889, booking.id))).toBe('BOOKING_NOT_ACTIVE');
    const day = await h.service.unitDay(nurse03889, '2026-12-01');
    expect(day.bookings.map((b) => b.status)).toEqual(['no-show']);
  });

  it('queues one reminder per booking starting within a day, even when run twice at once', async () => {
    const h = await walletHarness();
    const somchai = await h.byName('citizen.somchai');
    await h.service.book(somchai.id, { slotId: FLU_SLOT }); // tomorrow 09:00
    await h.service.book(somchai.id, { slotId: '03889.flu-vaccine.20261203.0900' }); // in 3 days
    const [a, b] = await Promise.all([h.service.queueReminders(), h.service.queueReminders()]);
    expect(a + b).toBe(1);
    const reminders = h.outbox.messages.filter((m) => m.kind === 'reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ channel: 'sms', to: '0810000001' });
    expect(reminders[0]!.textTh).toContain('1/12/2569');
  });
});

describe('WalletService: accounts', () => {
  it('registers with a national ID, a one-time code from the SMS outbox, and keeps only the pseudonym', async () => {
    const h = await walletHarness();
    const cid = cidOf('123456789012');
    const started = await h.service.register({ cid, birthDate: '1990-05-05', sex: 'F', mobile: '0891234567', displayName: 'ทดสอบ ระบบ', password: 'abc12345' });
    const otp = /(\d{6})/.exec(h.outbox.messages.at(-1)!.textTh)![1]!;
    expect(await codeOf(h.service.confirmRegistration(started.registrationId, otp === '000000' ? '111111' : '000000'))).toBe('OTP_INVALID');
    const citizen = await h.service.confirmRegistration(started.registrationId, otp);
    expect(citizen.pseudonym).toBe(h.pseudonyms.fromCid(cid));
    expect(JSON.stringify(citizen)).not.toContain(cid);
    expect(citizen.healthId).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect((await h.service.login(cid, 'abc12345')).id).toBe(citizen.id);
    expect(await codeOf(h.service.confirmRegistration(started.registrationId, otp))).toBe('OTP_INVALID');
    expect(await codeOf(h.service.register({ cid, birthDate: '1990-05-05', sex: 'F', mobile: '0891234567', displayName: 'x', password: 'abc12345' }))).toBe('CITIZEN_EXISTS');
  });

  it('refuses a bad national ID, a weak password, a future birth date, an expired code, and too many wrong codes', async () => {
    const h = await walletHarness();
    const base = { birthDate: '1990-05-05', sex: 'M' as const, mobile: '0891234567', displayName: 'x', password: 'abc12345' };
    expect(await codeOf(h.service.register({ ...base, cid: '1234567890123' }))).toBe('INVALID_CID');
    expect(await codeOf(h.service.register({ ...base, cid: cidOf('223456789012'), password: 'password' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(h.service.register({ ...base, cid: cidOf('223456789012'), birthDate: '2027-01-01' }))).toBe('INVALID_ARGUMENT');
    expect(h.outbox.messages).toHaveLength(0);
    const expiring = await h.service.register({ ...base, cid: cidOf('223456789012') });
    h.clock.now = new Date(h.clock.now.getTime() + 6 * 60 * 1000);
    const otp = /(\d{6})/.exec(h.outbox.messages.at(-1)!.textTh)![1]!;
    expect(await codeOf(h.service.confirmRegistration(expiring.registrationId, otp))).toBe('OTP_EXPIRED');
    const guessed = await h.service.register({ ...base, cid: cidOf('323456789012') });
    const real = /(\d{6})/.exec(h.outbox.messages.at(-1)!.textTh)![1]!;
    const wrong = real === '123456' ? '654321' : '123456';
    const codes = [];
    for (let i = 0; i < 5; i += 1) codes.push(await codeOf(h.service.confirmRegistration(guessed.registrationId, wrong)));
    expect(codes).toEqual(['OTP_INVALID', 'OTP_INVALID', 'OTP_INVALID', 'OTP_INVALID', 'TOO_MANY_ATTEMPTS']);
    expect(await codeOf(h.service.confirmRegistration(guessed.registrationId, real))).toBe('OTP_INVALID');
  });

  it('locks a username out after 5 wrong passwords', async () => {
    const h = await walletHarness();
    expect((await h.service.login('citizen.malee', DEMO_PASSWORD)).username).toBe('citizen.malee');
    for (let i = 0; i < 5; i += 1) expect(await codeOf(h.service.login('citizen.malee', 'wrong'))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(h.service.login('citizen.malee', DEMO_PASSWORD))).toBe('TOO_MANY_ATTEMPTS');
    h.clock.now = new Date(h.clock.now.getTime() + 16 * 60 * 1000);
    expect((await h.service.login('citizen.malee', DEMO_PASSWORD)).username).toBe('citizen.malee');
    expect((await h.service.login('3249900234581', DEMO_PASSWORD)).username).toBe('citizen.malee');
    expect(await codeOf(h.service.login('nobody', DEMO_PASSWORD))).toBe('INVALID_CREDENTIALS');
  });

  it('declared risk groups change eligibility; unknown groups are refused', async () => {
    const h = await walletHarness();
    const anan = await h.byName('citizen.anan');
    expect(await codeOf(h.service.book(anan.id, { slotId: FLU_SLOT }))).toBe('NOT_ELIGIBLE');
    expect(await codeOf(h.service.setRiskGroups(anan.id, ['vampire']))).toBe('INVALID_ARGUMENT');
    await h.service.setRiskGroups(anan.id, ['obesity']);
    const benefits = (await h.service.benefits(anan.id)) as { eligible: Array<{ service: string; rules: Array<{ id: string; reasonTh: string }> }> };
    expect(benefits.eligible.find((e) => e.service === 'flu-vaccine')?.rules[0]).toMatchObject({ id: 'flu-obesity-v1' });
    expect((await h.service.book(anan.id, { slotId: FLU_SLOT })).created).toBe(true);
  });
});

describe('WalletService: nearest units and history', () => {
  it('lists the nearest units by tambon or location, filtered by service', async () => {
    const h = await walletHarness();
    const near = h.service.nearest({ tambon: '03889', limit: 3 }) as { units: Array<{ hcode: string; distanceKm: number; services: unknown[]; openingHours: unknown }> };
    expect(near.units[0]).toMatchObject({ hcode: '03889', distanceKm: 0 });
    expect(near.units).toHaveLength(3);
    expect(near.units[1]!.distanceKm).toBeGreaterThan(0);
    const colorectal = h.service.nearest({ lat: 13.6889, lng: 101.0774, service: 'colorectal-fit', limit: 20 }) as { units: Array<{ hcode: string }> };
    expect(colorectal.units.every((u) => h.units.find(u.hcode)?.type === 'hospital')).toBe(true);
    expect(colorectal.units[0]!.hcode).toBe('10697');
    expect(() => h.service.nearest({ tambon: '99999' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_TAMBON' }));
    expect(() => h.service.nearest({ lat: 13.7, lng: 101, service: 'massage' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_SERVICE' }));
    expect(h.service.tambons().length).toBeGreaterThan(80);
  });

  it('shows bookings, referrals about me and every ledger step in plain Thai, found through the pseudonym', async () => {
    const seen: string[] = [];
    const careLedger: CareLedgerReader = {
      referralsAbout: async (pseudonym) => {
        seen.push(pseudonym);
        return Promise.resolve([
          {
            id: 'R-1',
            kind: 'referral',
            status: 'accepted',
            fromHcode: '11138',
            toHcode: '10697',
            priority: 3,
            createdAt: '2026-11-20T02:00:00.000Z',
            updatedAt: '2026-11-20T05:00:00.000Z',
            blockNumber: 12,
            steps: [
              { action: 'create', status: 'requested', txId: 'tx-a', at: '2026-11-20T02:00:00.000Z', mspId: 'BangKhlaMSP', hcode: '11138', role: 'clinician' },
              { action: 'accept', status: 'accepted', txId: 'tx-b', at: '2026-11-20T05:00:00.000Z', mspId: 'BuddhasothornMSP', hcode: '10697', role: 'nurse' },
            ],
          },
        ]);
      },
    };
    const h = await walletHarness({ careLedger });
    const somchai = await h.byName('citizen.somchai');
    await h.service.book(somchai.id, { slotId: FLU_SLOT });
    const history = (await h.service.history(somchai.id)) as { bookings: unknown[]; referrals: unknown[]; ledgerEvents: Array<{ txId: string; textTh: string }>; ledgerAvailable: boolean };
    expect(seen).toEqual([h.pseudonyms.fromCid('1109900123473')]);
    expect(history.bookings).toHaveLength(1);
    expect(history.referrals).toEqual([expect.objectContaining({ id: 'R-1', status: 'accepted', to: { hcode: '10697', nameTh: 'โรงพยาบาลพุทธโสธร' } })]);
    expect(history.ledgerEvents.map((e) => e.txId)).toEqual(['tx-b', 'tx-a']);
    expect(history.ledgerEvents[0]!.textTh).toBe('โรงพยาบาลพุทธโสธร (พยาบาล) ตอบรับการส่งตัว (ใบส่งตัว R-1)');
    expect(history.ledgerAvailable).toBe(true);
  });

  it('history still answers when the ledger projection is unreachable', async () => {
    const h = await walletHarness({ careLedger: { referralsAbout: async () => Promise.reject(new Error('down')) } });
    const somchai = await h.byName('citizen.somchai');
    expect(await h.service.history(somchai.id)).toMatchObject({ ledgerAvailable: false, ledgerEvents: [] });
  });
});
