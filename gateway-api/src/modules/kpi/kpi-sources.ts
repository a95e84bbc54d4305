import type { Connection } from 'mongoose';
import { visitWindowStart } from '../coc/coc-indicators';
import type { CaseRecord, CocReadModel, VisitRecord } from '../coc/coc.read-model';
import type { VisitSchedule } from '../coc/visit-schedule';
import type { UnitRegistry } from '../../units/unit-registry';
import { storeUnavailable } from '../../store/mongo-errors';
import { monthEnd } from './kpi-compute';
import type { BookingFact, EmsCaseFact, EmsCounts, KioskVisitFact, MonthFacts, PaymentFact, Provenance, ReferralFact, SurveyFact } from './kpi-facts';
import type { KpiModels } from './kpi-store';

/** The groups of sources a month's facts come from. */
export type FactPart = 'bookings' | 'payments' | 'kioskVisits' | 'surveys' | 'referrals' | 'ems' | 'coc';
export const ALL_PARTS: readonly FactPart[] = ['bookings', 'payments', 'kioskVisits', 'surveys', 'referrals', 'ems', 'coc'];

/** Reads the facts of one month (only `parts`, when given: the others are empty). */
export interface KpiSource {
  monthFacts(month: string, parts?: readonly FactPart[]): Promise<MonthFacts>;
}

/** EMS counts of [from, to) from the EMS module (EmsService.indicators); undefined without it. */
export type EmsIndicatorReader = (from: string, to: string) => Promise<EmsCounts>;

type Doc = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Bangkok month bounds as ISO instants: [from, to). */
export function monthInstants(month: string): { from: string; to: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { from: new Date(Date.UTC(y, m - 1, 1) - 7 * 3_600_000).toISOString(), to: new Date(Date.UTC(y, m, 1) - 7 * 3_600_000).toISOString() };
}

/** The hospital a unit's records count for: itself, or a health centre's district hospital. */
export function hospitalOf(units: UnitRegistry, hcode: string): string {
  const unit = units.find(hcode);
  if (unit === undefined) return hcode;
  return unit.type === 'health-centre' && unit.parentHcode !== null ? unit.parentHcode : hcode;
}

/**
 * The live collections (wallet, kiosk, referrals, EMS, COC, surveys) plus the demo year's records
 * (kpi_demo_records, equality lookups by kind + month). Live reads use the domains' own indexed fields; the
 * COC cases and visits come through the COC read model and the EMS counts through EmsService.indicators.
 */
export class MongoKpiSource implements KpiSource {
  readonly #db: Connection;
  readonly #models: KpiModels;
  readonly #units: UnitRegistry;
  readonly #coc: CocReadModel | undefined;
  readonly #schedule: VisitSchedule;
  readonly #ems: EmsIndicatorReader | undefined;

  public constructor(options: Readonly<{ connection: Connection; models: KpiModels; units: UnitRegistry; coc?: CocReadModel; schedule: VisitSchedule; ems?: EmsIndicatorReader }>) {
    this.#db = options.connection;
    this.#models = options.models;
    this.#units = options.units;
    this.#coc = options.coc;
    this.#schedule = options.schedule;
    this.#ems = options.ems;
  }

  public async monthFacts(month: string, parts: readonly FactPart[] = ALL_PARTS): Promise<MonthFacts> {
    const want = (part: FactPart): boolean => parts.includes(part);
    try {
      const [bookings, payments, kioskVisits, surveys, referrals, emsCases, emsLive, coc] = await Promise.all([
        want('bookings') ? this.#bookings(month) : [],
        want('payments') ? this.#payments(month) : [],
        want('kioskVisits') ? this.#kioskVisits(month) : [],
        want('surveys') ? this.#surveys(month) : [],
        want('referrals') ? this.#referrals(month) : [],
        want('ems') ? this.#emsCases(month) : [],
        this.#ems === undefined || !want('ems') ? Promise.resolve(null) : this.#ems(monthInstants(month).from, monthInstants(month).to).catch(() => null),
        want('coc') ? this.#cocFacts(month) : { cases: [], visits: [] },
      ]);
      return { month, bookings, payments, kioskVisits, surveys, referrals, emsCases, emsLive, cocCases: coc.cases, cocVisits: coc.visits };
    } catch (err) {
      if (err instanceof Error && err.name === 'ApiError') throw err;
      throw storeUnavailable(err);
    }
  }

  async #demo(kind: string, month: string): Promise<Doc[]> {
    return this.#models.demo.find({ kind, month }).lean<Doc[]>().exec();
  }

  #live(name: string) {
    return this.#db.collection(name);
  }

  async #bookings(month: string): Promise<BookingFact[]> {
    const rows = (await this.#live('wallet_bookings')
      .find({ status: 'checked-in', date: { $gte: `${month}-01`, $lte: monthEnd(month) } })
      .project({ _id: 1, hcode: 1, updatedAt: 1 })
      .toArray()) as Doc[];
    const served = rows.length === 0 ? [] : await this.#models.served.find({ _id: { $in: rows.map((r) => String(r._id)) } }).lean<Doc[]>().exec();
    const servedAt = new Map(served.map((s) => [String(s._id), String(s.servedAt)]));
    const live: BookingFact[] = rows.map((r) => ({
      id: String(r._id),
      hospital: hospitalOf(this.#units, String(r.hcode)),
      at: String(r.updatedAt),
      servedAt: servedAt.get(String(r._id)) ?? null,
      pseudonym: null,
      txId: null,
      provenance: 'live',
    }));
    return [...live, ...(await this.#demo('booking', month)).map((d) => this.#fact<BookingFact>(d, { servedAt: str(d.servedAt) }))];
  }

  async #payments(month: string): Promise<PaymentFact[]> {
    const { from, to } = monthInstants(month);
    const rows = (await this.#live('kioskPayments').find({ status: 'paid', paidAt: { $gte: from, $lt: to } }).project({ _id: 1, hcode: 1, paidAt: 1, receiptNo: 1 }).toArray()) as Doc[];
    const live: PaymentFact[] = rows.map((r) => ({ id: String(r.receiptNo ?? r._id), hospital: hospitalOf(this.#units, String(r.hcode)), at: String(r.paidAt), pseudonym: null, txId: null, provenance: 'live' }));
    return [...live, ...(await this.#demo('payment', month)).map((d) => this.#fact<PaymentFact>(d, {}))];
  }

  async #kioskVisits(month: string): Promise<KioskVisitFact[]> {
    const { from, to } = monthInstants(month);
    const rows = (await this.#live('kioskSessions')
      .find({ createdAt: { $gte: from, $lt: to }, bill: { $ne: null } })
      .project({ _id: 1, hcode: 1, createdAt: 1, identifiedBy: 1 })
      .toArray()) as Doc[];
    const live: KioskVisitFact[] = rows.map((r) => ({ id: String(r._id), hospital: hospitalOf(this.#units, String(r.hcode)), at: String(r.createdAt), healthId: r.identifiedBy === 'health-id', pseudonym: null, txId: null, provenance: 'live' }));
    return [...live, ...(await this.#demo('kiosk-visit', month)).map((d) => this.#fact<KioskVisitFact>(d, { healthId: d.healthId === true }))];
  }

  async #surveys(month: string): Promise<SurveyFact[]> {
    const rows = await this.#models.surveys.find({ month }).lean<Doc[]>().exec();
    const live: SurveyFact[] = rows.map((r) => ({
      id: String(r._id),
      hospital: String(r.hospital),
      at: String(r.at),
      kind: r.kind === 'happiness' ? 'happiness' : 'satisfaction',
      score: Number(r.score),
      pseudonym: str(r.respondent),
      txId: null,
      provenance: 'live',
    }));
    return [...live, ...(await this.#demo('survey', month)).map((d) => this.#fact<SurveyFact>(d, { kind: d.surveyKind === 'happiness' ? 'happiness' : 'satisfaction', score: Number(d.score) }))];
  }

  async #referrals(month: string): Promise<ReferralFact[]> {
    const { from, to } = monthInstants(month);
    const rows = (await this.#live('referrals')
      .find({ createdAt: { $gte: from, $lt: to } })
      .project({ _id: 1, fromHcode: 1, toHcode: 1, status: 1, createdAt: 1, patientPseudonym: 1, 'ledger.txId': 1 })
      .toArray()) as Doc[];
    const live: ReferralFact[] = rows.map((r) => ({
      id: String(r._id),
      hospital: hospitalOf(this.#units, String(r.fromHcode)),
      toHospital: hospitalOf(this.#units, String(r.toHcode)),
      status: String(r.status),
      at: String(r.createdAt),
      pseudonym: str(r.patientPseudonym),
      txId: str((r.ledger as Doc | undefined)?.txId),
      provenance: 'live',
    }));
    return [...live, ...(await this.#demo('referral', month)).map((d) => this.#fact<ReferralFact>(d, { toHospital: String(d.toHospital), status: String(d.status) }))];
  }

  async #emsCases(month: string): Promise<EmsCaseFact[]> {
    const { from, to } = monthInstants(month);
    const rows = (await this.#live('ems_cases').find({ receivedAt: { $gte: from, $lt: to } }).project({ _id: 1, receivedAt: 1, colour: 1, milestones: 1, disposition: 1, patientPseudonym: 1, destinationHcode: 1 }).toArray()) as Doc[];
    const died = new Set(['died-24h', 'died-in-hospital']);
    const live: EmsCaseFact[] = rows.map((r) => {
      const milestones = (Array.isArray(r.milestones) ? r.milestones : []) as Doc[];
      const onScene = milestones.find((m) => m.milestone === 'on-scene');
      const disposition = r.disposition as Doc | undefined;
      const hasOutcome = disposition?.outcome !== undefined || disposition?.erDisposition === 'died-in-er';
      const dead = died.has(String(disposition?.outcome ?? '')) || disposition?.erDisposition === 'died-in-er';
      return {
        id: String(r._id),
        hospital: r.destinationHcode === undefined ? '10697' : hospitalOf(this.#units, String(r.destinationHcode)),
        hub: '10697',
        at: String(r.receivedAt),
        colour: String(r.colour),
        minutesToScene: onScene === undefined ? null : Math.round(((Date.parse(String(onScene.at)) - Date.parse(String(r.receivedAt))) / 60_000) * 10) / 10,
        outcome: hasOutcome ? (dead ? 'died' : 'survived') : null,
        pseudonym: str(r.patientPseudonym),
        txId: str(milestones.find((m) => typeof m.transactionId === 'string')?.transactionId),
        provenance: 'live',
      } satisfies EmsCaseFact;
    });
    return [
      ...live,
      ...(await this.#demo('ems-case', month)).map((d) =>
        this.#fact<EmsCaseFact>(d, { hub: String(d.hub), colour: String(d.colour), minutesToScene: typeof d.minutesToScene === 'number' ? d.minutesToScene : null, outcome: d.outcome === 'died' || d.outcome === 'survived' ? d.outcome : null }),
      ),
    ];
  }

  async #cocFacts(month: string): Promise<{ cases: (CaseRecord & { provenance?: Provenance })[]; visits: (VisitRecord & { provenance?: Provenance })[] }> {
    const from = `${month}-01`;
    const to = monthEnd(month);
    const windowStart = visitWindowStart(this.#schedule, to, from);
    const liveCases = this.#coc === undefined ? [] : await this.#coc.findCases({});
    const liveVisits = this.#coc === undefined || liveCases.length === 0 ? [] : await this.#coc.findVisits({ caseIds: liveCases.map((c) => c.id), from: windowStart, to });
    const demoCases = (await this.#demo('coc-case', '*')) as unknown as CaseRecord[];
    const visitMonths = [...new Set([windowStart.slice(0, 7), from.slice(0, 7)])];
    for (let m = windowStart.slice(0, 7); m < month; m = nextMonth(m)) visitMonths.push(m);
    const demoVisits = (await Promise.all([...new Set(visitMonths)].map(async (m) => this.#demo('coc-visit', m)))).flat() as unknown as VisitRecord[];
    return {
      cases: [...liveCases.map((c) => ({ ...c, provenance: 'live' as const })), ...demoCases.map((c) => ({ ...c, provenance: 'demo-year' as const }))],
      visits: [...liveVisits.map((v) => ({ ...v, provenance: 'live' as const })), ...demoVisits.filter((v) => v.visitedOn >= windowStart && v.visitedOn <= to).map((v) => ({ ...v, provenance: 'demo-year' as const }))],
    };
  }

  #fact<T>(d: Doc, extra: Partial<T>): T {
    return { id: String(d._id), hospital: String(d.hospital), at: String(d.at), pseudonym: str(d.pseudonym), txId: str(d.txId), provenance: 'demo-year', ...extra } as T;
  }
}

/** The month after YYYY-MM. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${String(y + 1)}-01` : `${String(y)}-${String(m + 1).padStart(2, '0')}`;
}
