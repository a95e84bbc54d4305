import { ApiError } from '../../../http/api-error';
import type { BillItem, SimulatorData } from '../kiosk-fixtures';

/** Today's visit of a patient as the hospital information system bills it. */
export interface VisitBill {
  readonly hn: string;
  readonly vn: string;
  readonly items: readonly BillItem[];
}

/** The hospital information system (HIS) as the kiosk sees it: the visit's items and amounts. */
export interface HisBillSource {
  /** Throws ApiError VISIT_NOT_FOUND when the patient has no open visit at `hcode`. */
  visitBill(hcode: string, hn: string): Promise<VisitBill>;
  /** The patient's hospital number and mobile from the HIS registration; throws VISIT_NOT_FOUND when unregistered. */
  registration(hcode: string, pid: string): Promise<{ hn: string; mobile: string }>;
  /**
   * The registered patient whose national ID has the network's keyed pseudonym `pseudonym` (the HIS knows its
   * patients' IDs; the wallet only knows the pseudonym). Throws VISIT_NOT_FOUND when none.
   */
  registrationByPseudonym(hcode: string, pseudonym: string): Promise<{ pid: string; hn: string; mobile: string }>;
}

/** HIS simulator over fixtures/kiosk/simulator.json `visits`. */
export class HisBillSimulator implements HisBillSource {
  #visits: SimulatorData['visits'];
  #registrations = 0;
  readonly #cards: SimulatorData['cards'];
  readonly #pseudonymOf: ((pid: string) => string) | undefined;
  #byPseudonym: Map<string, SimulatorData['cards'][number]> | undefined;

  public constructor(options: Readonly<{ visits: SimulatorData['visits']; cards: SimulatorData['cards']; pseudonymOf?: (pid: string) => string }>) {
    this.#visits = options.visits;
    this.#cards = options.cards;
    this.#pseudonymOf = options.pseudonymOf;
  }

  public async registrationByPseudonym(_hcode: string, pseudonym: string): Promise<{ pid: string; hn: string; mobile: string }> {
    const pseudonymOf = this.#pseudonymOf;
    if (pseudonymOf !== undefined) this.#byPseudonym ??= new Map(this.#cards.map((c) => [pseudonymOf(c.pid), c]));
    const card = this.#byPseudonym?.get(pseudonym);
    if (card === undefined) throw new ApiError('VISIT_NOT_FOUND', 'the patient is not registered at this hospital; please go to the registration desk');
    return Promise.resolve({ pid: card.pid, hn: card.hn, mobile: card.mobile });
  }

  public async registration(_hcode: string, pid: string): Promise<{ hn: string; mobile: string }> {
    const card = this.#cards.find((c) => c.pid === pid);
    if (card === undefined) throw new ApiError('VISIT_NOT_FOUND', 'the patient is not registered at this hospital; please go to the registration desk');
    return Promise.resolve({ hn: card.hn, mobile: card.mobile });
  }

  /**
   * Registers a new visit today for `hn` with the items of its fixture visit and a fresh visit number (so that
   * repeated test runs each have an unpaid bill). Returns the new VN.
   */
  public newVisit(hn: string): string {
    const base = this.#visits.find((v) => v.hn === hn);
    if (base === undefined) throw new ApiError('VISIT_NOT_FOUND', `no simulated patient with HN ${hn}`);
    this.#registrations += 1;
    const vn = `${base.vn.slice(0, 12)}${Date.now().toString(36).toUpperCase().slice(-5)}${String(this.#registrations % 1000).padStart(3, '0')}`;
    this.#visits = [{ ...base, vn }, ...this.#visits];
    return vn;
  }

  public async visitBill(_hcode: string, hn: string): Promise<VisitBill> {
    const visit = this.#visits.find((v) => v.hn === hn);
    if (visit === undefined) throw new ApiError('VISIT_NOT_FOUND', `no open visit today for HN ${hn}`);
    return Promise.resolve({ hn: visit.hn, vn: visit.vn, items: visit.items });
  }
}
