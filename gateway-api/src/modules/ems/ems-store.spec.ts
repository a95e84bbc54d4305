/**
 * One contract for every EmsStore: the in-memory store always, MongoEmsStore against a real store (FerretDB or
 * MongoDB) when MONGODB_TEST_URI names a scratch database (dropped before and after).
 */
import mongoose, { type Connection } from 'mongoose';
import type { EmsCase } from './ems-model';
import { type EmsStore, InMemoryEmsStore } from './ems-store';
import { MongoEmsStore } from './mongo-ems-store';

const AT = '2026-11-30T03:00:00.000Z';

function aCase(caseId: string, extra: Partial<EmsCase> = {}): EmsCase {
  return {
    caseId,
    status: 'open',
    receivedAt: AT,
    dispatcher: 'dispatcher.1669',
    callerNumber: '0812345678',
    location: { source: 'map', lat: 13.69, lng: 101.08 },
    complaintCode: 'chest-pain',
    answers: { sweatingOrPale: true },
    colour: 'red',
    criteriaVersion: 'cco-cbd-2026.1',
    matchedRules: ['CP1'],
    milestones: [],
    ...extra,
  };
}

function storeContract(name: string, make: () => Promise<EmsStore>): void {
  describe(name, () => {
    let store: EmsStore;
    beforeEach(async () => {
      store = await make();
      await store.seedUnits(['U-1', 'U-2'], AT);
    });

    it('keeps one case per id', async () => {
      expect(await store.insertCase(aCase('C-1'))).toBe(true);
      expect(await store.insertCase(aCase('C-1', { complaintCode: 'stroke' }))).toBe(false);
      expect((await store.getCase('C-1'))?.complaintCode).toBe('chest-pain');
      expect(await store.getCase('C-404')).toBeUndefined();
    });

    it('updates a case only from the expected statuses', async () => {
      await store.insertCase(aCase('C-1'));
      expect(await store.updateCase('C-1', ['dispatched'], { status: 'en-route' })).toBeUndefined();
      expect((await store.updateCase('C-1', ['open'], { status: 'dispatched', unitId: 'U-1' }))?.status).toBe('dispatched');
      await store.insertCase(aCase('C-2', { receivedAt: '2026-11-30T04:00:00.000Z' }));
      await store.updateCase('C-2', ['open'], { status: 'transporting', destinationHcode: '10697' });
      expect((await store.openCases()).map((c) => c.caseId)).toEqual(['C-2', 'C-1']);
      expect((await store.openCases({ destinationHcode: '10697' })).map((c) => c.caseId)).toEqual(['C-2']);
      expect((await store.casesBetween('2026-11-30T03:30:00.000Z', '2026-12-01T00:00:00.000Z')).map((c) => c.caseId)).toEqual(['C-2']);
    });

    it('seeding twice keeps a committed unit committed', async () => {
      await store.claimUnit('U-1', 'C-1', AT);
      await store.seedUnits(['U-1', 'U-2'], AT);
      expect((await store.getUnit('U-1'))?.status).toBe('dispatched');
      expect(await store.units()).toHaveLength(2);
    });

    it('of concurrent claims of one unit exactly one wins', async () => {
      const claims = await Promise.all(['C-1', 'C-2', 'C-3', 'C-4'].map(async (c) => store.claimUnit('U-2', c, AT)));
      const won = claims.filter((c) => c !== undefined);
      expect(won).toHaveLength(1);
      expect((await store.getUnit('U-2'))?.caseId).toBe(won[0]?.caseId);
    });

    it('of concurrent claims of one case exactly one wins; a released case can be claimed again', async () => {
      await store.insertCase(aCase('C-1'));
      const claims = await Promise.all(['U-1', 'U-2'].map(async (u) => store.claimCase('C-1', { unitId: u })));
      expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
      await store.releaseCase('C-1');
      const open = await store.getCase('C-1');
      expect(open?.status).toBe('open');
      expect(open?.unitId).toBeUndefined();
      expect((await store.claimCase('C-1', { unitId: 'U-2' }))?.unitId).toBe('U-2');
    });

    it('a released unit can be claimed again; concurrent moves out of one status: one wins', async () => {
      await store.claimUnit('U-1', 'C-1', AT);
      await store.releaseUnit('U-1', 'C-1', AT);
      expect((await store.getUnit('U-1'))?.status).toBe('available');
      expect(await store.claimUnit('U-1', 'C-2', AT)).toBeDefined();
      const moves = await Promise.all([0, 1, 2].map(async () => store.moveUnit('U-1', 'C-2', 'dispatched', 'en-route', AT)));
      expect(moves.filter((m) => m !== undefined)).toHaveLength(1);
      await store.revertMove('U-1', 'C-2', 'dispatched', 'en-route', AT);
      expect((await store.getUnit('U-1'))?.status).toBe('dispatched');
      expect((await store.moveUnit('U-1', 'C-2', 'dispatched', 'available', AT))?.status).toBe('available');
      await store.revertMove('U-1', 'C-2', 'dispatched', 'available', AT);
      expect(await store.getUnit('U-1')).toEqual(expect.objectContaining({ status: 'dispatched', caseId: 'C-2' }));
      expect(await store.claimUnit('U-1', 'C-3', AT)).toBeUndefined();
    });

    it('moves a unit only from the expected status and case', async () => {
      await store.claimUnit('U-1', 'C-1', AT);
      expect(await store.moveUnit('U-1', 'C-9', 'dispatched', 'en-route', AT)).toBeUndefined();
      expect(await store.moveUnit('U-1', 'C-1', 'on-scene', 'transporting', AT)).toBeUndefined();
      expect((await store.moveUnit('U-1', 'C-1', 'dispatched', 'en-route', AT))?.status).toBe('en-route');
      const back = await store.moveUnit('U-1', 'C-1', 'en-route', 'available', AT);
      expect(back).toEqual(expect.objectContaining({ status: 'available', caseId: null }));
      await store.setPosition('U-1', { lat: 13.7, lng: 101.1, at: AT });
      expect((await store.getUnit('U-1'))?.position).toEqual(expect.objectContaining({ lat: 13.7, lng: 101.1 }));
    });

    it('keeps readings (flags included) and chat in time order', async () => {
      await store.appendReadings([
        { unitId: 'U-1', caseId: 'C-1', at: '2026-11-30T03:00:02.000Z', receivedAt: AT, code: 'hr', value: 120, flags: [] },
        { unitId: 'U-1', caseId: 'C-1', at: '2026-11-30T03:00:01.000Z', receivedAt: AT, code: 'spo2', value: 140, flags: ['IMPLAUSIBLE'] },
      ]);
      const readings = await store.readings('C-1');
      expect(readings.map((r) => r.code)).toEqual(['spo2', 'hr']);
      expect(readings[0]?.flags).toEqual(['IMPLAUSIBLE']);
      await store.appendMessage({ caseId: 'C-1', at: AT, from: 'er.buddhasothorn', role: 'er-physician', text: 'สวัสดี' });
      expect((await store.messages('C-1')).map((m) => m.text)).toEqual(['สวัสดี']);
    });
  });
}

storeContract('InMemoryEmsStore', async () => Promise.resolve(new InMemoryEmsStore()));

const uri = process.env.MONGODB_TEST_URI;
if (uri !== undefined && uri !== '') {
  let connection: Connection | undefined;
  beforeAll(async () => {
    connection = await mongoose.createConnection(uri, { bufferCommands: false }).asPromise();
    await connection.dropDatabase();
  }, 30_000);
  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });
  storeContract('MongoEmsStore (live store)', async () => {
    if (connection === undefined) throw new Error('no connection');
    await connection.dropDatabase();
    const store = new MongoEmsStore(connection);
    await store.ensureIndexes();
    return store;
  });
} else {
  describe.skip('MongoEmsStore (live store): set MONGODB_TEST_URI', () => {
    it('runs the store contract', () => undefined);
  });
}
