import path from 'node:path';
import { UnitRegistry } from '../../../units/unit-registry';
import { IndicatorDefinitions } from '../kpi-definitions';
import type { MonthFacts } from '../kpi-facts';
import type { KpiSource } from '../kpi-sources';
import type { KpiModels } from '../kpi-store';

const root = path.resolve(__dirname, '../../../../..');
export const UNITS = UnitRegistry.fromFile(path.join(root, 'fixtures', 'units.json'));
export const DEFINITIONS = IndicatorDefinitions.fromFile(path.join(root, 'fixtures', 'kpi', 'indicators.json'));
export const BUDDHASOTHORN = '10697';
export const BANG_KHLA = '11138';

/** An empty month, to be overridden. */
export function emptyFacts(month: string, over: Partial<MonthFacts> = {}): MonthFacts {
  return { month, bookings: [], payments: [], kioskVisits: [], surveys: [], referrals: [], emsCases: [], emsLive: null, cocCases: [], cocVisits: [], ...over };
}

/** A source answering fixed facts per month; counts its reads. */
export class FakeSource implements KpiSource {
  public reads = 0;
  public constructor(public facts: Map<string, MonthFacts>) {}
  public async monthFacts(month: string): Promise<MonthFacts> {
    this.reads += 1;
    return this.facts.get(month) ?? emptyFacts(month);
  }
}

type Doc = Record<string, unknown>;
const chain = <T>(value: T) => ({ lean: () => ({ exec: async () => value }), exec: async () => value });

/** In-memory stand-ins for the four KPI models (only the calls the service makes). */
export function fakeModels(): KpiModels & { store: Map<string, Map<string, Doc>> } {
  const store = new Map<string, Map<string, Doc>>();
  const model = (name: string) => {
    const docs = new Map<string, Doc>();
    store.set(name, docs);
    return {
      findById: (id: string) => chain(docs.get(id) ?? null),
      replaceOne: (filter: { _id: string }, doc: Doc) => ({ exec: async () => void docs.set(filter._id, doc) }),
      deleteOne: (filter: { _id: string }) => ({ exec: async () => void docs.delete(filter._id) }),
      collection: {
        insertOne: async (doc: Doc) => {
          const id = String(doc._id);
          if (docs.has(id)) throw Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
          docs.set(id, doc);
        },
      },
      db: { collection: (coll: string) => ({ findOne: async (q: { _id: string }) => store.get(coll)?.get(q._id) ?? null }) },
    };
  };
  const models = { months: model('months'), surveys: model('surveys'), served: model('served'), demo: model('demo') };
  store.set('wallet_bookings', new Map());
  return { ...(models as unknown as KpiModels), store };
}
