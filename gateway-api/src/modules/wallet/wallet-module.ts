import { createHmac } from 'node:crypto';
import path from 'node:path';
import type { Connection } from 'mongoose';
import type { PatientPseudonym } from '../../patient/patient-pseudonym';
import { referralModel } from '../../store/referral-model';
import type { UnitRegistry } from '../../units/unit-registry';
import { BenefitRules } from './benefit-rules';
import type { BookingStore } from './booking-store';
import { StoreCareLedgerReader } from './care-ledger-reader';
import { InMemoryCitizenStore, type CitizenStore } from './citizen-store';
import { CitizenTokens } from './citizen-tokens';
import { HealthIdTokens } from './health-id';
import { InMemoryBookingStore } from './in-memory-booking-store';
import { JsonLinesOutbox } from './message-outbox';
import { MongoBookingStore, walletBookingModels } from './mongo-booking-store';
import { MongoCitizenStore, walletCitizenModel } from './mongo-citizen-store';
import { SlotCalendar } from './slot-calendar';
import { loadWalletFixtures } from './wallet-fixtures';
import { WalletService } from './wallet.service';

/** Options of {@link createWallet}. */
export interface CreateWalletOptions {
  readonly rootDir: string;
  readonly runtimeDir: string;
  readonly units: UnitRegistry;
  readonly pseudonyms: PatientPseudonym;
  /** The gateway's JWT secret; the wallet derives its own keys from it (citizen tokens, Health ID proofs). */
  readonly secret: string;
  readonly citizenTokenTtlSeconds?: number;
  /** The query store's connection (bookings, citizens and the referrals about a citizen); in memory without it. */
  readonly connection?: Connection;
  readonly log: (line: string) => void;
}

/** The wired wallet: its service, citizen tokens, and `ready()` (indexes + demo citizens, after the store is up). */
export interface Wallet {
  readonly service: WalletService;
  readonly citizenTokens: CitizenTokens;
  ready(): Promise<void>;
}

const derive = (secret: string, label: string): Buffer => createHmac('sha256', secret).update(`wallet:${label}`).digest();

/** Builds the wallet from fixtures/wallet and the store; the SMS/LINE simulator writes to <runtime>/outbox/wallet-sms.jsonl. */
export function createWallet(options: Readonly<CreateWalletOptions>): Wallet {
  const fixtures = loadWalletFixtures(path.join(options.rootDir, 'fixtures'));
  let bookings: BookingStore;
  let citizens: CitizenStore;
  let createIndexes = async (): Promise<void> => Promise.resolve();
  if (options.connection !== undefined) {
    const mongoBookings = new MongoBookingStore(walletBookingModels(options.connection));
    const mongoCitizens = new MongoCitizenStore(walletCitizenModel(options.connection));
    bookings = mongoBookings;
    citizens = mongoCitizens;
    createIndexes = async () => {
      await mongoBookings.createIndexes();
      await mongoCitizens.createIndexes();
    };
  } else {
    bookings = new InMemoryBookingStore();
    citizens = new InMemoryCitizenStore();
  }
  const outboxFile = path.join(options.runtimeDir, 'outbox', 'wallet-sms.jsonl');
  const service = new WalletService({
    citizens,
    bookings,
    calendar: new SlotCalendar({ catalogue: fixtures.catalogue, unit: (h) => options.units.find(h) }),
    rules: new BenefitRules(fixtures.benefits),
    healthIds: new HealthIdTokens({ secret: derive(options.secret, 'health-id') }),
    outbox: new JsonLinesOutbox(outboxFile),
    units: options.units,
    pseudonyms: options.pseudonyms,
    ...(options.connection === undefined ? {} : { careLedger: new StoreCareLedgerReader(referralModel(options.connection)) }),
  });
  return {
    service,
    citizenTokens: new CitizenTokens({ secret: derive(options.secret, 'citizen-token'), ttlSeconds: options.citizenTokenTtlSeconds ?? 2 * 3600 }),
    ready: async () => {
      await createIndexes();
      const seeded = await service.seedDemoCitizens(fixtures.demoCitizens, new Map(fixtures.accounts.map((a) => [a.username, a.passwordHash])));
      options.log(`wallet: ready (${String(seeded)} demo citizens created; SMS outbox ${outboxFile})`);
    },
  };
}
