/**
 * The overbooking guarantee against a real store (FerretDB or MongoDB) when MONGODB_TEST_URI names a
 * scratch database, e.g. MONGODB_TEST_URI=mongodb://127.0.0.1:27017/wallet_test. Dropped before and after.
 * Skipped otherwise (the same scenarios run on the in-memory store with identical unique indexes).
 */
import mongoose, { type Connection } from 'mongoose';
import { MongoBookingStore, walletBookingModels } from './mongo-booking-store';
import { FLU_SLOT, walletHarness } from './test-support/wallet-harness';

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
    expect((await h.service.book(c!.id, { slotId: slot })).booking.seat).toBe(booking!.seat === 1 ? 1 : (await store.takenSeats(slot))[0]);
    expect(await store.takenSeats(slot)).toHaveLength(1);
  }, 60_000);
});
