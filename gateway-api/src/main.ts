import path from 'node:path';
import type { Server } from 'node:http';
import { createApp } from './app';
import { loadConfig } from './config/config';
import { GatewayPool } from './fabric/gateway-pool';
import { loadTopology } from './fabric/network-topology';
import { loadProjectorConfig } from './fabric/events/projector-config';
import { AuditService } from './modules/audit/audit.service';
import { AuthToken } from './modules/auth/auth-token';
import { Icd10Catalogue } from './modules/codes/icd10-catalogue';
import { CocService } from './modules/coc/coc.service';
import { applyCocChange, COC_CHANGES } from './modules/coc/coc.read-model';
import { cocModels, MongoCocReadModel } from './modules/coc/coc.repository';
import { referralChangesOf } from './fabric/events/block-changes';
import { VisitSchedule } from './modules/coc/visit-schedule';
import { UserDirectory } from './modules/auth/user-directory';
import { DiscoveryMonitor } from './modules/health/discovery-monitor';
import { healthIdentities } from './modules/health/health-identities';
import { healthRouter } from './modules/health/health.router';
import type { LedgerAccess } from './fabric/ledger-contract';
import { pharmacyServiceFrom } from './modules/pharmacy/pharmacy.service';
import { MongoPharmacyReadModel, pharmacyCycleModel } from './modules/pharmacy/mongo-pharmacy-read-model';
import { rowsOfEvent } from './modules/pharmacy/pharmacy-read-model';
import { createKioskModule } from './modules/kiosk/kiosk-module';
import { ReferralsService } from './modules/referrals/referrals.service';
import { createEmsService } from './modules/ems/ems-setup';
import { PatientPseudonym } from './patient/patient-pseudonym';
import { UnitRegistry } from './units/unit-registry';
import { startQueryStore } from './store/query-store';
import { storeUri } from './store/store-uri';
import { createWallet } from './modules/wallet/wallet-module';
import { createIdentity } from './modules/identity/identity-module';
import { createKpiService } from './modules/kpi/kpi-setup';

/** What the projector picks out of blocks for the pharmacy read model. */
const PHARMACY_CHANGES = { chaincode: 'referral', eventName: 'PharmacyChanged', keyType: 'pharmacy' } as const;

/** A domain event the read model cannot parse is logged and skipped: it must never stop the referral projection. */
function unreadable(domain: string, txId: string, err: unknown): void {
  log(`projector: WARNING ${domain} event of tx ${txId} is not readable (${err instanceof Error ? err.message.slice(0, 200) : String(err)}); skipped`);
}

const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};

async function main(): Promise<void> {
  const config = loadConfig();
  const topology = loadTopology(config.rootDir, config.runtimeDir);
  const units = UnitRegistry.fromFile(path.join(config.rootDir, 'fixtures', 'units.json'));
  const users = UserDirectory.fromFixtureAndAddedOrgs(path.join(config.rootDir, 'fixtures', 'users.json'), config.runtimeDir);
  const pool = new GatewayPool({ topology, runtimeDir: config.runtimeDir });
  /** The Fabric Gateway client layer every domain service uses (contractFor(staff, 'XxxContract')). */
  const ledger: LedgerAccess = pool;
  const discovery = new DiscoveryMonitor({ ledger, topology, identities: healthIdentities(topology, config.runtimeDir) });
  discovery.start();
  // one store URI for the projector, the audit and the health probe
  const storeAt = storeUri(config.mongoUri, topology.store.port);
  const store = new URL(storeAt);
  // COC cases and visits, projected from CocChanged events into the same store (due lists, indicators)
  // and pharmacy cycles from PharmacyChanged events (work lists, indicators); both idempotent
  let cocReadModel: MongoCocReadModel | undefined;
  let pharmacyReadModel: MongoPharmacyReadModel | undefined;
  const queryStore = startQueryStore({
    domainProjections: (connection) => {
      const model = new MongoCocReadModel(cocModels(connection.models.referrals.db));
      const cycles = new MongoPharmacyReadModel(pharmacyCycleModel(connection.models.referrals.db));
      cocReadModel = model;
      pharmacyReadModel = cycles;
      return [
        {
          name: 'coc',
          apply: async (blockNumber, block) => {
            for (const change of referralChangesOf(blockNumber, block, COC_CHANGES)) {
              try {
                await applyCocChange(model, change);
              } catch (err) {
                // a store failure is retried from the checkpoint; an unreadable event is skipped
                if (!(err instanceof Error && err.name === 'ZodError')) throw err;
                unreadable('COC', change.txId, err);
              }
            }
          },
        },
        {
          name: 'pharmacy',
          apply: async (blockNumber, block) => {
            for (const change of referralChangesOf(blockNumber, block, PHARMACY_CHANGES)) {
              let rows: ReturnType<typeof rowsOfEvent> = [];
              try {
                rows = rowsOfEvent(change.payload);
              } catch (err) {
                unreadable('pharmacy', change.txId, err);
              }
              for (const row of rows) await cycles.save(row);
            }
          },
        },
      ];
    },
    uri: storeAt,
    pool,
    units,
    projector: loadProjectorConfig(process.env, config.runtimeDir),
    log,
  });
  // citizen wallet: bookings and accounts in the query store (off-chain), referrals about a citizen from the projection
  const pseudonyms = new PatientPseudonym(config.pseudonymKey);
  const wallet = createWallet({ rootDir: config.rootDir, runtimeDir: config.runtimeDir, units, pseudonyms, secret: config.jwtSecret, connection: queryStore.store.models.referrals.db, log });
  void queryStore.store.open().then(async () => wallet.ready()).catch((err: unknown) => {
    log(`wallet: not ready: ${err instanceof Error ? err.message : String(err)}`);
  });
  // smart payment kiosk (issue 13): simulated adapters, its own store collections, receipts anchored via `ledger`;
  // a patient may identify with the wallet's Health ID QR (the wallet's own verifier)
  const kiosk = createKioskModule({ rootDir: config.rootDir, storeUri: storeAt, ledger, pseudonyms: new PatientPseudonym(config.pseudonymKey), healthIds: { identify: async (proof) => wallet.service.identifyByProof(proof) }, env: process.env, log });
  // Smart EMS 1669: signs milestones through `ledger` (LedgerAccess, wired by the lead)
  const referralsService = new ReferralsService({ pool, units, pseudonyms });
  const ems = createEmsService({ rootDir: config.rootDir, storeUri: storeAt, ledger, units, pseudonyms: new PatientPseudonym(config.pseudonymKey), referrals: referralsService, log });
  // identity (issue 15): staff onboarding and revocation through each organisation's Fabric CA
  const identity = createIdentity({ rootDir: config.rootDir, runtimeDir: config.runtimeDir, topology, units, users, forgetConnection: (u) => pool.forget(u), log });
  void queryStore.store.open().then(async () => identity.ready(queryStore.store.models.referrals.db)).catch((err: unknown) => {
    log(`identity: not ready: ${err instanceof Error ? err.message : String(err)}`);
  });
  // provincial KPI dashboard (issue 16): reads the domains' collections, the COC projection and the EMS indicators
  const kpi = createKpiService({ rootDir: config.rootDir, connection: queryStore.store.models.referrals.db, units, ...(cocReadModel === undefined ? {} : { coc: cocReadModel }), ems: ems.service, log });
  void queryStore.store.open().then(async () => kpi.ready()).catch((err: unknown) => {
    log(`kpi: indexes not ready: ${err instanceof Error ? err.message : String(err)}`);
  });
  const app = createApp({
    users,
    identity: identity.service,
    secondFactor: identity.secondFactor,
    tokens: new AuthToken({ secret: config.jwtSecret, ttlSeconds: config.jwtTtlSeconds, assertActive: (u) => identity.status.assertActive(u), previousSecrets: (process.env.JWT_PREVIOUS_SECRETS ?? '').split(',').filter((k) => k.length >= 32) }),
    units,
    referrals: referralsService,
    referralSearch: queryStore.search,
    icd10: Icd10Catalogue.fromFile(path.join(config.rootDir, 'fixtures', 'icd10-subset.json')),
    audit: new AuditService({ pool, storeUri: storeAt }),
    // COC: writes as the caller through `ledger`; due list and indicators need `readModel: new MongoCocReadModel(cocModels(connection))`, filled by projectCocChanged (modules/coc/coc.read-model.ts)
    coc: new CocService({ ledger, units, users, ...(cocReadModel === undefined ? {} : { readModel: cocReadModel }), pseudonyms: new PatientPseudonym(config.pseudonymKey), schedule: VisitSchedule.fromFile(path.join(config.rootDir, 'fixtures', 'coc', 'visit-schedule.json')) }),
    pharmacy: pharmacyServiceFrom({ ledger, pseudonymKey: config.pseudonymKey, rootDir: config.rootDir, ...(pharmacyReadModel === undefined ? {} : { readModel: pharmacyReadModel }) }),
    kiosk,
    wallet,
    ems: ems.service,
    kpi: kpi.service,
    health: healthRouter({
      topology,
      store: { host: store.hostname, port: Number(store.port || 27017) },
      projector: () => queryStore.projector?.status(),
      discovery: () => discovery.status(),
    }),
    log,
    webClientDir: process.env.WEB_CLIENT_DIR ?? path.join(config.rootDir, 'web-client', 'dist', 'web-client', 'browser'),
  });
  const server: Server = app.listen(config.port, config.host, () => {
    log(`gateway listening on http://${config.host}:${config.port}/api (channel ${topology.channel}, ${topology.peerOrgs.length} organisations)`);
  });
  const shutdown = (): void => {
    log('shutting down');
    discovery.stop();
    server.close();
    void queryStore
      .stop()
      .catch((err: unknown) => {
        log(`query store did not stop cleanly: ${err instanceof Error ? err.message : String(err)}`);
      })
      .then(async () => kiosk.close())
      .then(async () => ems.close())
      .then(async () => pool.close())
      .finally(() => {
        process.exitCode = 0;
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  log(`gateway failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
