import { createHash, randomBytes, randomInt, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../../http/api-error';
import type { PatientPseudonym } from '../../patient/patient-pseudonym';
import type { Unit, UnitRegistry } from '../../units/unit-registry';
import type { Principal } from '../auth/auth-token';
import { verifyPassword } from '../auth/password';
import { AttemptLimiter } from './attempt-limiter';
import type { BenefitRules, CitizenFacts } from './benefit-rules';
import { DuplicateKeyError, holdsSeat, type BookingDoc, type BookingStore } from './booking-store';
import type { CareLedgerReader, CareReferral } from './care-ledger-reader';
import type { CitizenDoc, CitizenStore } from './citizen-store';
import { newHealthId, type HealthIdCard, type HealthIdTokens } from './health-id';
import type { MessageOutbox } from './message-outbox';
import { InMemoryRegistrationStore, type RegistrationStore } from './registration-store';
import { nearestUnits, tambonsOf, type Tambon } from './nearest-units';
import { slotIdOf, type Slot, type SlotCalendar } from './slot-calendar';
import { InMemorySessionStore, type PublishedSession, type SessionStore } from './session-store';
import { addDays, ageOn, thaiDate, thaiInstant } from './thai-time';
import type { DemoCitizen } from './wallet-fixtures';

/** Options of {@link WalletService}. */
export interface WalletServiceOptions {
  readonly citizens: CitizenStore;
  readonly bookings: BookingStore;
  readonly calendar: SlotCalendar;
  readonly rules: BenefitRules;
  readonly healthIds: HealthIdTokens;
  readonly outbox: MessageOutbox;
  /** Sessions units published (in the store); in memory by default. */
  readonly sessions?: SessionStore;
  /** Pending registrations (in the store, so a restart keeps them); in memory by default. */
  readonly registrations?: RegistrationStore;
  readonly units: UnitRegistry;
  readonly pseudonyms: PatientPseudonym;
  /** Referrals about a citizen from the query store; without it history has no ledger part. */
  readonly careLedger?: CareLedgerReader;
  readonly now?: () => Date;
  /** Failed logins per username before a 15-minute lock-out (default 5). */
  readonly maxLoginFailures?: number;
  /** Wrong one-time codes per registration before it is void (default 5). */
  readonly maxOtpFailures?: number;
}

/** A booking as the citizen and staff see it. */
export interface BookingView extends Omit<BookingDoc, 'seatKey' | 'holderKey' | 'citizenId'> {
  readonly unitNameTh: string | null;
  readonly serviceNameTh: string | null;
}

/** A slot with its free seats. */
export interface SlotView extends Slot {
  readonly booked: number;
  readonly available: number;
}


/** Role of each step's signer, in Thai. */
const ROLE_TH: Record<string, string> = { clinician: 'แพทย์ผู้ส่งต่อ', nurse: 'พยาบาล', auditor: 'ผู้ตรวจสอบ', service: 'ระบบ' };
/** What each referral action means, in Thai. */
const ACTION_TH: Record<string, string> = {
  create: 'สร้างใบส่งตัว',
  receive: 'รับทราบใบส่งตัว',
  accept: 'ตอบรับการส่งตัว',
  reject: 'ปฏิเสธการส่งตัว',
  arrive: 'บันทึกว่าท่านมาถึงแล้ว',
  complete: 'ปิดการส่งตัว (รักษาเสร็จสิ้น)',
  'no-show': 'บันทึกว่าท่านไม่มาตามนัด',
  cancel: 'ยกเลิกใบส่งตัว',
};
const OTP_TTL_MS = 5 * 60 * 1000;
const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{8,128}$/;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** scrypt record `scrypt:<salt>:<hash>` as read by verifyPassword. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

/**
 * The citizen Smart Health Wallet: accounts, Health ID, benefits from the rule table, booking that
 * never overbooks (unique seat index), waiting list, reminders, nearest units, history; and the
 * staff side (resolve a Health ID, check in, no-show). Everything is off-chain except what the
 * citizen reads from the ledger (referrals about their pseudonym).
 */
export class WalletService {
  readonly #o: WalletServiceOptions;
  readonly #now: () => Date;
  readonly #logins: AttemptLimiter;
  readonly #pending: RegistrationStore;
  readonly #sessions: SessionStore;
  readonly #maxOtpFailures: number;

  public constructor(options: Readonly<WalletServiceOptions>) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
    this.#logins = new AttemptLimiter({ max: options.maxLoginFailures ?? 5, windowMs: 15 * 60 * 1000, now: () => this.#now().getTime() });
    this.#maxOtpFailures = options.maxOtpFailures ?? 5;
    this.#pending = options.registrations ?? new InMemoryRegistrationStore();
    this.#sessions = options.sessions ?? new InMemorySessionStore();
  }

  // ---------------------------------------------------------------- accounts

  /** Creates the demo citizens of the fixtures once (random Health IDs; only the pseudonym of the ID is kept). */
  public async seedDemoCitizens(demo: readonly DemoCitizen[], passwordHashes: ReadonlyMap<string, string>): Promise<number> {
    let created = 0;
    for (const c of demo) {
      const passwordHash = passwordHashes.get(c.username);
      if (passwordHash === undefined) continue;
      if ((await this.#o.citizens.byUsername(c.username)) !== undefined) continue;
      try {
        await this.#insertCitizen({
          username: c.username,
          displayName: c.displayName,
          pseudonym: this.#o.pseudonyms.fromCid(c.cid),
          birthDate: c.birthDate,
          sex: c.sex,
          riskGroups: c.riskGroups.filter((g) => this.#o.rules.isRiskGroup(g)),
          mobile: c.mobile,
          homeHcode: c.homeHcode,
          passwordHash,
        });
        created += 1;
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'CITIZEN_EXISTS')) throw err;
      }
    }
    return created;
  }

  /**
   * Starts a registration: checks the national ID (check digit), birth date and password rule, and sends a
   * 6-digit one-time code by SMS (outbox). Nothing is stored until the code is confirmed.
   */
  public async register(input: Readonly<{ cid: string; birthDate: string; sex: 'F' | 'M'; mobile: string; displayName: string; password: string; homeHcode?: string }>): Promise<{ registrationId: string; expiresAt: string; sentTo: string }> {
    const pseudonym = this.#o.pseudonyms.fromCid(input.cid); // INVALID_CID
    const today = thaiDate(this.#now());
    if (input.birthDate > today || input.birthDate < '1900-01-01') throw new ApiError('INVALID_ARGUMENT', 'birthDate must be a past date');
    if (!PASSWORD_RULE.test(input.password)) throw new ApiError('INVALID_ARGUMENT', 'password: at least 8 characters with a letter and a digit');
    if (input.homeHcode !== undefined && this.#o.units.find(input.homeHcode) === undefined) throw new ApiError('UNKNOWN_HCODE', `unknown unit ${input.homeHcode}`);
    if ((await this.#o.citizens.byPseudonym(pseudonym)) !== undefined) throw new ApiError('CITIZEN_EXISTS', 'this national ID already has a wallet; log in instead');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = randomUUID();
    const nowMs = this.#now().getTime();
    await this.#pending.insert({
      id,
      citizen: {
        // registered citizens log in with their national ID; the username is internal
        username: `citizen.${randomBytes(6).toString('hex')}`,
        displayName: input.displayName,
        pseudonym,
        birthDate: input.birthDate,
        sex: input.sex,
        riskGroups: [],
        mobile: input.mobile,
        homeHcode: input.homeHcode ?? null,
        passwordHash: hashPassword(input.password),
      },
      otpHash: sha256(`${id}:${code}`),
      expiresAt: nowMs + OTP_TTL_MS,
    });
    await this.#o.outbox.queue({ channel: 'sms', to: input.mobile, kind: 'otp', textTh: `รหัส OTP สำหรับสมัครกระเป๋าสุขภาพ: ${code} (ใช้ได้ 5 นาที ห้ามบอกผู้อื่น)`, queuedAt: new Date(nowMs).toISOString() });
    return { registrationId: id, expiresAt: new Date(nowMs + OTP_TTL_MS).toISOString(), sentTo: `${input.mobile.slice(0, 3)}xxx${input.mobile.slice(-4)}` };
  }

  /** Confirms a registration with its one-time code; creates the account and its Health ID. */
  public async confirmRegistration(registrationId: string, code: string): Promise<CitizenDoc> {
    const pending = await this.#pending.get(registrationId);
    const nowMs = this.#now().getTime();
    if (pending === undefined) throw new ApiError('OTP_INVALID', 'unknown registration or wrong code');
    if (pending.expiresAt <= nowMs) {
      await this.#pending.take(registrationId);
      throw new ApiError('OTP_EXPIRED', 'the one-time code has expired; register again');
    }
    // each try at the code first claims one of the registration's attempts (a unique key), so concurrent
    // guesses cannot get more than maxOtpFailures tries
    const attempt = await this.#pending.claimAttempt(registrationId, this.#maxOtpFailures);
    if (attempt === undefined) {
      await this.#pending.take(registrationId);
      throw new ApiError('TOO_MANY_ATTEMPTS', 'too many wrong codes; register again');
    }
    const expected = Buffer.from(pending.otpHash, 'hex');
    const actual = Buffer.from(sha256(`${registrationId}:${code}`), 'hex');
    if (!timingSafeEqual(expected, actual)) {
      if (attempt >= this.#maxOtpFailures) await this.#pending.take(registrationId);
      throw new ApiError(attempt >= this.#maxOtpFailures ? 'TOO_MANY_ATTEMPTS' : 'OTP_INVALID', 'wrong one-time code', { attemptsLeft: Math.max(0, this.#maxOtpFailures - attempt) });
    }
    // only the request that removes the registration creates the account
    if (!(await this.#pending.take(registrationId))) throw new ApiError('OTP_INVALID', 'unknown registration or wrong code');
    return this.#insertCitizen(pending.citizen);
  }

  /** Removes expired pending registrations (the scheduler calls it; the store's TTL index may do it too). */
  public async purgeExpiredRegistrations(): Promise<number> {
    return this.#pending.purgeExpired(this.#now().getTime());
  }

  /** Checks a citizen's username (or national ID) and password, with a lock-out after repeated failures. */
  public async login(usernameOrCid: string, password: string): Promise<CitizenDoc> {
    const key = /^\d{13}$/.test(usernameOrCid) ? `cid:${sha256(usernameOrCid)}` : `user:${usernameOrCid}`;
    this.#logins.check(key);
    let citizen: CitizenDoc | undefined;
    if (/^\d{13}$/.test(usernameOrCid)) {
      try {
        citizen = await this.#o.citizens.byPseudonym(this.#o.pseudonyms.fromCid(usernameOrCid));
      } catch {
        citizen = undefined;
      }
    } else {
      citizen = await this.#o.citizens.byUsername(usernameOrCid);
    }
    if (citizen === undefined || !verifyPassword(password, citizen.passwordHash)) {
      this.#logins.fail(key);
      throw new ApiError('INVALID_CREDENTIALS', 'unknown citizen or wrong password');
    }
    this.#logins.reset(key);
    return citizen;
  }

  /** The citizen's own account. @throws ApiError UNAUTHENTICATED when it no longer exists. */
  public async citizen(citizenId: string): Promise<CitizenDoc> {
    const c = await this.#o.citizens.byId(citizenId);
    if (c === undefined) throw new ApiError('UNAUTHENTICATED', 'citizen account not found');
    return c;
  }

  /** What the citizen sees of their account (never the national ID or the pseudonym). */
  public async profile(citizenId: string): Promise<Record<string, unknown>> {
    const c = await this.citizen(citizenId);
    const age = ageOn(c.birthDate, thaiDate(this.#now()));
    const home = c.homeHcode === null ? undefined : this.#o.units.find(c.homeHcode);
    return {
      username: c.username,
      displayName: c.displayName,
      healthId: c.healthId,
      birthDate: c.birthDate,
      age: age.years,
      sex: c.sex,
      riskGroups: c.riskGroups,
      homeUnit: home === undefined ? null : { hcode: home.hcode, nameTh: home.nameTh, nameEn: home.nameEn },
      mobile: `${c.mobile.slice(0, 3)}xxx${c.mobile.slice(-4)}`,
      lineLinked: typeof c.lineUserId === 'string' && c.lineUserId !== '',
    };
  }

  /** Links (or, with null, unlinks) the citizen's LINE account for reminders and booking messages. */
  public async setLineUserId(citizenId: string, lineUserId: string | null): Promise<Record<string, unknown>> {
    await this.citizen(citizenId);
    await this.#o.citizens.setLineUserId(citizenId, lineUserId);
    return this.profile(citizenId);
  }

  /** Replaces the citizen's declared risk groups (codes of the rule table). */
  public async setRiskGroups(citizenId: string, groups: readonly string[]): Promise<Record<string, unknown>> {
    const unknown = groups.filter((g) => !this.#o.rules.isRiskGroup(g));
    if (unknown.length > 0) throw new ApiError('INVALID_ARGUMENT', `unknown risk group ${unknown.join(', ')}`, { allowed: this.#o.rules.riskGroups.map((g) => g.code) });
    await this.#o.citizens.setRiskGroups(citizenId, [...new Set(groups)]);
    return this.profile(citizenId);
  }

  // ---------------------------------------------------------------- Health ID

  /** A fresh rotating QR token and short code for the citizen's Health ID. */
  public async healthIdCard(citizenId: string): Promise<HealthIdCard> {
    return this.#o.healthIds.issue((await this.citizen(citizenId)).healthId);
  }

  // ---------------------------------------------------------------- benefits

  /** Services the citizen is eligible for on `date` (default today), each with its rules, reasons and sources. */
  public async benefits(citizenId: string, date?: string): Promise<Record<string, unknown>> {
    const c = await this.citizen(citizenId);
    const on = date ?? thaiDate(this.#now());
    const eligible = this.#o.rules.eligibility(factsOf(c), on).map((e) => {
      const service = this.#o.calendar.services().find((s) => s.benefitService === e.service);
      return {
        service: e.service,
        nameTh: service?.nameTh ?? e.service,
        nameEn: service?.nameEn ?? e.service,
        bookable: service?.code ?? null,
        rules: e.matches.map((m) => ({
          id: m.rule.id,
          reasonTh: m.reasonTh,
          reasonEn: m.reasonEn,
          intervalMonths: m.rule.intervalMonths,
          effectiveFrom: m.rule.effectiveFrom,
          effectiveTo: m.rule.effectiveTo,
          source: m.rule.source,
          verified: m.rule.verified,
        })),
      };
    });
    return { date: on, ruleTableVersion: this.#o.rules.version, age: ageOn(c.birthDate, on).years, sex: c.sex, riskGroups: c.riskGroups, eligible };
  }

  // ---------------------------------------------------------------- slots and booking

  /** Bookable services, the risk groups one may declare, and the rule table's version. */
  public catalogue(): Record<string, unknown> {
    return {
      services: this.#o.calendar.services(),
      riskGroups: this.#o.rules.riskGroups,
      ruleTableVersion: this.#o.rules.version,
      bookingHorizonDays: this.#o.calendar.horizonDays,
    };
  }

  /** Slots of a unit with free seats, from `from` (default today) to `to` (default +13 days, at most the horizon). */
  public async slots(query: Readonly<{ hcode: string; service?: string; from?: string; to?: string }>): Promise<{ unit: Record<string, unknown>; slots: SlotView[] }> {
    const unit = this.#o.units.find(query.hcode);
    if (unit === undefined) throw new ApiError('UNKNOWN_HCODE', `unknown unit ${query.hcode}`);
    if (query.service !== undefined && this.#o.calendar.service(query.service) === undefined) throw new ApiError('UNKNOWN_SERVICE', `unknown service ${query.service}`);
    const now = this.#now();
    const today = thaiDate(now);
    const last = this.#o.calendar.lastBookableDate(now);
    const from = query.from !== undefined && query.from > today ? query.from : today;
    const toWanted = query.to ?? addDays(from, 13);
    const to = toWanted < last ? toWanted : last;
    if (to < from) return { unit: unitSummary(unit), slots: [] };
    if (addDays(from, 62) < to) throw new ApiError('INVALID_ARGUMENT', 'ask for at most 62 days at a time');
    const slots = this.#o.calendar.slots(query.hcode, from, to, query.service).filter((s) => Date.parse(s.startsAt) > now.getTime());
    const counts = await this.#o.bookings.countActive(slots.map((s) => s.id));
    return {
      unit: unitSummary(unit),
      slots: slots.map((s) => {
        const booked = counts.get(s.id) ?? 0;
        return { ...s, booked, available: Math.max(0, s.capacity - booked) };
      }),
    };
  }

  /**
   * Books a seat of `slotId` for the citizen. The seat is claimed by inserting the booking with a unique
   * `seatKey` (`<slot>#<seat>`, seats 1..capacity): concurrent requests for the last seats collide on the
   * index and move on, so a slot never holds more bookings than its capacity.
   */
  public async book(citizenId: string, input: Readonly<{ slotId: string; requestId?: string }>): Promise<{ booking: BookingView; created: boolean }> {
    const c = await this.citizen(citizenId);
    const slot = this.#bookableSlot(input.slotId, c);
    if (input.requestId !== undefined) {
      const existing = await this.#o.bookings.get(input.requestId);
      if (existing !== undefined) return { booking: this.#sameRequest(existing, c, slot), created: false };
    }
    const id = input.requestId ?? randomUUID();
    try {
      const booking = await this.#claimSeat(c, slot, id, 'citizen', null);
      await this.#notify(c, 'booking-confirmed', booking, `ยืนยันการจอง ${this.#describe(booking)} เลขที่นั่ง ${String(booking.seat)}`);
      return { booking: this.#view(booking), created: true };
    } catch (err) {
      if (err instanceof DuplicateKeyError && err.index === 'id' && input.requestId !== undefined) {
        const existing = await this.#o.bookings.get(input.requestId);
        if (existing !== undefined) return { booking: this.#sameRequest(existing, c, slot), created: false };
      }
      throw err;
    }
  }

  /** Cancels the citizen's own booking before it starts; the seat goes to the first on the waiting list. */
  public async cancel(citizenId: string, bookingId: string): Promise<BookingView> {
    const booking = await this.#ownBooking(citizenId, bookingId);
    if (Date.parse(booking.startsAt) <= this.#now().getTime()) throw new ApiError('SLOT_IN_PAST', 'the appointment has started or passed; it can no longer be cancelled');
    const cancelled = await this.#release(booking.id, 'cancelled');
    if (cancelled === undefined) throw new ApiError('BOOKING_NOT_ACTIVE', `booking ${bookingId} is not active`);
    await this.#promoteWaiting(booking.slotId);
    return this.#view(cancelled);
  }

  /** Moves the citizen's booking to another slot: the new seat is taken first, then the old one is released. */
  public async reschedule(citizenId: string, bookingId: string, slotId: string): Promise<BookingView> {
    const old = await this.#ownBooking(citizenId, bookingId);
    if (old.status !== 'booked') throw new ApiError('BOOKING_NOT_ACTIVE', `booking ${bookingId} is not active`);
    if (Date.parse(old.startsAt) <= this.#now().getTime()) throw new ApiError('SLOT_IN_PAST', 'the appointment has started or passed');
    const c = await this.citizen(citizenId);
    const slot = this.#bookableSlot(slotId, c);
    const fresh = await this.#claimSeat(c, slot, randomUUID(), 'citizen', old.id);
    const released = await this.#release(old.id, 'cancelled');
    if (released === undefined) {
      // the old booking changed meanwhile: undo the new one, nothing was moved
      await this.#release(fresh.id, 'cancelled');
      throw new ApiError('BOOKING_NOT_ACTIVE', `booking ${bookingId} is not active`);
    }
    await this.#promoteWaiting(old.slotId);
    await this.#notify(c, 'booking-confirmed', fresh, `เลื่อนนัดเป็น ${this.#describe(fresh)} แล้ว`);
    return this.#view(fresh);
  }

  /** Puts the citizen on the waiting list of a full slot. */
  public async joinWaitingList(citizenId: string, slotId: string): Promise<{ slotId: string; position: number }> {
    const c = await this.citizen(citizenId);
    const slot = this.#bookableSlot(slotId, c);
    const booked = (await this.#o.bookings.countActive([slot.id])).get(slot.id) ?? 0;
    if (booked < slot.capacity) throw new ApiError('SLOT_HAS_SEATS', 'this slot still has free seats; book it instead', { available: slot.capacity - booked });
    if ((await this.#o.bookings.byCitizen(c.id)).some((b) => b.slotId === slot.id && holdsSeat(b.status))) throw new ApiError('ALREADY_BOOKED', 'you already have a booking for this slot');
    try {
      await this.#o.bookings.insertWaiting({ id: randomUUID(), citizenId: c.id, slotId: slot.id, holderKey: `${c.id}|${slot.id}`, createdAt: this.#now().toISOString() });
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new ApiError('ALREADY_WAITING', 'you are already on the waiting list of this slot');
      throw err;
    }
    const list = await this.#o.bookings.waitingFor(slot.id);
    return { slotId: slot.id, position: list.findIndex((w) => w.citizenId === c.id) + 1 };
  }

  /** The citizen's bookings (newest first) and waiting-list entries. */
  public async myBookings(citizenId: string): Promise<{ bookings: BookingView[]; waiting: Array<{ slotId: string; since: string }> }> {
    const c = await this.citizen(citizenId);
    const [bookings, waiting] = await Promise.all([this.#o.bookings.byCitizen(c.id), this.#o.bookings.waitingOf(c.id)]);
    return { bookings: bookings.map((b) => this.#view(b)), waiting: waiting.map((w) => ({ slotId: w.slotId, since: w.createdAt })) };
  }

  /**
   * Queues a reminder for every booking on `date` (Thai calendar date) that has none yet: the scheduler calls it
   * once a day for the next day. Idempotent: each booking's reminder is claimed with a conditional update.
   */
  public async queueRemindersFor(date: string): Promise<number> {
    const due = await this.#o.bookings.dueReminders(thaiInstant(date, '00:00').toISOString(), thaiInstant(addDays(date, 1), '00:00').toISOString());
    return this.#sendReminders(due);
  }

  /** Queues a reminder (SMS) for every booking that starts within the next 24 hours and has none yet. */
  public async queueReminders(): Promise<number> {
    const now = this.#now();
    const due = await this.#o.bookings.dueReminders(now.toISOString(), new Date(now.getTime() + 24 * 3600 * 1000).toISOString());
    return this.#sendReminders(due);
  }

  async #sendReminders(due: readonly BookingDoc[]): Promise<number> {
    const now = this.#now();
    let sent = 0;
    for (const b of due) {
      if (!(await this.#o.bookings.markReminded(b.id, now.toISOString()))) continue;
      const c = await this.#o.citizens.byId(b.citizenId);
      if (c === undefined) continue;
      await this.#notify(c, 'reminder', b, `เตือนนัดพรุ่งนี้: ${this.#describe(b)} กรุณาแสดง Health ID เมื่อมาถึง`);
      sent += 1;
    }
    return sent;
  }

  // ---------------------------------------------------------------- nearest units

  /** Tambons to choose from when the browser's location is not shared. */
  public tambons(): Tambon[] {
    return tambonsOf(this.#o.units.all());
  }

  /** The units nearest to a point or a tambon, with distance, opening hours and services. */
  public nearest(query: Readonly<{ lat?: number; lng?: number; tambon?: string; service?: string; limit?: number }>): Record<string, unknown> {
    let from: { lat: number; lng: number };
    let tambon: Tambon | undefined;
    if (query.tambon !== undefined) {
      tambon = this.tambons().find((t) => t.code === query.tambon);
      if (tambon === undefined) throw new ApiError('UNKNOWN_TAMBON', `unknown tambon ${query.tambon} (GET /api/wallet/tambons)`);
      from = { lat: tambon.lat, lng: tambon.lng };
    } else if (query.lat !== undefined && query.lng !== undefined) {
      from = { lat: query.lat, lng: query.lng };
    } else {
      throw new ApiError('INVALID_ARGUMENT', 'give lat and lng, or tambon');
    }
    const service = query.service;
    if (service !== undefined && this.#o.calendar.service(service) === undefined) throw new ApiError('UNKNOWN_SERVICE', `unknown service ${service}`);
    const found = nearestUnits(this.#o.units.all(), from, query.limit ?? 5, (u) => service === undefined || this.#o.calendar.servicesAt(u.hcode).includes(service));
    return {
      from: { ...from, tambon: tambon === undefined ? null : { code: tambon.code, nameTh: tambon.nameTh, nameEn: tambon.nameEn } },
      units: found.map(({ unit, distanceKm }) => ({
        ...unitSummary(unit),
        distanceKm,
        openingHours: this.#o.calendar.openingHoursOf(unit.hcode) ?? null,
        services: this.#o.calendar.servicesAt(unit.hcode).map((code) => ({ code, nameTh: this.#o.calendar.service(code)?.nameTh ?? code })),
      })),
    };
  }

  // ---------------------------------------------------------------- history

  /** Bookings and visits, referrals about the citizen and every ledger step about them, in plain Thai. */
  public async history(citizenId: string): Promise<Record<string, unknown>> {
    const c = await this.citizen(citizenId);
    const bookings = (await this.#o.bookings.byCitizen(c.id)).map((b) => this.#view(b));
    let referrals: CareReferral[] = [];
    let ledgerAvailable = this.#o.careLedger !== undefined;
    if (this.#o.careLedger !== undefined) {
      try {
        referrals = await this.#o.careLedger.referralsAbout(c.pseudonym);
      } catch {
        ledgerAvailable = false;
      }
    }
    const events = referrals
      .flatMap((r) =>
        r.steps.map((s) => {
          const unit = this.#o.units.find(s.hcode);
          const who = `${unit?.nameTh ?? s.hcode} (${ROLE_TH[s.role] ?? s.role})`;
          return {
            referralId: r.id,
            kind: r.kind,
            action: s.action,
            status: s.status,
            at: s.at,
            hcode: s.hcode,
            unitNameTh: unit?.nameTh ?? null,
            role: s.role,
            mspId: s.mspId,
            txId: s.txId,
            textTh: `${who} ${ACTION_TH[s.action] ?? s.action} (ใบส่งตัว ${r.id})`,
          };
        }),
      )
      .sort((a, b) => b.at.localeCompare(a.at) || a.txId.localeCompare(b.txId));
    return {
      bookings,
      referrals: referrals.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        from: { hcode: r.fromHcode, nameTh: this.#o.units.find(r.fromHcode)?.nameTh ?? null },
        to: { hcode: r.toHcode, nameTh: this.#o.units.find(r.toHcode)?.nameTh ?? null },
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      })),
      ledgerEvents: events,
      ledgerAvailable,
      verifyHint: 'each event carries its Fabric transaction ID (txId); an auditor can check it with POST /api/audit/verify or the peer (qscc GetTransactionByID)',
    };
  }

  // ---------------------------------------------------------------- staff side

  /** Opens a patient's context from a Health ID QR token or short code (staff of a unit). */
  public async resolve(staff: Principal, proof: string): Promise<Record<string, unknown>> {
    requireDeskRole(staff);
    const c = await this.#citizenByProof(proof);
    const today = thaiDate(this.#now());
    const todays = (await this.#o.bookings.byCitizen(c.id)).filter((b) => b.hcode === staff.hcode && b.date === today);
    return {
      healthId: c.healthId,
      displayName: c.displayName,
      age: ageOn(c.birthDate, today).years,
      sex: c.sex,
      riskGroups: c.riskGroups,
      bookingsToday: todays.map((b) => this.#view(b)),
    };
  }

  /**
   * Who a Health ID QR token or short code proves, for another module of the gateway (the kiosk): the Health ID
   * and the citizen's keyed pseudonym. Same errors as {@link resolve}; no role check (the caller checks its own).
   */
  public async identifyByProof(proof: string): Promise<{ healthId: string; pseudonym: string }> {
    const c = await this.#citizenByProof(proof);
    return { healthId: c.healthId, pseudonym: c.pseudonym };
  }

  /** Checks a citizen in for today's booking at the staff member's unit (by Health ID). */
  public async checkIn(staff: Principal, proof: string, bookingId?: string): Promise<BookingView> {
    requireDeskRole(staff);
    const c = await this.#citizenByProof(proof);
    const today = thaiDate(this.#now());
    const candidates = (await this.#o.bookings.byCitizen(c.id)).filter(
      (b) => b.hcode === staff.hcode && b.date === today && b.status === 'booked' && (bookingId === undefined || b.id === bookingId),
    );
    const booking = candidates.sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
    if (booking === undefined) throw new ApiError('NO_BOOKING_TODAY', `no booking today at unit ${staff.hcode} for this Health ID`);
    const done = await this.#o.bookings.transition(booking.id, ['booked'], { status: 'checked-in', updatedAt: this.#now().toISOString() });
    if (done === undefined) throw new ApiError('BOOKING_NOT_ACTIVE', `booking ${booking.id} is not active`);
    return this.#view(done);
  }

  /** Marks a booking of the staff member's unit as a no-show, once its time has passed. */
  public async noShow(staff: Principal, bookingId: string): Promise<BookingView> {
    requireDeskRole(staff);
    const booking = await this.#o.bookings.get(bookingId);
    if (booking === undefined) throw new ApiError('BOOKING_NOT_FOUND', `no booking ${bookingId}`);
    if (booking.hcode !== staff.hcode) throw new ApiError('FORBIDDEN_UNIT', 'the booking is at another unit');
    if (Date.parse(booking.startsAt) > this.#now().getTime()) throw new ApiError('INVALID_TRANSITION', 'a booking becomes a no-show only after its time');
    const done = await this.#release(booking.id, 'no-show');
    if (done === undefined) throw new ApiError('BOOKING_NOT_ACTIVE', `booking ${bookingId} is not active`);
    return this.#view(done);
  }

  /** The bookings of the staff member's unit on a date (default today). */
  public async unitDay(staff: Principal, date?: string): Promise<{ hcode: string; date: string; bookings: BookingView[] }> {
    requireDeskRole(staff);
    const on = date ?? thaiDate(this.#now());
    return { hcode: staff.hcode, date: on, bookings: (await this.#o.bookings.byUnitAndDate(staff.hcode, on)).map((b) => this.#view(b)) };
  }

  // ---------------------------------------------------------------- sessions units publish

  /** Loads the published sessions from today on into the calendar (at start-up). */
  public async loadPublishedSessions(): Promise<number> {
    const list = await this.#sessions.from(thaiDate(this.#now()));
    this.#o.calendar.publish(...list);
    return list.length;
  }

  /**
   * Publishes a session of the staff member's unit: a service on one date at the given times, `capacity` seats
   * per slot. Times already offered (a weekly template or an earlier session) are refused: one slot, one capacity.
   */
  public async publishSession(staff: Principal, input: Readonly<{ service: string; date: string; times: readonly string[]; capacity: number }>): Promise<Record<string, unknown>> {
    requireDeskRole(staff);
    const unit = this.#o.units.find(staff.hcode);
    if (unit === undefined || unit.type === 'provincial-office') throw new ApiError('FORBIDDEN_UNIT', 'only service units publish sessions');
    if (this.#o.calendar.service(input.service) === undefined) throw new ApiError('UNKNOWN_SERVICE', `unknown service ${input.service}`);
    const now = this.#now();
    if (input.date > this.#o.calendar.lastBookableDate(now)) throw new ApiError('SLOT_NOT_OPEN', `sessions are published at most ${String(this.#o.calendar.horizonDays)} days ahead`);
    const times = [...new Set(input.times)].sort();
    if (times.some((t) => thaiInstant(input.date, t).getTime() <= now.getTime())) throw new ApiError('SLOT_IN_PAST', 'a session time has already passed');
    const id = `${staff.hcode}.${input.service}.${input.date.replaceAll('-', '')}`;
    const clash = times.filter((t) => this.#o.calendar.templateSlot(staff.hcode, input.service, input.date, t));
    if (this.#o.calendar.published(id) !== undefined || clash.length > 0) {
      throw new ApiError('SESSION_EXISTS', clash.length > 0 ? `already offered at ${clash.join(', ')} by the unit's weekly schedule` : `session ${id} is already published`, { sessionId: id, times: clash });
    }
    const session: PublishedSession = { id, hcode: staff.hcode, service: input.service, date: input.date, times, capacity: input.capacity, publishedBy: staff.username, publishedAt: now.toISOString() };
    try {
      await this.#sessions.insert(session);
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new ApiError('SESSION_EXISTS', `session ${id} is already published`, { sessionId: id });
      throw err;
    }
    this.#o.calendar.publish(session);
    return this.#sessionView(session);
  }

  /** The sessions the staff member's unit published, from today on, with their bookings per slot. */
  public async unitSessions(staff: Principal): Promise<{ hcode: string; sessions: Array<Record<string, unknown>> }> {
    requireDeskRole(staff);
    const list = this.#o.calendar.publishedAt(staff.hcode, thaiDate(this.#now()));
    return { hcode: staff.hcode, sessions: await Promise.all(list.map(async (s) => this.#sessionView(s))) };
  }

  /** Withdraws a published session of the staff member's unit while none of its slots has a booking. */
  public async withdrawSession(staff: Principal, id: string): Promise<Record<string, unknown>> {
    requireDeskRole(staff);
    const session = this.#o.calendar.published(id);
    if (session === undefined) throw new ApiError('SESSION_NOT_FOUND', `no published session ${id}`);
    if (session.hcode !== staff.hcode) throw new ApiError('FORBIDDEN_UNIT', 'the session belongs to another unit');
    // closed to new bookings first, then counted: a booking cannot slip in between the count and the removal
    this.#o.calendar.withdraw(id);
    const view = await this.#sessionView(session);
    if (view.booked > 0) {
      this.#o.calendar.publish(session);
      throw new ApiError('SESSION_HAS_BOOKINGS', 'citizens have booked this session; cancel their bookings first', { booked: view.booked });
    }
    await this.#sessions.remove(id);
    return { ...view, withdrawn: true };
  }

  async #sessionView(s: PublishedSession): Promise<Record<string, unknown> & { booked: number }> {
    const ids = s.times.map((t) => slotIdOf(s.hcode, s.service, s.date, t));
    const counts = await this.#o.bookings.countActive(ids);
    const slots = ids.map((slotId, i) => ({ id: slotId, time: s.times[i], capacity: s.capacity, booked: counts.get(slotId) ?? 0 }));
    return { ...s, serviceNameTh: this.#o.calendar.service(s.service)?.nameTh ?? s.service, slots, booked: slots.reduce((n, x) => n + x.booked, 0) };
  }

  // ---------------------------------------------------------------- internals

  async #insertCitizen(fields: Omit<CitizenDoc, 'id' | 'healthId' | 'createdAt'>): Promise<CitizenDoc> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const doc: CitizenDoc = { ...fields, id: randomUUID(), healthId: newHealthId(), createdAt: this.#now().toISOString() };
      try {
        await this.#o.citizens.insert(doc);
        return doc;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        if ((await this.#o.citizens.byPseudonym(fields.pseudonym)) !== undefined || (await this.#o.citizens.byUsername(fields.username)) !== undefined) {
          throw new ApiError('CITIZEN_EXISTS', 'this citizen already has a wallet');
        }
        // a Health ID collision: draw another one
      }
    }
    throw new ApiError('INTERNAL', 'could not allocate a Health ID');
  }

  #bookableSlot(slotId: string, c: CitizenDoc): Slot {
    const slot = this.#o.calendar.find(slotId);
    if (slot === undefined) throw new ApiError('SLOT_NOT_FOUND', `no slot ${slotId}`);
    const now = this.#now();
    if (Date.parse(slot.startsAt) <= now.getTime()) throw new ApiError('SLOT_IN_PAST', `slot ${slotId} has already started`);
    if (slot.date > this.#o.calendar.lastBookableDate(now)) throw new ApiError('SLOT_NOT_OPEN', `booking opens ${String(this.#o.calendar.horizonDays)} days ahead`);
    const service = this.#o.calendar.service(slot.service);
    if (service !== undefined && service.benefitService !== null) {
      const matches = this.#o.rules.matchesFor(factsOf(c), service.benefitService, slot.date);
      if (matches.length === 0) {
        const rules = this.#o.rules.rulesOn(slot.date, service.benefitService);
        throw new ApiError('NOT_ELIGIBLE', `not eligible for ${service.code} on ${slot.date} under the benefit rules`, {
          service: service.code,
          rules: rules.map((r) => ({ id: r.id, sex: r.sex, ageMin: r.ageMin, ageMax: r.ageMax, ageUnit: r.ageUnit, riskGroup: r.riskGroup, source: r.source, verified: r.verified })),
        });
      }
    }
    return slot;
  }

  async #claimSeat(c: CitizenDoc, slot: Slot, id: string, via: BookingDoc['via'], rescheduledFrom: string | null): Promise<BookingDoc> {
    // free seats now, tried in random order so that concurrent requests spread over them; every few
    // collisions the free seats are read again, and an empty list ends it (the unique seat index stays the guarantee)
    const freeSeats = async (): Promise<number[]> => {
      const taken = new Set(await this.#o.bookings.takenSeats(slot.id));
      return shuffle(Array.from({ length: slot.capacity }, (_, i) => i + 1).filter((s) => !taken.has(s)));
    };
    let free = await freeSeats();
    const at = this.#now().toISOString();
    let collisions = 0;
    while (free.length > 0) {
      const seat = free.shift() as number;
      const doc: BookingDoc = {
        id,
        citizenId: c.id,
        slotId: slot.id,
        hcode: slot.hcode,
        service: slot.service,
        date: slot.date,
        time: slot.time,
        startsAt: slot.startsAt,
        seat,
        status: 'booked',
        seatKey: `${slot.id}#${String(seat)}`,
        holderKey: `${c.id}|${slot.id}`,
        createdAt: at,
        updatedAt: at,
        reminderQueuedAt: null,
        rescheduledFrom,
        via,
      };
      try {
        await this.#o.bookings.insert(doc);
        return doc;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        if (err.index === 'holder') throw new ApiError('ALREADY_BOOKED', 'you already have a booking for this slot');
        if (err.index === 'id') throw err;
        // seat taken by a concurrent booking
        collisions += 1;
        if (collisions % 3 === 0) {
          const now = new Set(await freeSeats());
          free = free.filter((s) => now.has(s));
        }
      }
    }
    throw slotFull(slot);
  }

  async #release(id: string, status: 'cancelled' | 'no-show'): Promise<BookingDoc | undefined> {
    return this.#o.bookings.transition(id, ['booked'], { status, seatKey: `free:${id}`, holderKey: `free:${id}`, updatedAt: this.#now().toISOString() });
  }

  async #promoteWaiting(slotId: string): Promise<void> {
    const slot = this.#o.calendar.find(slotId);
    if (slot === undefined || Date.parse(slot.startsAt) <= this.#now().getTime()) return;
    for (const entry of await this.#o.bookings.waitingFor(slotId)) {
      const c = await this.#o.citizens.byId(entry.citizenId);
      if (c === undefined) {
        await this.#o.bookings.removeWaiting(entry.id);
        continue;
      }
      try {
        const booking = await this.#claimSeat(c, slot, randomUUID(), 'waiting-list', null);
        await this.#o.bookings.removeWaiting(entry.id);
        await this.#notify(c, 'waiting-list-seat', booking, `มีที่ว่างแล้ว: จองให้ท่าน ${this.#describe(booking)} (ยกเลิกได้ในแอป)`);
        return;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'SLOT_FULL') return;
        if (err instanceof ApiError && err.code === 'ALREADY_BOOKED') {
          await this.#o.bookings.removeWaiting(entry.id);
          continue;
        }
        throw err;
      }
    }
  }

  async #ownBooking(citizenId: string, bookingId: string): Promise<BookingDoc> {
    const booking = await this.#o.bookings.get(bookingId);
    // another citizen's booking is answered exactly like a missing one (no existence oracle)
    if (booking === undefined || booking.citizenId !== citizenId) throw new ApiError('BOOKING_NOT_FOUND', `no booking ${bookingId}`);
    return booking;
  }

  #sameRequest(existing: BookingDoc, c: CitizenDoc, slot: Slot): BookingView {
    if (existing.citizenId !== c.id || existing.slotId !== slot.id) throw new ApiError('BOOKING_EXISTS', `booking id ${existing.id} is already used for another booking`);
    return this.#view(existing);
  }

  async #citizenByProof(proof: string): Promise<CitizenDoc> {
    const healthId = this.#o.healthIds.verify(proof);
    const c = await this.#o.citizens.byHealthId(healthId);
    if (c === undefined) throw new ApiError('CITIZEN_NOT_FOUND', 'no wallet with this Health ID');
    return c;
  }

  async #notify(c: CitizenDoc, kind: 'booking-confirmed' | 'reminder' | 'waiting-list-seat', booking: BookingDoc, textTh: string): Promise<void> {
    const queuedAt = this.#now().toISOString();
    // LINE for a citizen who linked it (SMS when LINE is off or fails), else SMS
    if (typeof c.lineUserId === 'string' && c.lineUserId !== '') {
      await this.#o.outbox.queue({ channel: 'line', to: c.lineUserId, fallbackTo: c.mobile, kind, textTh, bookingId: booking.id, queuedAt });
    } else {
      await this.#o.outbox.queue({ channel: 'sms', to: c.mobile, kind, textTh, bookingId: booking.id, queuedAt });
    }
  }

  #describe(b: BookingDoc): string {
    const service = this.#o.calendar.service(b.service)?.nameTh ?? b.service;
    const unit = this.#o.units.find(b.hcode)?.nameTh ?? b.hcode;
    const [y, m, d] = b.date.split('-').map(Number) as [number, number, number];
    return `${service} ที่${unit} วันที่ ${String(d)}/${String(m)}/${String(y + 543)} เวลา ${b.time} น.`;
  }

  #view(b: BookingDoc): BookingView {
    const { seatKey: _s, holderKey: _h, citizenId: _c, ...rest } = b;
    return { ...rest, unitNameTh: this.#o.units.find(b.hcode)?.nameTh ?? null, serviceNameTh: this.#o.calendar.service(b.service)?.nameTh ?? null };
  }
}

/** The array in random order (Fisher–Yates). */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

function slotFull(slot: Slot): ApiError {
  return new ApiError('SLOT_FULL', `slot ${slot.id} is full`, { slotId: slot.id, capacity: slot.capacity, waitingList: 'POST /api/wallet/me/waiting-list' });
}

function factsOf(c: CitizenDoc): CitizenFacts {
  return { birthDate: c.birthDate, sex: c.sex, riskGroups: c.riskGroups };
}

function unitSummary(u: Unit): Record<string, unknown> {
  return { hcode: u.hcode, nameTh: u.nameTh, nameEn: u.nameEn, type: u.type, district: u.district, lat: u.lat, lng: u.lng };
}

/** Desk staff (clinicians and nurses) may open a Health ID and check citizens in at their own unit. */
function requireDeskRole(staff: Principal): void {
  if (staff.role !== 'clinician' && staff.role !== 'nurse') throw new ApiError('FORBIDDEN_ROLE', 'only unit staff (clinician, nurse) use the Health ID desk');
}
