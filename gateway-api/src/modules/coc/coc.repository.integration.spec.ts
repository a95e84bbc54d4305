/**
 * Runs MongoCocReadModel against a real store when MONGODB_TEST_URI names a scratch database
 * (e.g. mongodb://127.0.0.1:27017/coc_test); the same expectations as the in-memory model. Skipped otherwise.
 */
import mongoose, { type Connection } from 'mongoose';
import { InMemoryCocReadModel, type CocReadModel } from './coc.read-model';
import { cocModels, MongoCocReadModel } from './coc.repository';
import { caseRecord, visitRecord } from './test-support/coc-fakes';

const uri = process.env.MONGODB_TEST_URI;
const suite = uri === undefined || uri === '' ? describe.skip : describe;

async function exercise(model: CocReadModel): Promise<unknown> {
  await model.saveCase(caseRecord({ id: 'C-1', visitCount: 2 }, 9));
  await model.saveCase(caseRecord({ id: 'C-1', visitCount: 1 }, 8)); // older replay: ignored
  await model.saveCase(caseRecord({ id: 'C-2', healthCentreHcode: '03904', status: 'closed' }, 3));
  await model.saveVisit(visitRecord('C-1', 'V-1', '2026-11-02', 'volunteer'));
  await model.saveVisit(visitRecord('C-1', 'V-2', '2026-12-02', 'officer'));
  const strip = (records: { id: string; ledger: unknown }[]): unknown => records.map((r) => [r.id, r.ledger]);
  return {
    mine: strip(await model.findCases({ teamUsername: 'volunteer.03903', status: 'open' })),
    unit: strip(await model.findCases({ healthCentreHcode: '03904' })),
    district: strip(await model.findCases({ districtMsp: 'BangKhlaMSP' })),
    count: (await model.findCases({})).find((c) => c.id === 'C-1')?.visitCount,
    november: strip(await model.findVisits({ caseIds: ['C-1'], from: '2026-11-01', to: '2026-11-30' })),
  };
}

suite('MongoCocReadModel against a live store', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await mongoose.createConnection(uri ?? '').asPromise();
    const models = cocModels(connection);
    await models.cases.syncIndexes();
    await models.visits.syncIndexes();
  }, 30_000);

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('answers like the in-memory model, and an older version never replaces a newer one', async () => {
    const expected = await exercise(new InMemoryCocReadModel());
    expect(await exercise(new MongoCocReadModel(cocModels(connection)))).toEqual(expected);
  });
});
