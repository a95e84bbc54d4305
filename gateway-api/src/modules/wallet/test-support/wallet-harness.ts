import path from 'node:path';
import { PatientPseudonym } from '../../../patient/patient-pseudonym';
import { UnitRegistry } from '../../../units/unit-registry';
import { BenefitRules } from '../benefit-rules';
import type { BookingStore } from '../booking-store';
import type { CareLedgerReader } from '../care-ledger-reader';
import { InMemoryCitizenStore, type CitizenDoc } from '../citizen-store';
import { HealthIdTokens } from '../health-id';
import { InMemoryBookingStore } from '../in-memory-booking-store';
import { InMemoryOutbox, type MessageOutbox } from '../message-outbox';
import type { RegistrationStore } from '../registration-store';
import type { SessionStore } from '../session-store';
import { SlotCalendar } from '../slot-calendar';
import { loadWalletFixtures, type WalletFixtures } from '../wallet-fixtures';
import { hashPassword, WalletService } from '../wallet.service';

/** The repository's fixtures folder. */
export const FIXTURES_DIR = path.resolve(__dirname, '../../../../../fixtures');
/** Monday 30 November 2026, 10:00 in Thailand. */
export const MONDAY_10AM = new Date('2026-11-30T03:00:00.000Z');
/** Flu vaccine at health centre 03889, Tuesday 1 December 2026 09:00, capacity 5. */
export const FLU_SLOT = '03889.flu-vaccine.20261201.0900';
export const DEMO_PASSWORD = 'Referral#2026';

let cached: { fixtures: WalletFixtures; units: UnitRegistry; passwordHash: string } | undefined;
function shared(): { fixtures: WalletFixtures; units: UnitRegistry; passwordHash: string } {
  cached ??= {
    fixtures: loadWalletFixtures(FIXTURES_DIR),
    units: UnitRegistry.fromFile(path.join(FIXTURES_DIR, 'units.json')),
    passwordHash: hashPassword('Secret123'),
  };
  return cached;
}

/** A valid synthetic national ID from a 12-digit body. */
export function cidOf(body: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(body[i]) * (13 - i);
  return `${body}${String((11 - (sum % 11)) % 10)}`;
}

/** A wallet service on in-memory stores with a settable clock, the fixtures' demo citizens seeded. */
export async function walletHarness(options: { bookings?: BookingStore; careLedger?: CareLedgerReader; registrations?: RegistrationStore; sessions?: SessionStore; deliver?: (record: InMemoryOutbox) => MessageOutbox; now?: Date } = {}) {
  const { fixtures, units, passwordHash } = shared();
  const clock = { now: new Date(options.now ?? MONDAY_10AM) };
  const citizens = new InMemoryCitizenStore();
  const bookings = options.bookings ?? new InMemoryBookingStore();
  const outbox = new InMemoryOutbox();
  const pseudonyms = new PatientPseudonym(Buffer.alloc(32, 7));
  const healthIds = new HealthIdTokens({ secret: Buffer.alloc(32, 9), now: () => clock.now });
  const service = new WalletService({
    citizens,
    bookings,
    calendar: new SlotCalendar({ catalogue: fixtures.catalogue, unit: (h) => units.find(h) }),
    rules: new BenefitRules(fixtures.benefits),
    healthIds,
    outbox: options.deliver === undefined ? outbox : options.deliver(outbox),
    units,
    pseudonyms,
    now: () => clock.now,
    ...(options.registrations === undefined ? {} : { registrations: options.registrations }),
    ...(options.sessions === undefined ? {} : { sessions: options.sessions }),
    ...(options.careLedger === undefined ? {} : { careLedger: options.careLedger }),
  });
  await service.seedDemoCitizens(fixtures.demoCitizens, new Map(fixtures.accounts.map((a) => [a.username, a.passwordHash])));
  const byName = async (username: string): Promise<CitizenDoc> => {
    const c = await citizens.byUsername(username);
    if (c === undefined) throw new Error(`no demo citizen ${username}`);
    return c;
  };
  /** `n` extra citizens aged 70 (eligible for the flu vaccine), ids crowd-0.. */
  const crowd = async (n: number): Promise<CitizenDoc[]> => {
    const out: CitizenDoc[] = [];
    for (let i = 0; i < n; i += 1) {
      const doc: CitizenDoc = {
        id: `crowd-${String(i)}`,
        username: `crowd.${String(i)}`,
        displayName: `ประชาชน ${String(i)}`,
        pseudonym: pseudonyms.fromCid(cidOf(`7${String(i).padStart(11, '0')}`)),
        healthId: `C${String(i).padStart(9, '0')}`,
        birthDate: '1956-01-01',
        sex: 'M',
        riskGroups: [],
        mobile: '0899999999',
        homeHcode: '03889',
        passwordHash,
        createdAt: MONDAY_10AM.toISOString(),
      };
      await citizens.insert(doc);
      out.push(doc);
    }
    return out;
  };
  return { service, citizens, bookings, outbox, clock, healthIds, pseudonyms, units, fixtures, byName, crowd };
}
