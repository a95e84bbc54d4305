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
import { UserDirectory } from './modules/auth/user-directory';
import { healthRouter } from './modules/health/health.router';
import { ReferralsService } from './modules/referrals/referrals.service';
import { createEmsService } from './modules/ems/ems-setup';
import { PatientPseudonym } from './patient/patient-pseudonym';
import { UnitRegistry } from './units/unit-registry';
import { startQueryStore } from './store/query-store';
import { storeUri } from './store/store-uri';

const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};

async function main(): Promise<void> {
  const config = loadConfig();
  const topology = loadTopology(config.rootDir);
  const units = UnitRegistry.fromFile(path.join(config.rootDir, 'fixtures', 'units.json'));
  const users = UserDirectory.fromFile(path.join(config.rootDir, 'fixtures', 'users.json'));
  const pool = new GatewayPool({ topology, runtimeDir: config.runtimeDir });
  // one store URI for the projector, the audit and the health probe
  const storeAt = storeUri(config.mongoUri, topology.store.port);
  const store = new URL(storeAt);
  const queryStore = startQueryStore({
    uri: storeAt,
    pool,
    units,
    projector: loadProjectorConfig(process.env, config.runtimeDir),
    log,
  });
  // Smart EMS 1669: signs milestones through `ledger` (LedgerAccess, wired by the lead)
  const ems = createEmsService({ rootDir: config.rootDir, storeUri: storeAt, ledger, units, pseudonyms: new PatientPseudonym(config.pseudonymKey), log });
  const app = createApp({
    users,
    tokens: new AuthToken({ secret: config.jwtSecret, ttlSeconds: config.jwtTtlSeconds }),
    units,
    referrals: new ReferralsService({ pool, units, pseudonyms: new PatientPseudonym(config.pseudonymKey) }),
    referralSearch: queryStore.search,
    icd10: Icd10Catalogue.fromFile(path.join(config.rootDir, 'fixtures', 'icd10-subset.json')),
    audit: new AuditService({ pool, storeUri: storeAt }),
    ems: ems.service,
    health: healthRouter({ topology, store: { host: store.hostname, port: Number(store.port || 27017) }, projector: () => queryStore.projector?.status() }),
    log,
    webClientDir: process.env.WEB_CLIENT_DIR ?? path.join(config.rootDir, 'web-client', 'dist', 'web-client', 'browser'),
  });
  const server: Server = app.listen(config.port, config.host, () => {
    log(`gateway listening on http://${config.host}:${config.port}/api (channel ${topology.channel}, ${topology.peerOrgs.length} organisations)`);
  });
  const shutdown = (): void => {
    log('shutting down');
    server.close();
    void queryStore
      .stop()
      .catch((err: unknown) => {
        log(`query store did not stop cleanly: ${err instanceof Error ? err.message : String(err)}`);
      })
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
