import path from 'node:path';
import mongoose from 'mongoose';
import type { LedgerAccess } from '../../fabric/ledger-contract';
import type { PatientPseudonym } from '../../patient/patient-pseudonym';
import type { UnitRegistry } from '../../units/unit-registry';
import { TambonGazetteer } from './ems-geo';
import { EmsLiveHub } from './ems-live';
import { EmsRules } from './ems-rules';
import { EmsService } from './ems.service';
import { MongoEmsStore } from './mongo-ems-store';
import { SimulatedSmsOutbox, type SmsOutbox } from './sms-outbox';

/** What main() passes to build the EMS module. */
export interface EmsSetupOptions {
  readonly rootDir: string;
  readonly storeUri: string;
  readonly ledger: LedgerAccess;
  readonly units: UnitRegistry;
  readonly pseudonyms: PatientPseudonym;
  readonly log: (line: string) => void;
  readonly sms?: SmsOutbox;
}

/**
 * Builds the EMS service on the query store (its own mongoose connection, EMS collections only) and the ledger.
 * Indexes and the fleet's unit records are created in the background once the store answers.
 */
export function createEmsService(options: EmsSetupOptions): { service: EmsService; close: () => Promise<void> } {
  const connection = mongoose.createConnection(options.storeUri, { bufferCommands: false, serverSelectionTimeoutMS: 5000 });
  const store = new MongoEmsStore(connection);
  const service = new EmsService({
    rules: EmsRules.fromDir(path.join(options.rootDir, 'fixtures', 'ems')),
    store,
    ledger: options.ledger,
    units: options.units,
    gazetteer: new TambonGazetteer(options.units.all()),
    pseudonyms: options.pseudonyms,
    live: new EmsLiveHub(),
    sms: options.sms ?? new SimulatedSmsOutbox(),
  });
  connection
    .asPromise()
    .then(async () => {
      await store.ensureIndexes();
      await service.init();
      options.log('ems: store ready (ems_cases, ems_units, ems_readings, ems_messages)');
    })
    .catch((err: unknown) => {
      options.log(`ems: store not ready: ${err instanceof Error ? err.message : String(err)}`);
    });
  return { service, close: async () => connection.close() };
}
