import path from 'node:path';
import type { Connection } from 'mongoose';
import type { Principal } from '../auth/auth-token';
import type { CocReadModel } from '../coc/coc.read-model';
import { VisitSchedule } from '../coc/visit-schedule';
import type { EmsService } from '../ems/ems.service';
import type { UnitRegistry } from '../../units/unit-registry';
import { IndicatorDefinitions } from './kpi-definitions';
import type { EmsCounts } from './kpi-facts';
import { KpiService } from './kpi-service';
import { MongoKpiSource, type EmsIndicatorReader } from './kpi-sources';
import { kpiModels } from './kpi-store';

/**
 * The gateway's own reader of the EMS indicators: EmsService.indicators is limited to dispatchers and the medical
 * director, so the KPI module reads it as this internal principal (never a login; no ledger access).
 */
export const KPI_EMS_READER: Principal = { username: 'svc.kpi', role: 'medical-director', hcode: '10697', mspId: 'BuddhasothornMSP' };

interface EmsIndicatorsShape {
  cases: number;
  redWithin8Minutes: { reached: number; withinTarget: number };
  criticalMortality: { withOutcome: number; deaths: number };
}

/** EmsService.indicators reduced to the counts the KPIs use. */
export function emsReader(ems: Pick<EmsService, 'indicators'>): EmsIndicatorReader {
  return async (from, to): Promise<EmsCounts> => {
    const r = (await ems.indicators(KPI_EMS_READER, from, to)) as EmsIndicatorsShape;
    return { cases: r.cases, redReached: r.redWithin8Minutes.reached, redWithinTarget: r.redWithin8Minutes.withinTarget, redWithOutcome: r.criticalMortality.withOutcome, redDeaths: r.criticalMortality.deaths };
  };
}

/** Wires the KPI service on the query store's connection. */
export function createKpiService(options: Readonly<{ rootDir: string; connection: Connection; units: UnitRegistry; coc?: CocReadModel; ems?: Pick<EmsService, 'indicators'>; log: (line: string) => void }>): { service: KpiService; ready: () => Promise<void> } {
  const models = kpiModels(options.connection);
  const schedule = VisitSchedule.fromFile(path.join(options.rootDir, 'fixtures', 'coc', 'visit-schedule.json'));
  const source = new MongoKpiSource({ connection: options.connection, models, units: options.units, schedule, ...(options.coc === undefined ? {} : { coc: options.coc }), ...(options.ems === undefined ? {} : { ems: emsReader(options.ems) }) });
  const service = new KpiService({ source, models, definitions: IndicatorDefinitions.fromFile(path.join(options.rootDir, 'fixtures', 'kpi', 'indicators.json')), units: options.units, schedule, liveMaxAgeMs: Number(process.env.KPI_LIVE_MAX_AGE_MS ?? 60_000) });
  return {
    service,
    ready: async () => {
      for (const m of [models.months, models.surveys, models.served, models.demo]) await m.syncIndexes();
      options.log('kpi: indexes ready');
    },
  };
}
