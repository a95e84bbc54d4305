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
}

/** HIS simulator over fixtures/kiosk/simulator.json `visits`. */
export class HisBillSimulator implements HisBillSource {
  readonly #visits: SimulatorData['visits'];
  readonly #cards: SimulatorData['cards'];

  public constructor(options: Readonly<{ visits: SimulatorData['visits']; cards: SimulatorData['cards'] }>) {
    this.#visits = options.visits;
    this.#cards = options.cards;
  }

  public async registration(_hcode: string, pid: string): Promise<{ hn: string; mobile: string }> {
    const card = this.#cards.find((c) => c.pid === pid);
    if (card === undefined) throw new ApiError('VISIT_NOT_FOUND', 'the patient is not registered at this hospital; please go to the registration desk');
    return Promise.resolve({ hn: card.hn, mobile: card.mobile });
  }

  public async visitBill(_hcode: string, hn: string): Promise<VisitBill> {
    const visit = this.#visits.find((v) => v.hn === hn);
    if (visit === undefined) throw new ApiError('VISIT_NOT_FOUND', `no open visit today for HN ${hn}`);
    return Promise.resolve({ hn: visit.hn, vn: visit.vn, items: visit.items });
  }
}
