import mongoose from 'mongoose';
import type { LedgerAccess } from '../../fabric/ledger-contract';
import { ApiError } from '../../http/api-error';
import type { PatientPseudonym } from '../../patient/patient-pseudonym';
import { BankSignature, BankSimulator } from './adapters/bank-callback';
import { CardTerminalSimulator } from './adapters/card-terminal';
import { HisBillSimulator } from './adapters/his-bill-source';
import { RightsAgentSimulator } from './adapters/rights-agent-simulator';
import { loadKioskFixtures } from './kiosk-fixtures';
import { KioskLedger } from './kiosk-ledger';
import type { KioskRepository } from './kiosk.repository';
import type { KioskRouterDeps } from './kiosk.router';
import { KioskService, type HealthIdIdentifier } from './kiosk.service';
import { kioskModels, MongoKioskRepository } from './mongo-kiosk-repository';
import { STORE_POOL_SIZE } from '../../store/pool-budget';

/** Options of {@link createKioskModule}. */
export interface KioskModuleOptions {
  readonly rootDir: string;
  /** MongoDB URI of the store (the kiosk keeps its own collections there). */
  readonly storeUri: string;
  readonly ledger?: LedgerAccess;
  readonly pseudonyms: PatientPseudonym;
  /** The wallet's Health ID verifier (patients may identify with the wallet's QR instead of the card). */
  readonly healthIds?: HealthIdIdentifier;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
}

/** Store errors other than ApiErrors become 503 STORE_UNAVAILABLE. */
function storeGuarded(repository: KioskRepository): KioskRepository {
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        } catch (err) {
          if (err instanceof ApiError) throw err;
          throw new ApiError('STORE_UNAVAILABLE', 'the kiosk store is unavailable; try again', undefined, { cause: err });
        }
      };
    },
  });
}

/**
 * Builds the kiosk service with the simulated NHSO agent, HIS, card terminal and bank (the only adapters so far),
 * a MongoDB repository (connected in the background) and the ledger anchor. KIOSK_BANK_SECRET signs and checks the
 * bank callbacks (a development default is used, and logged, when it is unset).
 */
export function createKioskModule(options: Readonly<KioskModuleOptions>): Omit<KioskRouterDeps, 'tokens'> & { close: () => Promise<void> } {
  const { copay, simulator } = loadKioskFixtures(options.rootDir);
  const secret = options.env.KIOSK_BANK_SECRET ?? 'simulated-bank-secret-for-development';
  if (options.env.KIOSK_BANK_SECRET === undefined) options.log('kiosk: KIOSK_BANK_SECRET unset; the simulated bank uses a development secret');
  const signature = new BankSignature(secret);
  const connection = mongoose.createConnection();
  const models = kioskModels(connection);
  connection
    .openUri(options.storeUri, { serverSelectionTimeoutMS: 5000, maxPoolSize: STORE_POOL_SIZE, appName: 'referral-gateway-kiosk' })
    .then(async () => {
      for (const model of Object.values(models)) {
        try {
          await model.createIndexes();
        } catch (err) {
          options.log(`kiosk: indexes of ${model.collection.name} not created: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      options.log('kiosk: store connected');
    })
    .catch((err: unknown) => {
      options.log(`kiosk: store not reachable: ${err instanceof Error ? err.message : String(err)}`);
    });
  const rights = new RightsAgentSimulator({ cards: simulator.cards, timeoutMs: Number(options.env.KIOSK_AGENT_TIMEOUT_MS ?? 3000) });
  const his = new HisBillSimulator({ visits: simulator.visits, cards: simulator.cards, pseudonymOf: (pid) => options.pseudonyms.fromCid(pid) });
  const service = new KioskService({
    repository: storeGuarded(new MongoKioskRepository(models)),
    rights,
    his,
    terminal: new CardTerminalSimulator(),
    bank: signature,
    pseudonyms: options.pseudonyms,
    copayRules: copay.rules,
    hospitals: simulator.hospitals,
    ...(options.healthIds === undefined ? {} : { healthIds: options.healthIds }),
    ledger: options.ledger === undefined ? undefined : new KioskLedger(options.ledger),
    log: options.log,
  });
  return { service, simulators: { rights, bank: new BankSimulator(signature), his }, close: async () => connection.close() };
}
