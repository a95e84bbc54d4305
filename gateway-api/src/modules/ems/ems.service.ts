import { randomUUID } from 'node:crypto';
import { ApiError } from '../../http/api-error';
import { jsonOf, type LedgerAccess, type LedgerContract } from '../../fabric/ledger-contract';
import type { PatientPseudonym } from '../../patient/patient-pseudonym';
import type { UnitRegistry } from '../../units/unit-registry';
import type { Principal } from '../auth/auth-token';
import type { Role } from '../auth/user-directory';
import { estimateEta, type LatLng, type TambonGazetteer } from './ems-geo';
import type { EmsLiveHub, LiveScope } from './ems-live';
import type { CaseMessage, CaseStatus, EmsCase, ReadingFlag, UnitState, VitalReading } from './ems-model';
import { levelSuffices, type AmbulanceUnit, type EmsRules, type VitalSignCode } from './ems-rules';
import type { EmsStore } from './ems-store';
import type { EmsReferralRequest, IntakeRequest, TelemetryMessage } from './ems.schemas';
import type { SmsOutbox } from './sms-outbox';
import { nextStatuses, transitionOf, type Milestone, type UnitStatus } from './unit-status';

/** Telemetry of this many milliseconds is written in one batch. */
const BATCH_MS = 25;
/** How long telemetry may use a cached unit state and case (changes clear it at once). */
const CONTEXT_TTL_MS = 2000;

/** Name of the chaincode contract that keeps the case milestones. */
export const EMS_CONTRACT = 'EmsContract';

/** What the EMS service needs. */
export interface EmsServiceDeps {
  readonly rules: EmsRules;
  readonly store: EmsStore;
  readonly ledger: LedgerAccess;
  readonly units: UnitRegistry;
  readonly gazetteer: TambonGazetteer;
  readonly pseudonyms: PatientPseudonym;
  readonly live: EmsLiveHub;
  readonly sms: SmsOutbox;
  readonly now?: () => Date;
  /** Creates a referral as the caller (the referral module's service); without it, referrals from EMS cases are off. */
  readonly referrals?: ReferralStarter;
}

/** What the EMS module needs of the referral module: create a referral signed by the caller. */
export interface ReferralStarter {
  create(
    caller: Principal,
    request: { referralId?: string; patient: { cid: string }; toHcode: string; reasonCode: '1' | '2' | '3' | '4' | '5'; priority: number; fastTrack?: '01' | '02' | '03' | '04' | '05' | '06' | '07' | '99'; careDuringTransfer?: ('1' | '2' | '3' | '4' | '5' | '6')[] },
  ): Promise<{ referral: unknown; txId: string }>;
}

/** Default referral priority by triage colour (1 life threatening … 4 non-urgent). */
const PRIORITY_OF_COLOUR: Readonly<Record<string, number>> = { red: 1, yellow: 2, green: 3, white: 4 };
/** Default Thai fast track by complaint: 01 STEMI, 02 stroke, 03 trauma, 06 pregnancy. */
const FAST_TRACK_OF_COMPLAINT: Readonly<Record<string, '01' | '02' | '03' | '06'>> = {
  'chest-pain': '01',
  stroke: '02',
  'road-traffic-injury': '03',
  pregnancy: '06',
};

/** A unit as the dispatcher sees it: fleet data plus live state and, for a case, distance and ETA. */
export interface UnitView extends UnitState {
  readonly level: AmbulanceUnit['level'];
  readonly callSign: string;
  readonly hcode: string;
  readonly base: LatLng;
  readonly distanceKm?: number;
  readonly etaMinutes?: number;
}

/** Unit status → the case status it implies. */
const CASE_STATUS_OF: Readonly<Record<UnitStatus, CaseStatus>> = {
  available: 'closed',
  dispatched: 'dispatched',
  'en-route': 'en-route',
  'on-scene': 'on-scene',
  transporting: 'transporting',
  'at-hospital': 'at-hospital',
};

function requireRole(caller: Principal, roles: readonly Role[], action: string): void {
  if (!roles.includes(caller.role)) throw new ApiError('FORBIDDEN_ROLE', `role ${caller.role} may not ${action}`, { allowed: roles });
}

/** Smart EMS 1669: intake and triage, dispatch, unit status, telemetry, teleconsultation, hand-over on the ledger. */
export class EmsService {
  readonly #d: EmsServiceDeps;
  readonly #now: () => Date;
  readonly #contextCache = new Map<string, { state: UnitState | undefined; emsCase: EmsCase | undefined; until: number }>();
  #batch:
    | { readings: VitalReading[]; positions: Map<string, NonNullable<UnitState['position']>>; done: Promise<void>; resolve: () => void; reject: (err: unknown) => void }
    | undefined;
  #flushing = false;

  public constructor(deps: EmsServiceDeps) {
    this.#d = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  /** Creates the fleet's units in the store (idempotent). */
  public async init(): Promise<void> {
    await this.#d.store.seedUnits(
      this.#d.rules.fleet.units.map((u) => u.unitId),
      this.#iso(),
    );
  }

  #iso(): string {
    return this.#now().toISOString();
  }

  /** The dispatch criteria the client needs to ask the questions (public parts of the rule tables). */
  public criteria(): unknown {
    const { criteria, cards, vitals, fleet } = this.#d.rules;
    return {
      criteria,
      firstAid: { version: cards.version, effectiveFrom: cards.effectiveFrom, source: cards.source, verified: cards.verified },
      vitalSigns: vitals,
      fleet: { version: fleet.version, source: fleet.source, verified: fleet.verified },
    };
  }

  // ---------- intake ----------

  /**
   * Records a 1669 call: triage colour, first-aid cards, recommended units; opens the case on the ledger
   * (milestone call-received, signed by the dispatcher).
   */
  public async intake(caller: Principal, body: IntakeRequest): Promise<{ created: boolean; case: EmsCase; firstAid: unknown; recommendation: UnitView[] }> {
    requireRole(caller, ['dispatcher'], 'record a 1669 call');
    const answers = this.#d.rules.checkAnswers(body.answers);
    const triage = this.#d.rules.triage(body.complaintCode, answers);
    const location = this.#d.gazetteer.resolve(body.location);
    const patientPseudonym = body.patient === undefined ? undefined : this.#d.pseudonyms.fromCid(body.patient.cid);
    const caseId = body.caseId ?? `EMS-${randomUUID()}`;

    const existing = await this.#d.store.getCase(caseId);
    if (existing !== undefined) {
      if (existing.callerNumber === body.callerNumber && existing.complaintCode === body.complaintCode && existing.dispatcher === caller.username) {
        return { created: false, case: existing, firstAid: this.#d.rules.firstAid(existing.complaintCode), recommendation: await this.recommend(caseId) };
      }
      throw new ApiError('EMS_CASE_EXISTS', `case ${caseId} already exists`, { caseId });
    }
    const receivedAt = this.#iso();
    const emsCase: EmsCase = {
      caseId,
      status: 'open',
      receivedAt,
      dispatcher: caller.username,
      callerNumber: body.callerNumber,
      location,
      complaintCode: body.complaintCode,
      answers,
      colour: triage.colour,
      criteriaVersion: triage.criteria.version,
      matchedRules: triage.matchedRules.map((r) => r.id),
      ...(patientPseudonym === undefined ? {} : { patientPseudonym }),
      milestones: [],
    };
    const contract = await this.#contract(caller);
    try {
      const submitted = await contract.submit('OpenCase', {
        arguments: [
          JSON.stringify({
            caseId,
            colour: triage.colour,
            criteriaVersion: triage.criteria.version,
            complaintCode: body.complaintCode,
            ...(patientPseudonym === undefined ? {} : { patientPseudonym }),
          }),
        ],
      });
      emsCase.milestones.push({ milestone: 'call-received', at: receivedAt, by: caller.username, mspId: caller.mspId, transactionId: submitted.transactionId });
    } catch (err) {
      // a retry after an unknown commit: the ledger has the case, the store does not yet
      if (!(err instanceof ApiError && err.code === 'EMS_CASE_EXISTS')) throw err;
      emsCase.milestones.push({ milestone: 'call-received', at: receivedAt, by: caller.username, mspId: caller.mspId });
    }
    if (!(await this.#d.store.insertCase(emsCase))) throw new ApiError('EMS_CASE_EXISTS', `case ${caseId} already exists`, { caseId });
    this.#publishCase(emsCase);
    return { created: true, case: emsCase, firstAid: this.#d.rules.firstAid(emsCase.complaintCode), recommendation: await this.recommend(caseId) };
  }

  /** Sends one first-aid card of the case's complaint to the caller by SMS. */
  public async sendFirstAidSms(caller: Principal, caseId: string, cardId: string): Promise<{ messageId: string; to: string; text: string }> {
    requireRole(caller, ['dispatcher'], 'send first-aid advice');
    const emsCase = await this.#case(caseId);
    const card = this.#d.rules.firstAid(emsCase.complaintCode).find((c) => c.id === cardId);
    if (card === undefined) throw new ApiError('INVALID_ARGUMENT', `card ${cardId} is not a first-aid card for ${emsCase.complaintCode}`, { cardId });
    const { messageId } = await this.#d.sms.send(emsCase.callerNumber, card.sms);
    return { messageId, to: emsCase.callerNumber, text: card.sms };
  }

  // ---------- units and recommendation ----------

  /** Every unit with its live state. */
  public async listUnits(): Promise<UnitView[]> {
    const states = new Map((await this.#d.store.units()).map((u) => [u.unitId, u]));
    return this.#d.rules.fleet.units.map((u) => this.#view(u, states.get(u.unitId)));
  }

  #view(unit: AmbulanceUnit, state: UnitState | undefined, target?: LatLng): UnitView {
    const s: UnitState = state ?? { unitId: unit.unitId, status: 'available', caseId: null, position: null, updatedAt: '' };
    const view: UnitView = { ...s, level: unit.level, callSign: unit.callSign, hcode: unit.hcode, base: unit.base };
    if (target === undefined) return view;
    const from = s.position ?? unit.base;
    const eta = estimateEta(from, target, this.#d.rules.fleet.roadFactor, this.#d.rules.fleet.averageSpeedKmh[unit.level] ?? 50);
    return { ...view, distanceKm: eta.roadKm, etaMinutes: eta.etaMinutes };
  }

  /** Available units of a sufficient level for the case, nearest (by estimated road ETA) first; lower levels break ties. */
  public async recommend(caseId: string): Promise<UnitView[]> {
    const emsCase = await this.#case(caseId);
    const required = this.#d.rules.colour(emsCase.colour).requiredLevel;
    const states = new Map((await this.#d.store.units()).map((u) => [u.unitId, u]));
    const rank = { ALS: 3, BLS: 2, FR: 1 } as const;
    return this.#d.rules.fleet.units
      .filter((u) => (states.get(u.unitId)?.status ?? 'available') === 'available' && levelSuffices(u.level, required))
      .map((u) => this.#view(u, states.get(u.unitId), emsCase.location))
      .sort((a, b) => (a.etaMinutes ?? 0) - (b.etaMinutes ?? 0) || rank[a.level] - rank[b.level] || a.unitId.localeCompare(b.unitId));
  }

  // ---------- dispatch ----------

  /**
   * Commits a unit to a case. The unit's available → dispatched change is one conditional update, so of concurrent
   * dispatches of one unit exactly one wins; the others get 409 UNIT_COMMITTED. The ledger records the milestone
   * (signed by the dispatcher); if it fails, the unit and the case are released.
   */
  public async dispatch(caller: Principal, caseId: string, body: { unitId: string; lowerLevelReason?: string | undefined }): Promise<{ case: EmsCase; unit: UnitView }> {
    requireRole(caller, ['dispatcher'], 'dispatch a unit');
    const unit = this.#d.rules.unit(body.unitId);
    if (unit === undefined) throw new ApiError('UNKNOWN_EMS_UNIT', `no ambulance unit ${body.unitId}`, { unitId: body.unitId });
    const emsCase = await this.#case(caseId);
    if (emsCase.status !== 'open') throw new ApiError('INVALID_TRANSITION', `case ${caseId} is ${emsCase.status}, not open`, { caseId, status: emsCase.status });
    const required = this.#d.rules.colour(emsCase.colour).requiredLevel;
    if (!levelSuffices(unit.level, required) && body.lowerLevelReason === undefined) {
      throw new ApiError('UNIT_LEVEL_INSUFFICIENT', `a ${emsCase.colour} call needs ${String(required)}; unit ${unit.unitId} is ${unit.level} (give lowerLevelReason to send it anyway)`, {
        required,
        level: unit.level,
      });
    }
    const at = this.#iso();
    const claimed = await this.#d.store.claimUnit(unit.unitId, caseId, at);
    if (claimed === undefined) {
      const current = await this.#d.store.getUnit(unit.unitId);
      throw new ApiError('UNIT_COMMITTED', `unit ${unit.unitId} is already committed (${current?.status ?? 'unknown'})`, {
        unitId: unit.unitId,
        status: current?.status,
        caseId: current?.caseId,
      });
    }
    const patch: Partial<EmsCase> = {
      status: 'dispatched',
      unitId: unit.unitId,
      unitLevel: unit.level,
      ...(body.lowerLevelReason === undefined || levelSuffices(unit.level, required) ? {} : { lowerLevelReason: body.lowerLevelReason }),
    };
    const taken = await this.#d.store.claimCase(caseId, patch);
    if (taken === undefined) {
      await this.#d.store.releaseUnit(unit.unitId, caseId, at);
      throw new ApiError('INVALID_TRANSITION', `case ${caseId} was dispatched meanwhile`, { caseId });
    }
    let milestoneTx: string;
    try {
      const contract = await this.#contract(caller);
      const submitted = await contract.submit('RecordMilestone', {
        arguments: [caseId, 'dispatched', JSON.stringify({ unitId: unit.unitId, unitHcode: unit.hcode, unitLevel: unit.level })],
        endorsingOrganizations: [caller.mspId, unit.mspId],
      });
      milestoneTx = submitted.transactionId;
    } catch (err) {
      await this.#d.store.releaseUnit(unit.unitId, caseId, at);
      await this.#d.store.releaseCase(caseId);
      throw err;
    }
    const milestones = [...taken.milestones, { milestone: 'dispatched', at, by: caller.username, mspId: caller.mspId, transactionId: milestoneTx }];
    const updated = (await this.#d.store.updateCase(caseId, ['dispatched'], { milestones })) ?? { ...taken, milestones };
    const view = this.#view(unit, claimed, emsCase.location);
    this.#publishUnit(view, updated);
    this.#publishCase(updated);
    return { case: updated, unit: view };
  }

  // ---------- unit status ----------

  /**
   * Moves a unit along its mission (crew of the unit; a dispatcher may also stand a unit down). Each step is a
   * compare-and-set in the store and a milestone on the ledger signed by the caller; illegal jumps get 409.
   */
  public async changeUnitStatus(
    caller: Principal,
    unitId: string,
    body: { status: UnitStatus; destinationHcode?: string | undefined; reason?: string | undefined },
  ): Promise<{ unit: UnitView; case: EmsCase }> {
    const unit = this.#d.rules.unit(unitId);
    if (unit === undefined) throw new ApiError('UNKNOWN_EMS_UNIT', `no ambulance unit ${unitId}`, { unitId });
    const state = await this.#d.store.getUnit(unitId);
    if (state === undefined || state.caseId === null) {
      throw new ApiError('INVALID_TRANSITION', `unit ${unitId} is available and has no case`, { unitId, from: 'available', to: body.status, allowed: [] });
    }
    const isCrew = caller.role === 'ems-crew' && unit.crew.includes(caller.username);
    const isStandDownByDispatcher = caller.role === 'dispatcher' && body.status === 'available';
    if (!isCrew && !isStandDownByDispatcher) {
      if (caller.role === 'ems-crew') throw new ApiError('FORBIDDEN_UNIT', `${caller.username} is not crew of unit ${unitId}`, { unitId });
      throw new ApiError('FORBIDDEN_ROLE', `role ${caller.role} may not change the status of unit ${unitId}`);
    }
    const step = transitionOf(state.status, body.status);
    if (step === undefined) {
      throw new ApiError('INVALID_TRANSITION', `unit ${unitId} cannot go from ${state.status} to ${body.status}`, {
        unitId,
        from: state.status,
        to: body.status,
        allowed: nextStatuses(state.status),
      });
    }
    const emsCase = await this.#case(state.caseId);
    let destinationHcode = emsCase.destinationHcode;
    if (step === 'left-scene') {
      if (body.destinationHcode === undefined) throw new ApiError('VALIDATION_FAILED', 'destinationHcode is required when leaving the scene', [{ path: 'destinationHcode', message: 'required' }]);
      const dest = this.#d.units.find(body.destinationHcode);
      if (dest === undefined) throw new ApiError('UNKNOWN_HCODE', `unknown hospital ${body.destinationHcode}`, { hcode: body.destinationHcode });
      if (dest.type !== 'hospital') throw new ApiError('INVALID_ARGUMENT', `unit ${dest.hcode} is not a hospital with an emergency room`, { hcode: dest.hcode });
      destinationHcode = dest.hcode;
    }
    const at = this.#iso();
    const moved = await this.#d.store.moveUnit(unitId, emsCase.caseId, state.status, body.status, at);
    if (moved === undefined) throw new ApiError('INVALID_TRANSITION', `unit ${unitId} changed status meanwhile; reload`, { unitId });
    const prevCaseStatus = emsCase.status;
    // after the hand-over the case keeps its status; otherwise it follows the unit
    const caseStatus: CaseStatus = step === 'clear' && emsCase.status === 'handed-over' ? 'handed-over' : step === 'clear' ? 'closed' : CASE_STATUS_OF[body.status];
    let milestone: Milestone | 'stood-down' | undefined;
    if (step === 'stand-down') milestone = 'stood-down';
    else if (step !== 'clear') milestone = step;
    let transactionId: string | undefined;
    if (milestone !== undefined) {
      try {
        const contract = await this.#contract(caller);
        const submitted = await contract.submit('RecordMilestone', {
          arguments: [
            emsCase.caseId,
            milestone,
            JSON.stringify({ ...(step === 'left-scene' ? { destinationHcode } : {}), ...(body.reason === undefined ? {} : { note: body.reason }) }),
          ],
          endorsingOrganizations: this.#caseOrgs(emsCase, destinationHcode),
        });
        transactionId = submitted.transactionId;
      } catch (err) {
        await this.#d.store.revertMove(unitId, emsCase.caseId, state.status, body.status, at);
        throw err;
      }
    }
    const milestones =
      milestone === undefined ? emsCase.milestones : [...emsCase.milestones, { milestone, at, by: caller.username, mspId: caller.mspId, ...(transactionId === undefined ? {} : { transactionId }) }];
    const updated =
      (await this.#d.store.updateCase(emsCase.caseId, [prevCaseStatus], {
        status: caseStatus,
        milestones,
        ...(destinationHcode === undefined ? {} : { destinationHcode }),
      })) ?? emsCase;
    const view = this.#view(unit, moved, destinationHcode === undefined ? undefined : this.#hospitalPosition(destinationHcode));
    this.#publishUnit(view, updated);
    this.#publishCase(updated);
    return { unit: view, case: updated };
  }

  // ---------- telemetry ----------

  /**
   * One device message from a unit: GPS position and/or monitor readings. Only the unit's crew identity may publish for
   * it (a forged unit gets 403). Impossible values are stored with the flag IMPLAUSIBLE and reported, never dropped.
   */
  public async telemetry(caller: Principal, unitId: string, message: TelemetryMessage): Promise<{ stored: number; flags: Record<string, ReadingFlag[]> }> {
    const unit = this.#d.rules.unit(unitId);
    if (unit === undefined) throw new ApiError('UNKNOWN_EMS_UNIT', `no ambulance unit ${unitId}`, { unitId });
    if (caller.role !== 'ems-crew' || !unit.crew.includes(caller.username)) {
      throw new ApiError('FORBIDDEN_UNIT', `${caller.username} may not publish telemetry for unit ${unitId}`, { unitId });
    }
    return this.ingestDevice(unitId, message);
  }

  /**
   * Stores and streams one device message of `unitId` whose sender is already authenticated (the HTTP route checks
   * the crew's token; an MQTT bridge relies on the broker's per-device credentials and topic ACL).
   */
  public async ingestDevice(unitId: string, message: TelemetryMessage): Promise<{ stored: number; flags: Record<string, ReadingFlag[]> }> {
    const accepted = await this.acceptDevice(unitId, message);
    await accepted.stored;
    return { stored: accepted.readings, flags: accepted.flags };
  }

  /**
   * The first half of {@link ingestDevice}: checks, streams and queues the message for the next store batch, and
   * resolves at once with `stored`, which settles when that batch is written. The MQTT bridge takes a unit's next
   * message as soon as this one is accepted (the screens see it without waiting for the disk) and acknowledges each
   * message to the broker only once `stored` resolves.
   */
  public async acceptDevice(unitId: string, message: TelemetryMessage): Promise<{ readings: number; flags: Record<string, ReadingFlag[]>; stored: Promise<void> }> {
    const unit = this.#d.rules.unit(unitId);
    if (unit === undefined) throw new ApiError('UNKNOWN_EMS_UNIT', `no ambulance unit ${unitId}`, { unitId });
    const { state, emsCase } = await this.#unitContext(unitId);
    const caseId = state?.caseId ?? null;
    const receivedAt = this.#iso();
    let position: NonNullable<UnitState['position']> | undefined;
    if (message.position !== undefined) {
      position = { lat: message.position.lat, lng: message.position.lng, at: message.at, ...(message.position.speedKmh === undefined ? {} : { speedKmh: message.position.speedKmh }) };
      const target = emsCase === undefined ? undefined : emsCase.destinationHcode !== undefined && (state?.status === 'transporting' || state?.status === 'at-hospital') ? this.#hospitalPosition(emsCase.destinationHcode) : emsCase.location;
      const view = this.#view(unit, { ...(state ?? { unitId, status: 'available', caseId: null, updatedAt: receivedAt }), position }, target);
      this.#publishUnit(view, emsCase);
    }
    const readings: VitalReading[] = [];
    const flags: Record<string, ReadingFlag[]> = {};
    for (const [code, value] of Object.entries(message.vitals ?? {}) as [VitalSignCode, number][]) {
      const f = this.flagsOf(code, value);
      if (f.length > 0) flags[code] = f;
      readings.push({ unitId, caseId, at: message.at, receivedAt, code, value, flags: f });
    }
    // streamed at once (the screens need not wait for the disk), stored in the next batch; the caller's answer (and
    // the MQTT PUBACK) waits until it is stored, so a store failure means redelivery, never a loss
    const stored = this.#write(unitId, readings, position);
    if (readings.length > 0) {
      this.#d.live.publish({
        type: 'vitals',
        scope: this.#scope(unitId, emsCase),
        data: { unitId, caseId, at: message.at, readings: readings.map((r) => ({ code: r.code, value: r.value, flags: r.flags })) },
      });
    }
    return { readings: readings.length, flags, stored };
  }

  /** Unit state and case for telemetry, cached briefly (every case or unit change clears the unit's entry). */
  async #unitContext(unitId: string): Promise<{ state: UnitState | undefined; emsCase: EmsCase | undefined }> {
    const cached = this.#contextCache.get(unitId);
    const now = Date.now();
    if (cached !== undefined && cached.until > now) return cached;
    const state = await this.#d.store.getUnit(unitId);
    const emsCase = state?.caseId === null || state?.caseId === undefined ? undefined : await this.#d.store.getCase(state.caseId);
    const entry = { state, emsCase, until: now + CONTEXT_TTL_MS };
    this.#contextCache.set(unitId, entry);
    return entry;
  }

  /**
   * Group commit: telemetry waits at most BATCH_MS, then goes to the store in one batch (readings in one insertMany,
   * the latest position per unit); while a batch is being written the next one gathers, so a slow store gets fewer,
   * larger writes instead of a growing pile of concurrent ones. Resolves once this message's batch is stored.
   */
  #write(unitId: string, readings: VitalReading[], position: NonNullable<UnitState['position']> | undefined): Promise<void> {
    let batch = this.#batch;
    if (batch === undefined) {
      let resolve: () => void = () => undefined;
      let reject: (err: unknown) => void = () => undefined;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      batch = { readings: [] as VitalReading[], positions: new Map<string, NonNullable<UnitState['position']>>(), done, resolve, reject };
      this.#batch = batch;
      if (!this.#flushing) setTimeout(() => void this.#flush(), BATCH_MS);
    }
    batch.readings.push(...readings);
    if (position !== undefined) batch.positions.set(unitId, position);
    return batch.done;
  }

  async #flush(): Promise<void> {
    const batch = this.#batch;
    if (batch === undefined || this.#flushing) return;
    this.#batch = undefined;
    this.#flushing = true;
    try {
      await Promise.all([this.#d.store.appendReadings(batch.readings), this.#d.store.setPositions(batch.positions)]);
      batch.resolve();
    } catch (err) {
      batch.reject(err);
    } finally {
      this.#flushing = false;
      // what gathered meanwhile has waited at least one write: send it at once
      if (this.#batch !== undefined) void this.#flush();
    }
  }

  /** Flags of one reading against the vital-sign table. */
  public flagsOf(code: VitalSignCode, value: number): ReadingFlag[] {
    const sign = this.#d.rules.vitals.signs.find((s) => s.code === code);
    if (sign === undefined) return ['IMPLAUSIBLE'];
    if (value < sign.plausible.min || value > sign.plausible.max) return ['IMPLAUSIBLE'];
    if (sign.alarm.low !== null && value <= sign.alarm.low) return ['ALARM_LOW'];
    if (sign.alarm.high !== null && value >= sign.alarm.high) return ['ALARM_HIGH'];
    return [];
  }

  /** The case's readings as a FHIR R4 Bundle of vital-sign Observations (LOINC). */
  public async observations(caller: Principal, caseId: string): Promise<unknown> {
    const emsCase = await this.#visibleCase(caller, caseId);
    const readings = await this.#d.store.readings(caseId);
    const entry = readings.map((r, i) => {
      const sign = this.#d.rules.vitals.signs.find((s) => s.code === r.code);
      const code = { coding: [{ system: 'http://loinc.org', code: sign?.loinc ?? 'unknown', display: sign?.display ?? r.code }] };
      return {
        fullUrl: `urn:uuid:${caseId}-${String(i)}`,
        resource: {
          resourceType: 'Observation',
          status: r.flags.includes('IMPLAUSIBLE') ? 'entered-in-error' : 'final',
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
          code,
          ...(emsCase.patientPseudonym === undefined ? {} : { subject: { identifier: { system: 'urn:cco:patient-pseudonym', value: emsCase.patientPseudonym } } }),
          effectiveDateTime: r.at,
          valueQuantity: { value: r.value, unit: sign?.unit, system: 'http://unitsofmeasure.org', code: sign?.ucum },
          device: { display: `ambulance ${r.unitId}` },
          ...(r.flags.length === 0
            ? {}
            : {
                interpretation: r.flags.map((f) => ({
                  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: f === 'ALARM_LOW' ? 'LL' : f === 'ALARM_HIGH' ? 'HH' : 'IND' }],
                  text: f,
                })),
              }),
        },
      };
    });
    return { resourceType: 'Bundle', type: 'collection', timestamp: this.#iso(), total: entry.length, entry };
  }

  // ---------- cases, teleconsultation, hand-over ----------

  /** Open cases the caller may see: all for dispatchers and the director, incoming ones for an ER, the unit's for a crew. */
  public async openCases(caller: Principal): Promise<EmsCase[]> {
    if (caller.role === 'dispatcher' || caller.role === 'medical-director') return this.#d.store.openCases();
    if (caller.role === 'er-physician') return this.#d.store.openCases({ destinationHcode: caller.hcode });
    if (caller.role === 'ems-crew') {
      const mine = this.#crewUnits(caller);
      return (await this.#d.store.openCases()).filter((c) => c.unitId !== undefined && mine.includes(c.unitId));
    }
    throw new ApiError('FORBIDDEN_ROLE', `role ${caller.role} has no EMS cases`);
  }

  /** One case, with its readings and chat, when the caller takes part in it. */
  public async getCase(caller: Principal, caseId: string): Promise<{ case: EmsCase; readings: VitalReading[]; messages: CaseMessage[] }> {
    const emsCase = await this.#visibleCase(caller, caseId);
    return { case: emsCase, readings: await this.#d.store.readings(caseId), messages: await this.#d.store.messages(caseId) };
  }

  /** Chat (stored) or WebRTC signalling (relayed) between the crew, the receiving ER and the medical director. */
  public async message(caller: Principal, caseId: string, body: { kind: 'chat'; text: string } | { kind: 'offer' | 'answer' | 'ice' | 'hangup'; payload?: unknown }): Promise<CaseMessage | { relayed: true }> {
    const emsCase = await this.#visibleCase(caller, caseId);
    const scope = this.#scope(emsCase.unitId, emsCase);
    if (body.kind === 'chat') {
      const message: CaseMessage = { caseId, at: this.#iso(), from: caller.username, role: caller.role, text: body.text };
      await this.#d.store.appendMessage(message);
      this.#d.live.publish({ type: 'message', scope, data: message });
      return message;
    }
    this.#d.live.publish({ type: 'signal', scope, data: { caseId, from: caller.username, kind: body.kind, payload: body.payload } });
    return { relayed: true };
  }

  /** The crew signs the hand-over at the receiving hospital (first signature). */
  public async handOver(caller: Principal, caseId: string): Promise<EmsCase> {
    const emsCase = await this.#case(caseId);
    if (caller.role !== 'ems-crew' || emsCase.unitId === undefined || !this.#crewUnits(caller).includes(emsCase.unitId)) {
      throw new ApiError('FORBIDDEN_UNIT', `${caller.username} is not crew of the unit of case ${caseId}`, { caseId });
    }
    if (emsCase.status !== 'at-hospital') throw new ApiError('INVALID_TRANSITION', `case ${caseId} is ${emsCase.status}; hand over at the hospital`, { caseId, status: emsCase.status });
    const contract = await this.#contract(caller);
    await contract.submit('HandOver', { arguments: [caseId], endorsingOrganizations: this.#caseOrgs(emsCase, emsCase.destinationHcode) });
    const at = this.#iso();
    const updated = await this.#d.store.updateCase(caseId, ['at-hospital'], { handover: { ...emsCase.handover, crewSignedBy: caller.username, crewSignedAt: at } });
    if (updated === undefined) throw new ApiError('INVALID_TRANSITION', `case ${caseId} changed meanwhile`, { caseId });
    this.#publishCase(updated);
    return updated;
  }

  /** The receiving ER physician co-signs the hand-over; the ledger write needs a peer of both organisations. */
  public async acceptHandOver(caller: Principal, caseId: string): Promise<EmsCase> {
    const emsCase = await this.#case(caseId);
    if (caller.role !== 'er-physician') throw new ApiError('FORBIDDEN_ROLE', 'only an ER physician receives a patient');
    if (emsCase.destinationHcode !== caller.hcode) throw new ApiError('FORBIDDEN_UNIT', `case ${caseId} is not coming to ${caller.hcode}`, { caseId });
    if (emsCase.handover?.crewSignedBy === undefined) throw new ApiError('HANDOVER_NOT_SIGNED', `the crew has not signed the hand-over of case ${caseId}`, { caseId });
    const contract = await this.#contract(caller);
    const submitted = await contract.submit('AcceptHandOver', { arguments: [caseId], endorsingOrganizations: this.#caseOrgs(emsCase, emsCase.destinationHcode) });
    const at = this.#iso();
    const updated = await this.#d.store.updateCase(caseId, ['at-hospital'], {
      status: 'handed-over',
      handover: { ...emsCase.handover, receivedBy: caller.username, receivedAt: at },
      milestones: [...emsCase.milestones, { milestone: 'handed-over', at, by: caller.username, mspId: caller.mspId, transactionId: submitted.transactionId }],
    });
    if (updated === undefined) throw new ApiError('INVALID_TRANSITION', `case ${caseId} changed meanwhile`, { caseId });
    this.#publishCase(updated);
    return updated;
  }

  /** ER disposition and 24-hour or discharge outcome (ER physician of the receiving hospital). */
  public async recordDisposition(caller: Principal, caseId: string, body: { erDisposition?: string | undefined; outcome?: string | undefined }): Promise<EmsCase> {
    const emsCase = await this.#case(caseId);
    if (caller.role !== 'er-physician' || emsCase.destinationHcode !== caller.hcode) throw new ApiError('FORBIDDEN_UNIT', `only the receiving ER records the outcome of ${caseId}`);
    if (emsCase.status !== 'handed-over') throw new ApiError('INVALID_TRANSITION', `case ${caseId} is ${emsCase.status}; record the outcome after the hand-over`);
    const disposition = {
      ...emsCase.disposition,
      ...(body.erDisposition === undefined ? {} : { erDisposition: body.erDisposition }),
      ...(body.outcome === undefined ? {} : { outcome: body.outcome }),
      recordedBy: caller.username,
      recordedAt: this.#iso(),
    };
    const updated = await this.#d.store.updateCase(caseId, ['handed-over'], { disposition });
    if (updated === undefined) throw new ApiError('INVALID_TRANSITION', `case ${caseId} changed meanwhile`);
    return updated;
  }

  /**
   * Starts a referral (inter-facility transfer) from a handed-over case: a clinician of the receiving hospital refers
   * the patient on, signed with their own identity through the referral module. Priority and fast track default from
   * the case's colour and complaint; the patient's national ID must match the case's pseudonym when the case has one.
   * The link (referral id) is kept on the case.
   */
  public async startReferral(caller: Principal, caseId: string, body: EmsReferralRequest): Promise<{ case: EmsCase; referral: unknown; txId: string }> {
    const referrals = this.#d.referrals;
    if (referrals === undefined) throw new ApiError('NOT_FOUND', 'referrals are not available on this gateway');
    requireRole(caller, ['clinician'], 'start a referral from an EMS case');
    const emsCase = await this.#case(caseId);
    if (emsCase.destinationHcode !== caller.hcode) throw new ApiError('FORBIDDEN_UNIT', `only a clinician of the receiving hospital refers the patient of ${caseId} on`);
    if (emsCase.status !== 'handed-over') throw new ApiError('INVALID_TRANSITION', `case ${caseId} is ${emsCase.status}; refer the patient on after the hand-over`, { allowed: ['handed-over'] });
    if (body.toHcode === emsCase.destinationHcode) throw new ApiError('VALIDATION_FAILED', 'the referral must go to another unit than the one the patient is at', { field: 'toHcode' });
    if (emsCase.patientPseudonym !== undefined && this.#d.pseudonyms.fromCid(body.patient.cid) !== emsCase.patientPseudonym) {
      throw new ApiError('VALIDATION_FAILED', `the national ID is not that of the patient of ${caseId}`, { field: 'patient.cid' });
    }
    const fastTrack = body.fastTrack ?? FAST_TRACK_OF_COMPLAINT[emsCase.complaintCode];
    const result = await referrals.create(caller, {
      ...(body.referralId === undefined ? {} : { referralId: body.referralId }),
      patient: body.patient,
      toHcode: body.toHcode,
      reasonCode: body.reasonCode ?? '1',
      priority: body.priority ?? PRIORITY_OF_COLOUR[emsCase.colour] ?? 3,
      ...(fastTrack === undefined ? {} : { fastTrack }),
      ...(body.careDuringTransfer === undefined ? {} : { careDuringTransfer: body.careDuringTransfer }),
    });
    const referralId = (result.referral as { id?: string }).id ?? body.referralId ?? '';
    const link = { referralId, toHcode: body.toHcode, by: caller.username, at: this.#iso(), txId: result.txId };
    const others = (emsCase.referrals ?? []).filter((r) => r.referralId !== referralId);
    const updated = (await this.#d.store.updateCase(caseId, ['handed-over'], { referrals: [...others, link] })) ?? emsCase;
    return { case: updated, referral: result.referral, txId: result.txId };
  }

  /**
   * A clinical note by the crew of the unit or the receiving ER physician, once the unit has left the scene: the text
   * goes to the private data collection of the crew's organisation and the receiving hospital (on the ledger, only
   * its SHA-256 and signer), endorsed by a peer of each. A retried `noteId` writes nothing new.
   */
  public async addClinicalNote(caller: Principal, caseId: string, body: { noteId?: string | undefined; text: string }): Promise<unknown> {
    const emsCase = await this.#visibleCase(caller, caseId);
    if (caller.role !== 'ems-crew' && caller.role !== 'er-physician') throw new ApiError('FORBIDDEN_ROLE', 'only the crew and the receiving ER write clinical notes', { allowed: ['ems-crew', 'er-physician'] });
    const parties = this.#noteParties(emsCase);
    const noteId = body.noteId ?? `N-${randomUUID()}`;
    const contract = await this.#contract(caller);
    const submitted = await contract.submit('AddClinicalNote', {
      arguments: [caseId],
      transientData: { clinicalNote: JSON.stringify({ noteId, text: body.text }) },
      endorsingOrganizations: parties,
    });
    return { noteId, case: jsonOf(submitted.result), txId: submitted.transactionId };
  }

  /** The clinical notes of a case, read from the private collection on a peer of the caller's organisation. */
  public async clinicalNotes(caller: Principal, caseId: string): Promise<unknown> {
    const emsCase = await this.#visibleCase(caller, caseId);
    if (caller.role !== 'ems-crew' && caller.role !== 'er-physician') throw new ApiError('FORBIDDEN_ROLE', 'only the crew and the receiving ER read clinical notes', { allowed: ['ems-crew', 'er-physician'] });
    this.#noteParties(emsCase);
    const contract = await this.#contract(caller);
    return jsonOf(await contract.evaluate('ReadClinicalNotes', { arguments: [caseId], targetOrganizations: [caller.mspId] }));
  }

  /** The crew's organisation and the receiving hospital's, which share the notes' collection. */
  #noteParties(emsCase: EmsCase): string[] {
    const unit = emsCase.unitId === undefined ? undefined : this.#d.rules.unit(emsCase.unitId);
    const dest = emsCase.destinationHcode === undefined ? undefined : this.#d.units.find(emsCase.destinationHcode);
    if (unit === undefined || dest === undefined) {
      throw new ApiError('INVALID_TRANSITION', `case ${emsCase.caseId} has no receiving hospital yet; notes start once the unit leaves the scene`, { caseId: emsCase.caseId, status: emsCase.status });
    }
    return [...new Set([unit.mspId, dest.mspId])].sort();
  }

  /** The case as signed on the ledger (milestones, signers, endorsing organisations). */
  public async ledgerCase(caller: Principal, caseId: string): Promise<unknown> {
    await this.#visibleCase(caller, caseId);
    const contract = await this.#contract(caller);
    return jsonOf(await contract.evaluate('GetCase', { arguments: [caseId] }));
  }

  /**
   * Indicators of the report, over cases received in [from, to): call-to-scene minutes by colour (median, 90th
   * percentile), the share of red calls reached within 8 minutes, mortality of critical (red) patients among those
   * with a recorded outcome, and the share of tambons within 15 minutes (estimated road ETA) of an ALS unit base.
   */
  public async indicators(caller: Principal, from: string, to: string): Promise<unknown> {
    requireRole(caller, ['dispatcher', 'medical-director'], 'read the EMS indicators');
    const cases = await this.#d.store.casesBetween(from, to);
    const minutesToScene = (c: EmsCase): number | undefined => {
      const onScene = c.milestones.find((m) => m.milestone === 'on-scene');
      return onScene === undefined ? undefined : (Date.parse(onScene.at) - Date.parse(c.receivedAt)) / 60_000;
    };
    const quantile = (sorted: number[], q: number): number | null => {
      if (sorted.length === 0) return null;
      const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
      return Math.round((sorted[i] ?? 0) * 10) / 10;
    };
    const callToScene = Object.fromEntries(
      this.#d.rules.criteria.colours.map((colour) => {
        const times = cases
          .filter((c) => c.colour === colour.code)
          .map(minutesToScene)
          .filter((m): m is number => m !== undefined)
          .sort((a, b) => a - b);
        return [colour.code, { n: times.length, medianMinutes: quantile(times, 0.5), p90Minutes: quantile(times, 0.9) }];
      }),
    );
    const redReached = cases.filter((c) => c.colour === 'red').map(minutesToScene).filter((m): m is number => m !== undefined);
    const redWithTarget = redReached.filter((m) => m <= (this.#d.rules.colour('red').targetResponseMinutes ?? 8)).length;
    const died = new Set(['died-24h', 'died-in-hospital']);
    const redWithOutcome = cases.filter((c) => c.colour === 'red' && (c.disposition?.outcome !== undefined || c.disposition?.erDisposition === 'died-in-er'));
    const deaths = redWithOutcome.filter((c) => died.has(c.disposition?.outcome ?? '') || c.disposition?.erDisposition === 'died-in-er').length;
    const als = this.#d.rules.fleet.units.filter((u) => u.level === 'ALS');
    const speed = this.#d.rules.fleet.averageSpeedKmh.ALS ?? 60;
    const points = this.#d.gazetteer.points();
    const covered = points.filter((p) => als.some((u) => estimateEta(u.base, p, this.#d.rules.fleet.roadFactor, speed).etaMinutes <= 15)).length;
    const share = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 1000) / 10);
    return {
      period: { from, to },
      cases: cases.length,
      callToSceneByColour: callToScene,
      redWithin8Minutes: { reached: redReached.length, withinTarget: redWithTarget, percent: share(redWithTarget, redReached.length) },
      criticalMortality: { withOutcome: redWithOutcome.length, deaths, percent: share(deaths, redWithOutcome.length) },
      alsCoverage15Minutes: {
        tambons: points.length,
        covered,
        percent: share(covered, points.length),
        weighting: 'tambon count: fixtures hold no tambon population table yet, so the share is not population-weighted',
        basis: 'estimated road ETA from each ALS unit base (straight line × roadFactor at the average ALS speed)',
      },
    };
  }

  /** Opens a live stream for the caller (dispatcher, director, ER physician or crew); returns the function that ends it. */
  public subscribe(caller: Principal, send: (event: { type: string; data: unknown }) => void): () => void {
    requireRole(caller, ['dispatcher', 'medical-director', 'er-physician', 'ems-crew'], 'follow the EMS live stream');
    return this.#d.live.subscribe(caller, this.#crewUnits(caller), (event) => {
      send({ type: event.type, data: event.data });
    });
  }

  // ---------- helpers ----------

  async #contract(caller: Principal): Promise<LedgerContract> {
    return this.#d.ledger.contractFor({ username: caller.username, mspId: caller.mspId }, EMS_CONTRACT);
  }

  async #case(caseId: string): Promise<EmsCase> {
    const emsCase = await this.#d.store.getCase(caseId);
    if (emsCase === undefined) throw new ApiError('EMS_CASE_NOT_FOUND', `no EMS case ${caseId}`, { caseId });
    return emsCase;
  }

  async #visibleCase(caller: Principal, caseId: string): Promise<EmsCase> {
    const emsCase = await this.#case(caseId);
    const ok =
      caller.role === 'dispatcher' ||
      caller.role === 'medical-director' ||
      (caller.role === 'er-physician' && emsCase.destinationHcode === caller.hcode) ||
      (caller.role === 'ems-crew' && emsCase.unitId !== undefined && this.#crewUnits(caller).includes(emsCase.unitId));
    if (!ok) throw new ApiError('FORBIDDEN_UNIT', `${caller.username} takes no part in case ${caseId}`, { caseId });
    return emsCase;
  }

  /** The units a crew member belongs to. */
  public crewUnitsOf(username: string): string[] {
    return this.#d.rules.fleet.units.filter((u) => u.crew.includes(username)).map((u) => u.unitId);
  }

  #crewUnits(caller: Principal): string[] {
    return caller.role === 'ems-crew' ? this.crewUnitsOf(caller.username) : [];
  }

  /** Organisations that must endorse a write on the case: the 1669 hub, the unit's hospital, the receiving hospital. */
  #caseOrgs(emsCase: EmsCase, destinationHcode: string | undefined): string[] {
    const orgs = new Set<string>();
    const hub = emsCase.milestones[0]?.mspId;
    if (hub !== undefined) orgs.add(hub);
    const unit = emsCase.unitId === undefined ? undefined : this.#d.rules.unit(emsCase.unitId);
    if (unit !== undefined) orgs.add(unit.mspId);
    const dest = destinationHcode === undefined ? undefined : this.#d.units.find(destinationHcode);
    if (dest !== undefined) orgs.add(dest.mspId);
    return [...orgs].sort();
  }

  #hospitalPosition(hcode: string): LatLng | undefined {
    const unit = this.#d.units.find(hcode);
    return unit === undefined ? undefined : { lat: unit.lat, lng: unit.lng };
  }

  #scope(unitId: string | undefined, emsCase: EmsCase | undefined): LiveScope {
    return {
      ...(unitId === undefined ? {} : { unitId }),
      ...(emsCase === undefined ? {} : { caseId: emsCase.caseId }),
      ...(emsCase?.destinationHcode === undefined ? {} : { destinationHcode: emsCase.destinationHcode }),
    };
  }

  #publishUnit(view: UnitView, emsCase: EmsCase | undefined): void {
    if (view.status !== this.#contextCache.get(view.unitId)?.state?.status) this.#contextCache.delete(view.unitId);
    this.#d.live.publish({ type: 'unit', scope: this.#scope(view.unitId, emsCase), data: view });
  }

  #publishCase(emsCase: EmsCase): void {
    if (emsCase.unitId !== undefined) this.#contextCache.delete(emsCase.unitId);
    // the ER sees the case without the caller's number
    const { callerNumber: _omit, ...rest } = emsCase;
    this.#d.live.publish({ type: 'case', scope: this.#scope(emsCase.unitId, emsCase), data: rest });
  }
}
