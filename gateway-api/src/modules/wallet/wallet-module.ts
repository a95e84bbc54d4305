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
import { DispatchingOutbox, HttpLineMessenger, lineSettingsFrom, type LineMessenger } from './line-messenger';
import { JsonLinesOutbox } from './message-outbox';
import { InMemoryRegistrationStore, MongoRegistrationStore, walletRegistrationModel, type RegistrationStore } from './registration-store';
import { InMemoryJobLog, MongoJobLog, ReminderScheduler, walletJobModel, type JobLog } from './reminder-scheduler';
import { InMemorySessionStore, MongoSessionStore, walletSessionModel, type SessionStore } from './session-store';
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
  /** Environment (LINE adapter: WALLET_LINE_ENABLED, WALLET_LINE_TOKEN, WALLET_LINE_ENDPOINT; reminders: WALLET_REMINDER_HOUR, WALLET_SCHEDULER=off). */
  readonly env?: NodeJS.ProcessEnv;
  /** A LINE messenger to use instead of the one the environment configures (tests). */
  readonly line?: LineMessenger;
}

/** The wired wallet: its service, citizen tokens, and `ready()` (indexes + demo citizens, after the store is up). */
export interface Wallet {
  readonly service: WalletService;
  readonly citizenTokens: CitizenTokens;
  /** The daily reminder timer (started by `ready()`). */
  readonly scheduler: ReminderScheduler;
  ready(): Promise<void>;
  stop(): Promise<void>;
}

const derive = (secret: string, label: string): Buffer => createHmac('sha256', secret).update(`wallet:${label}`).digest();

/** Builds the wallet from fixtures/wallet and the store; the SMS/LINE simulator writes to <runtime>/outbox/wallet-sms.jsonl. */
export function createWallet(options: Readonly<CreateWalletOptions>): Wallet {
  const fixtures = loadWalletFixtures(path.join(options.rootDir, 'fixtures'));
  let bookings: BookingStore;
  let citizens: CitizenStore;
  let registrations: RegistrationStore;
  let sessions: SessionStore;
  let jobs: JobLog;
  let createIndexes = async (): Promise<void> => Promise.resolve();
  if (options.connection !== undefined) {
    const mongoBookings = new MongoBookingStore(walletBookingModels(options.connection));
    const mongoCitizens = new MongoCitizenStore(walletCitizenModel(options.connection));
    const mongoRegistrations = new MongoRegistrationStore(walletRegistrationModel(options.connection));
    const mongoSessions = new MongoSessionStore(walletSessionModel(options.connection));
    bookings = mongoBookings;
    citizens = mongoCitizens;
    registrations = mongoRegistrations;
    sessions = mongoSessions;
    jobs = new MongoJobLog(walletJobModel(options.connection));
    createIndexes = async () => {
      await mongoBookings.createIndexes();
      await mongoCitizens.createIndexes();
      await mongoRegistrations.createIndexes();
      await mongoSessions.createIndexes();
      if (!mongoRegistrations.hasTtlIndex) options.log('wallet: the store has no TTL indexes; the scheduler purges expired registrations');
    };
  } else {
    bookings = new InMemoryBookingStore();
    citizens = new InMemoryCitizenStore();
    registrations = new InMemoryRegistrationStore();
    sessions = new InMemorySessionStore();
    jobs = new InMemoryJobLog();
  }
  const env = options.env ?? process.env;
  const lineSettings = lineSettingsFrom(env);
  const line = options.line ?? (lineSettings.enabled ? new HttpLineMessenger(lineSettings) : undefined);
  const outboxFile = path.join(options.runtimeDir, 'outbox', 'wallet-sms.jsonl');
  const service = new WalletService({
    citizens,
    bookings,
    calendar: new SlotCalendar({ catalogue: fixtures.catalogue, unit: (h) => options.units.find(h) }),
    rules: new BenefitRules(fixtures.benefits),
    healthIds: new HealthIdTokens({ secret: derive(options.secret, 'health-id') }),
    outbox: new DispatchingOutbox(new JsonLinesOutbox(outboxFile), line, options.log),
    registrations,
    sessions,
    units: options.units,
    pseudonyms: options.pseudonyms,
    ...(options.connection === undefined ? {} : { careLedger: new StoreCareLedgerReader(referralModel(options.connection)) }),
  });
  const scheduler = new ReminderScheduler({ work: service, jobs, runAtHour: Number(env.WALLET_REMINDER_HOUR ?? 9), log: options.log });
  return {
    service,
    scheduler,
    citizenTokens: new CitizenTokens({ secret: derive(options.secret, 'citizen-token'), ttlSeconds: options.citizenTokenTtlSeconds ?? 2 * 3600 }),
    ready: async () => {
      await createIndexes();
      const seeded = await service.seedDemoCitizens(fixtures.demoCitizens, new Map(fixtures.accounts.map((a) => [a.username, a.passwordHash])));
      const published = await service.loadPublishedSessions();
      if (env.WALLET_SCHEDULER !== 'off') scheduler.start();
      options.log(`wallet: ready (${String(seeded)} demo citizens created; ${String(published)} published sessions; SMS outbox ${outboxFile}; LINE ${line === undefined ? 'off' : 'on'})`);
    },
    stop: async () => scheduler.stop(),
  };
}
