import { readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import type { LedgerAccess } from '../../fabric/ledger-contract';
import type { PatientPseudonym } from '../../patient/patient-pseudonym';
import type { UnitRegistry } from '../../units/unit-registry';
import { TambonGazetteer } from './ems-geo';
import { EmsLiveHub } from './ems-live';
import { EmsRules } from './ems-rules';
import { EmsService, type ReferralStarter } from './ems.service';
import { MongoEmsStore } from './mongo-ems-store';
import { SimulatedSmsOutbox, type SmsOutbox } from './sms-outbox';
import { MqttSubscriber } from './mqtt/mqtt-subscriber';
import { TELEMETRY_FILTER, telemetryHandler, type BridgeCounters } from './mqtt/telemetry-bridge';
import { STORE_POOL_SIZE } from '../../store/pool-budget';

/** What main() passes to build the EMS module. */
export interface EmsSetupOptions {
  readonly rootDir: string;
  readonly storeUri: string;
  readonly ledger: LedgerAccess;
  readonly units: UnitRegistry;
  readonly pseudonyms: PatientPseudonym;
  readonly log: (line: string) => void;
  readonly sms?: SmsOutbox;
  /** The referral module's service, to start a referral from an EMS case. */
  readonly referrals?: ReferralStarter;
  /** Broker of the ambulance devices, e.g. mqtt://gateway:secret@127.0.0.1:1883 (default: env EMS_MQTT_URL; none: no bridge). */
  readonly mqttUrl?: string;
}

/**
 * Builds the EMS service on the query store (its own mongoose connection, EMS collections only) and the ledger.
 * Indexes and the fleet's unit records are created in the background once the store answers.
 */
export function createEmsService(options: EmsSetupOptions): { service: EmsService; bridge: BridgeCounters | undefined; close: () => Promise<void> } {
  const connection = mongoose.createConnection(options.storeUri, { bufferCommands: false, serverSelectionTimeoutMS: 5000, maxPoolSize: STORE_POOL_SIZE });
  const store = new MongoEmsStore(connection);
  const service = new EmsService({
    rules: EmsRules.fromDir(path.join(options.rootDir, 'fixtures', 'ems')).withSimulatedUnits(Number(process.env.EMS_SIM_UNITS ?? 0) || 0),
    store,
    ledger: options.ledger,
    units: options.units,
    gazetteer: new TambonGazetteer(options.units.all()),
    pseudonyms: options.pseudonyms,
    live: new EmsLiveHub(),
    sms: options.sms ?? new SimulatedSmsOutbox(),
    ...(options.referrals === undefined ? {} : { referrals: options.referrals }),
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
  const mqttUrl = options.mqttUrl ?? process.env.EMS_MQTT_URL;
  let subscriber: MqttSubscriber | undefined;
  let bridge: BridgeCounters | undefined;
  if (mqttUrl !== undefined && mqttUrl !== '') {
    const url = new URL(mqttUrl);
    // the password may come from a file (EMS_MQTT_PASSWORD_FILE), so that it never shows on a command line
    const passwordFile = process.env.EMS_MQTT_PASSWORD_FILE;
    if (url.password === '' && passwordFile !== undefined && passwordFile !== '') url.password = encodeURIComponent(readFileSync(passwordFile, 'utf8').trim());
    bridge = { stored: 0, rejected: 0 };
    subscriber = new MqttSubscriber(
      {
        host: url.hostname,
        port: Number(url.port || 1883),
        clientId: 'cco-gateway-ems',
        ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
        ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
        topicFilter: TELEMETRY_FILTER,
        log: options.log,
      },
      telemetryHandler(service, bridge, options.log),
    );
    subscriber.start();
  }
  return {
    service,
    bridge,
    close: async () => {
      subscriber?.stop();
      await connection.close();
    },
  };
}
