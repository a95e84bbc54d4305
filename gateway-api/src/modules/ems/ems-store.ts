import type { CaseMessage, CaseStatus, EmsCase, UnitState, VitalReading } from './ems-model';
import type { UnitStatus } from './unit-status';

/**
 * Off-chain EMS data: cases (with caller number), unit status, GPS and vital-sign series, chat. Every change that two
 * requests could race on is a single conditional update (compare-and-set), so one unit is never committed twice.
 */
export interface EmsStore {
  /** Inserts a case; false when the id exists (unique key). */
  insertCase(c: EmsCase): Promise<boolean>;
  getCase(caseId: string): Promise<EmsCase | undefined>;
  /** open → dispatched with `patch`; of concurrent claims of one case exactly one wins (the others: undefined). */
  claimCase(caseId: string, patch: Partial<EmsCase>): Promise<EmsCase | undefined>;
  /** Undoes {@link claimCase} (the ledger refused the dispatch): the case is open again and claimable. */
  releaseCase(caseId: string): Promise<void>;
  /** Applies `patch` only while the case is in one of `from`; returns the new case or undefined. */
  updateCase(caseId: string, from: readonly CaseStatus[], patch: Partial<EmsCase>): Promise<EmsCase | undefined>;
  /** Open cases (not handed over or closed), newest first; optionally only those going to `destinationHcode`. */
  openCases(filter?: { destinationHcode?: string }): Promise<EmsCase[]>;
  /** Cases received in [from, to). */
  casesBetween(from: string, to: string): Promise<EmsCase[]>;

  /** Creates the units that do not exist yet (status available, no position). */
  seedUnits(unitIds: readonly string[], at: string): Promise<void>;
  units(): Promise<UnitState[]>;
  getUnit(unitId: string): Promise<UnitState | undefined>;
  /** available → dispatched for `caseId`, atomically; undefined when the unit is not available. */
  claimUnit(unitId: string, caseId: string, at: string): Promise<UnitState | undefined>;
  /** Undoes {@link claimUnit} (the dispatch failed): available again, claimable. */
  releaseUnit(unitId: string, caseId: string, at: string): Promise<void>;
  /**
   * Moves the unit from `from` to `to` while it still serves `caseId`; of concurrent moves out of one status exactly
   * one wins (undefined for the others). Going to `available` ends the unit's commitment.
   */
  moveUnit(unitId: string, caseId: string, from: UnitStatus, to: UnitStatus, at: string): Promise<UnitState | undefined>;
  /** Undoes a {@link moveUnit} from `from` to `to` whose ledger write failed. */
  revertMove(unitId: string, caseId: string, from: UnitStatus, to: UnitStatus, at: string): Promise<void>;
  setPosition(unitId: string, position: NonNullable<UnitState['position']>): Promise<void>;
  /** Latest positions of several units in one write. */
  setPositions(positions: ReadonlyMap<string, NonNullable<UnitState['position']>>): Promise<void>;

  appendReadings(readings: readonly VitalReading[]): Promise<void>;
  readings(caseId: string): Promise<VitalReading[]>;
  appendMessage(message: CaseMessage): Promise<void>;
  messages(caseId: string): Promise<CaseMessage[]>;
}

const CLOSED: readonly CaseStatus[] = ['handed-over', 'closed'];

/** In-process store for tests and development (single-threaded compare-and-set). */
export class InMemoryEmsStore implements EmsStore {
  readonly #cases = new Map<string, EmsCase>();
  readonly #units = new Map<string, UnitState>();
  readonly #readings: VitalReading[] = [];
  readonly #messages: CaseMessage[] = [];

  public insertCase(c: EmsCase): Promise<boolean> {
    if (this.#cases.has(c.caseId)) return Promise.resolve(false);
    this.#cases.set(c.caseId, structuredClone(c));
    return Promise.resolve(true);
  }

  public getCase(caseId: string): Promise<EmsCase | undefined> {
    const c = this.#cases.get(caseId);
    return Promise.resolve(c === undefined ? undefined : structuredClone(c));
  }

  public claimCase(caseId: string, patch: Partial<EmsCase>): Promise<EmsCase | undefined> {
    return this.updateCase(caseId, ['open'], { ...patch, status: 'dispatched' });
  }

  public releaseCase(caseId: string): Promise<void> {
    const c = this.#cases.get(caseId);
    if (c?.status === 'dispatched') {
      c.status = 'open';
      delete c.unitId;
      delete c.unitLevel;
      delete c.lowerLevelReason;
    }
    return Promise.resolve();
  }

  public updateCase(caseId: string, from: readonly CaseStatus[], patch: Partial<EmsCase>): Promise<EmsCase | undefined> {
    const c = this.#cases.get(caseId);
    if (c === undefined || !from.includes(c.status)) return Promise.resolve(undefined);
    const next = { ...c, ...structuredClone(patch) } as EmsCase;
    this.#cases.set(caseId, next);
    return Promise.resolve(structuredClone(next));
  }

  public openCases(filter: { destinationHcode?: string } = {}): Promise<EmsCase[]> {
    const list = [...this.#cases.values()]
      .filter((c) => !CLOSED.includes(c.status))
      .filter((c) => filter.destinationHcode === undefined || c.destinationHcode === filter.destinationHcode)
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    return Promise.resolve(structuredClone(list));
  }

  public casesBetween(from: string, to: string): Promise<EmsCase[]> {
    return Promise.resolve(structuredClone([...this.#cases.values()].filter((c) => c.receivedAt >= from && c.receivedAt < to)));
  }

  public seedUnits(unitIds: readonly string[], at: string): Promise<void> {
    for (const unitId of unitIds) {
      if (!this.#units.has(unitId)) this.#units.set(unitId, { unitId, status: 'available', caseId: null, position: null, updatedAt: at });
    }
    return Promise.resolve();
  }

  public units(): Promise<UnitState[]> {
    return Promise.resolve(structuredClone([...this.#units.values()]));
  }

  public getUnit(unitId: string): Promise<UnitState | undefined> {
    const u = this.#units.get(unitId);
    return Promise.resolve(u === undefined ? undefined : structuredClone(u));
  }

  public claimUnit(unitId: string, caseId: string, at: string): Promise<UnitState | undefined> {
    const u = this.#units.get(unitId);
    if (u === undefined || u.status !== 'available') return Promise.resolve(undefined);
    u.status = 'dispatched';
    u.caseId = caseId;
    u.updatedAt = at;
    return Promise.resolve(structuredClone(u));
  }

  public moveUnit(unitId: string, caseId: string, from: UnitStatus, to: UnitStatus, at: string): Promise<UnitState | undefined> {
    const u = this.#units.get(unitId);
    if (u === undefined || u.status !== from || u.caseId !== caseId) return Promise.resolve(undefined);
    u.status = to;
    u.caseId = to === 'available' ? null : caseId;
    u.updatedAt = at;
    return Promise.resolve(structuredClone(u));
  }

  public async releaseUnit(unitId: string, caseId: string, at: string): Promise<void> {
    await this.moveUnit(unitId, caseId, 'dispatched', 'available', at);
  }

  public revertMove(unitId: string, caseId: string, from: UnitStatus, to: UnitStatus, at: string): Promise<void> {
    const u = this.#units.get(unitId);
    if (u !== undefined && u.status === to && (u.caseId === caseId || (to === 'available' && u.caseId === null))) {
      u.status = from;
      u.caseId = caseId;
      u.updatedAt = at;
    }
    return Promise.resolve();
  }

  public setPosition(unitId: string, position: NonNullable<UnitState['position']>): Promise<void> {
    const u = this.#units.get(unitId);
    if (u !== undefined) u.position = { ...position };
    return Promise.resolve();
  }

  public async setPositions(positions: ReadonlyMap<string, NonNullable<UnitState['position']>>): Promise<void> {
    for (const [unitId, position] of positions) await this.setPosition(unitId, position);
  }

  public appendReadings(readings: readonly VitalReading[]): Promise<void> {
    this.#readings.push(...structuredClone(readings));
    return Promise.resolve();
  }

  public readings(caseId: string): Promise<VitalReading[]> {
    return Promise.resolve(structuredClone(this.#readings.filter((r) => r.caseId === caseId).sort((a, b) => a.at.localeCompare(b.at))));
  }

  public appendMessage(message: CaseMessage): Promise<void> {
    this.#messages.push({ ...message });
    return Promise.resolve();
  }

  public messages(caseId: string): Promise<CaseMessage[]> {
    return Promise.resolve(this.#messages.filter((m) => m.caseId === caseId).map((m) => ({ ...m })));
  }
}
