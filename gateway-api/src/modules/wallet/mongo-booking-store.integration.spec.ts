/**
 * The overbooking guarantee against a real store (FerretDB or MongoDB) when MONGODB_TEST_URI names a
 * scratch database, e.g. MONGODB_TEST_URI=mongodb://127.0.0.1:27017/wallet_test. Dropped before and after.
 * Skipped otherwise (the same scenarios run on the in-memory store with identical unique indexes).
 */
import mongoose, { type Connection } from 'mongoose';
import { MongoBookingStore, walletBookingModels } from './mongo-booking-store';
import { MongoRegistrationStore, walletRegistrationModel } from './registration-store';
import { MongoJobLog, walletJobModel } from './reminder-scheduler';
import { MongoSessionStore, walletSessionModel } from './session-store';
import { cidOf, FLU_SLOT, walletHarness } from './test-support/wallet-harness';

const uri = process.env.MONGODB_TEST_URI;
const suite = uri === undefined || uri === '' ? describe.skip : describe;

suite('MongoBookingStore against a live store', () => {
  let connection: Connection;
  let store: MongoBookingStore;

  beforeAll(async () => {
    connection = await mongoose.createConnection(uri ?? '', { serverSelectionTimeoutMS: 5000 }).asPromise();
    await connection.dropDatabase();
    store = new MongoBookingStore(walletBookingModels(connection));
    await store.createIndexes();
  }, 30_000);

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('100 concurrent requests for the last 3 seats give exactly 3 bookings', async () => {
    const h = await walletHarness({ bookings: store });
    const [a, b, ...rest] = await h.crowd(102);
    await h.service.book(a!.id, { slotId: FLU_SLOT });
    await h.service.book(b!.id, { slotId: FLU_SLOT });
    const started = Date.now();
    const results = await Promise.allSettled(rest.map(async (c) => h.service.book(c.id, { slotId: FLU_SLOT })));
    const elapsed = Date.now() - started;
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect((await store.countActive([FLU_SLOT])).get(FLU_SLOT)).toBe(5);
    process.stdout.write(`wallet overbooking test: 100 concurrent bookings for 3 seats in ${String(elapsed)} ms\n`);
  }, 60_000);

  it('frees the seat on cancel and refuses a second active booking of the same citizen', async () => {
    const h = await walletHarness({ bookings: store });
    const [c] = await h.crowd(1);
    const slot = '03889.flu-vaccine.20261203.0900';
    const results = await Promise.allSettled(Array.from({ length: 10 }, async () => h.service.book(c!.id, { slotId: slot })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [booking] = await store.byCitizen(c!.id);
    await h.service.cancel(c!.id, booking!.id);
    const again = await h.service.book(c!.id, { slotId: slot });
    expect(await store.takenSeats(slot)).toEqual([again.booking.seat]);
  }, 60_000);

  it('ten concurrent cancellations of one booking: one succeeds, the others get BOOKING_NOT_ACTIVE', async () => {
    const h = await walletHarness({ bookings: store });
    const [c] = await h.crowd(1);
    const slot = '03889.flu-vaccine.20261208.0930';
    const { booking } = await h.service.book(c!.id, { slotId: slot });
    const results = await Promise.allSettled(Array.from({ length: 10 }, async () => h.service.cancel(c!.id, booking.id)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await store.takenSeats(slot)).toHaveLength(0);
  }, 60_000);

  it('pending registrations, published sessions and the job log on the live store', async () => {
    const registrations = new MongoRegistrationStore(walletRegistrationModel(connection));
    await registrations.createIndexes();
    process.stdout.write(`wallet registrations: TTL index ${registrations.hasTtlIndex ? 'accepted' : 'refused (purged by the scheduler)'}\n`);
    const h = await walletHarness({ registrations, sessions: new MongoSessionStore(walletSessionModel(connection)) });
    const started = await h.service.register({ cid: '1101700207030', birthDate: '1980-02-02', sex: 'M', mobile: '0812345678', displayName: 'x', password: 'abc12345' });
    const otp = /(\d{6})/.exec(h.outbox.messages.at(-1)!.textTh)![1]!;
    const wrong = otp === '123456' ? '654321' : '123456';
    await Promise.allSettled(Array.from({ length: 12 }, async () => h.service.confirmRegistration(started.registrationId, wrong)));
    expect(await registrations.get(started.registrationId)).toBeUndefined(); // void after 5 wrong codes
    const again = await h.service.register({ cid: cidOf('152990001234'), birthDate: '1980-02-02', sex: 'F', mobile: '0812345679', displayName: 'y', password: 'abc12345' });
    const code = /(\d{6})/.exec(h.outbox.messages.at(-1)!.textTh)![1]!;
    const confirmed = await Promise.allSettled([h.service.confirmRegistration(again.registrationId, code), h.service.confirmRegistration(again.registrationId, code)]);
    expect(confirmed.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await h.service.register({ cid: cidOf('310060041123'), birthDate: '1980-02-02', sex: 'F', mobile: '0812345670', displayName: 'z', password: 'abc12345' });
    h.clock.now = new Date(h.clock.now.getTime() + 6 * 60_000);
    expect(await h.service.purgeExpiredRegistrations()).toBe(1);
    const nurse = { username: 'nurse.03889', role: 'nurse' as const, hcode: '03889', mspId: 'BuddhasothornMSP' };
    const published = await Promise.allSettled(Array.from({ length: 5 }, async () => h.service.publishSession(nurse, { service: 'dm-ht-screening', date: '2026-12-06', times: ['10:00'], capacity: 2 })));
    expect(published.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const jobs = new MongoJobLog(walletJobModel(connection));
    expect(await jobs.finished('reminders:2026-12-01')).toBe(false);
    await jobs.markFinished('reminders:2026-12-01', new Date().toISOString(), { queued: 3 });
    expect(await jobs.finished('reminders:2026-12-01')).toBe(true);
  }, 60_000);
});
