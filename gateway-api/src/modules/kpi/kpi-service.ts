import { createHash } from 'node:crypto';
import { ApiError } from '../../http/api-error';
import { isDuplicateKeyError, storeUnavailable } from '../../store/mongo-errors';
import type { Principal } from '../auth/auth-token';
import { visitedPerStandard } from '../coc/coc-indicators';
import type { VisitSchedule } from '../coc/visit-schedule';
import type { UnitRegistry } from '../../units/unit-registry';
import { computeMonth, monthEnd, PROVINCE, waitMinutes, type Cell } from './kpi-compute';
import type { IndicatorDefinitions, IndicatorId } from './kpi-definitions';
import type { MonthFacts, Provenance } from './kpi-facts';
import { seriesOf, type Series } from './kpi-series';
import { hospitalOf, monthInstants, nextMonth, type FactPart, type KpiSource } from './kpi-sources';
import type { KpiModels } from './kpi-store';

/** The provincial office's hcode: its managers (and auditors) see the province. */
export const PROVINCIAL_OFFICE_HCODE = '00024';
/** At most this many months per request. */
export const MAX_MONTHS = 24;

/** One record behind a figure (pseudonymous). */
export interface DrillRow {
  readonly id: string;
  readonly kind: string;
  readonly hospital: string;
  readonly at: string;
  readonly pseudonym: string | null;
  readonly txId: string | null;
  readonly provenance: Provenance;
  /** Counted in the numerator (always also in the denominator, when the indicator has one). */
  readonly inNumerator: boolean;
  readonly detail: string;
}

export interface Dashboard {
  readonly scope: { kind: 'province' | 'hospital'; hcode: string | null; nameTh: string; nameEn: string; district: string | null };
  readonly months: string[];
  readonly definitionsVersion: string;
  readonly series: Series[];
  /** Every hospital's figure for the last month of the window (province view only). */
  readonly byHospital: { hcode: string; nameTh: string; nameEn: string; district: string; values: Partial<Record<IndicatorId, number | null>> }[];
  readonly computedAt: string;
}

export interface KpiServiceOptions {
  readonly source: KpiSource;
  readonly models: KpiModels;
  readonly definitions: IndicatorDefinitions;
  readonly units: UnitRegistry;
  readonly schedule: VisitSchedule;
  readonly now?: () => Date;
  /** A month still running (or ended less than a day ago) is recomputed when its cells are older than this (default 60 s). */
  readonly liveMaxAgeMs?: number;
}

/** Thailand (UTC+7) date of `d`, YYYY-MM-DD. */
function thaiDay(d: Date): string {
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The months from `from` to `to` inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length <= MAX_MONTHS; m = nextMonth(m)) out.push(m);
  return out;
}

/**
 * The provincial KPI dashboard: the 12 indicators by month for the province or one hospital, from cells kept per
 * month in `kpi_months` (a finished month is computed once; the running month again after `liveMaxAgeMs`), the
 * records behind any figure, survey answers and OPD service starts.
 */
export class KpiService {
  readonly #o: KpiServiceOptions;
  readonly #hospitals: string[];

  public constructor(options: KpiServiceOptions) {
    this.#o = options;
    this.#hospitals = options.units
      .all()
      .filter((u) => u.type === 'hospital')
      .map((u) => u.hcode)
      .sort();
  }

  public get hospitals(): readonly string[] {
    return this.#hospitals;
  }

  /**
   * Which scope the caller may read: the provincial office's managers and auditors any hospital or the province; a
   * hospital's director their own hospital only (another one: 403 KPI_FORBIDDEN_HOSPITAL).
   */
  public scopeFor(caller: Principal, hospital: string | undefined): string {
    const provincial = (caller.role === 'manager' && caller.hcode === PROVINCIAL_OFFICE_HCODE) || caller.role === 'auditor';
    if (caller.role !== 'manager' && caller.role !== 'auditor') throw new ApiError('FORBIDDEN_ROLE', `role ${caller.role} cannot read the KPI dashboard (manager or auditor)`);
    if (hospital !== undefined && hospital !== PROVINCE && !this.#hospitals.includes(hospital)) {
      throw new ApiError('UNKNOWN_HCODE', `${hospital} is not one of the ${String(this.#hospitals.length)} hospitals`, { hospital });
    }
    if (provincial) return hospital ?? PROVINCE;
    if (!this.#hospitals.includes(caller.hcode)) throw new ApiError('FORBIDDEN_UNIT', `${caller.username}'s unit ${caller.hcode} is not a hospital`);
    if (hospital !== undefined && hospital !== caller.hcode) {
      throw new ApiError('KPI_FORBIDDEN_HOSPITAL', `${caller.username} may read the indicators of hospital ${caller.hcode} only, not ${hospital}`, { hospital, own: caller.hcode });
    }
    return caller.hcode;
  }

  public async dashboard(caller: Principal, query: { from?: string; to?: string; hospital?: string }): Promise<Dashboard> {
    const scope = this.scopeFor(caller, query.hospital);
    const months = this.#window(query.from, query.to);
    const cells = await this.#cells(months);
    const last = months.at(-1) as string;
    const definitions = this.#o.definitions.on(last);
    const series = definitions.map((d) => seriesOf(d, months, cells, scope));
    const unit = scope === PROVINCE ? undefined : this.#o.units.find(scope);
    const byHospital =
      scope !== PROVINCE
        ? []
        : this.#hospitals.map((hcode) => {
            const u = this.#o.units.find(hcode);
            // the hospital's own series (a percent change is against the hospital's own baseline month)
            const values = Object.fromEntries(definitions.filter((d) => d.scope === 'hospital').map((d) => [d.id, seriesOf(d, months, cells, hcode).points.at(-1)?.value ?? null]));
            return { hcode, nameTh: u?.nameTh ?? hcode, nameEn: u?.nameEn ?? hcode, district: u?.district ?? '', values };
          });
    return {
      scope: {
        kind: scope === PROVINCE ? 'province' : 'hospital',
        hcode: scope === PROVINCE ? null : scope,
        nameTh: unit?.nameTh ?? 'จังหวัดฉะเชิงเทรา (ทุกโรงพยาบาล)',
        nameEn: unit?.nameEn ?? 'Chachoengsao province (all hospitals)',
        district: unit?.district ?? null,
      },
      months,
      definitionsVersion: this.#o.definitions.versionOn(last).version,
      series,
      byHospital,
      computedAt: (this.#o.now?.() ?? new Date()).toISOString(),
    };
  }

  /** The records behind one figure (indicator, month, scope), with whether each counts in the numerator. */
  public async records(caller: Principal, indicatorId: string, query: { month: string; hospital?: string; limit: number; offset: number }): Promise<{ indicatorId: IndicatorId; month: string; scope: string; numerator: number; denominator: number | null; total: number; rows: DrillRow[] }> {
    const scope = this.scopeFor(caller, query.hospital);
    const definition = this.#o.definitions.find(indicatorId, query.month);
    if (definition === undefined) throw new ApiError('KPI_UNKNOWN_INDICATOR', `no indicator ${indicatorId}`, { indicatorId });
    const effective = definition.scope === 'province' ? PROVINCE : scope;
    const facts = await this.#o.source.monthFacts(query.month, partsOf(definition.id));
    const all = this.#drillRows(definition.id, facts, effective);
    const cell = computeMonth(facts, { hospitals: this.#hospitals, schedule: this.#o.schedule, today: this.#today() }).find((c) => c.indicatorId === definition.id && c.scope === effective);
    return {
      indicatorId: definition.id,
      month: query.month,
      scope: effective,
      numerator: cell?.numerator ?? 0,
      denominator: cell?.denominator ?? null,
      total: all.length,
      rows: all.slice(query.offset, query.offset + query.limit),
    };
  }

  /** Recomputes the cells of the months of the window (provincial managers). */
  public async refresh(caller: Principal, query: { from?: string; to?: string }): Promise<{ months: string[]; ms: number }> {
    if (this.scopeFor(caller, undefined) !== PROVINCE) throw new ApiError('FORBIDDEN_ROLE', 'only the provincial office recomputes the indicators');
    const months = this.#window(query.from, query.to);
    const started = Date.now();
    for (const m of months) await this.#computeAndSave(m);
    return { months, ms: Date.now() - started };
  }

  /** A survey answer (citizen in the wallet, after a visit): one per respondent, kind and context. */
  public async answerSurvey(citizenId: string, body: { kind: 'satisfaction' | 'happiness'; score: number; hcode: string; context: string }): Promise<{ id: string; month: string }> {
    if (this.#o.units.find(body.hcode) === undefined) throw new ApiError('UNKNOWN_HCODE', `unknown unit ${body.hcode}`, { hcode: body.hcode });
    const max = body.kind === 'satisfaction' ? 5 : 10;
    const min = body.kind === 'satisfaction' ? 1 : 0;
    if (!Number.isInteger(body.score) || body.score < min || body.score > max) {
      throw new ApiError('INVALID_ARGUMENT', `${body.kind} score must be an integer ${String(min)}–${String(max)}`, { score: body.score });
    }
    const now = this.#o.now?.() ?? new Date();
    const month = thaiDay(now).slice(0, 7);
    const respondent = createHash('sha256').update(`kpi-survey:${citizenId}`).digest('hex').slice(0, 32);
    const id = `${body.kind}:${respondent}:${body.context}`;
    try {
      await this.#o.models.surveys.collection.insertOne({ _id: id, kind: body.kind, month, hospital: hospitalOf(this.#o.units, body.hcode), hcode: body.hcode, score: body.score, at: now.toISOString(), respondent, context: body.context } as never);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ApiError('KPI_SURVEY_EXISTS', `this ${body.kind} survey was already answered for ${body.context}`, { kind: body.kind, context: body.context });
      throw storeUnavailable(err);
    }
    await this.#invalidate(month);
    return { id, month };
  }

  /** Service start of a checked-in wallet booking (staff of that hospital): the end of the OPD wait. */
  public async markServed(caller: Principal, bookingId: string): Promise<{ bookingId: string; checkedInAt: string; servedAt: string; waitMinutes: number }> {
    if (!['clinician', 'nurse', 'pharmacist', 'cashier'].includes(caller.role)) throw new ApiError('FORBIDDEN_ROLE', `role ${caller.role} does not record OPD service starts`);
    let booking: Record<string, unknown> | null;
    try {
      booking = (await this.#o.models.served.db.collection('wallet_bookings').findOne({ _id: bookingId as never })) as Record<string, unknown> | null;
    } catch (err) {
      throw storeUnavailable(err);
    }
    if (booking === null) throw new ApiError('BOOKING_NOT_FOUND', `no booking ${bookingId}`, { bookingId });
    const hospital = hospitalOf(this.#o.units, String(booking.hcode));
    if (hospitalOf(this.#o.units, caller.hcode) !== hospital) throw new ApiError('FORBIDDEN_UNIT', `booking ${bookingId} is at ${String(booking.hcode)}, not at ${caller.hcode}`, { bookingId });
    if (booking.status !== 'checked-in') throw new ApiError('KPI_NOT_CHECKED_IN', `booking ${bookingId} is ${String(booking.status)}, not checked in`, { bookingId, status: booking.status });
    const servedAt = (this.#o.now?.() ?? new Date()).toISOString();
    const checkedInAt = String(booking.updatedAt);
    const month = String(booking.date).slice(0, 7);
    try {
      await this.#o.models.served.collection.insertOne({ _id: bookingId, hospital, month, checkedInAt, servedAt, by: caller.username } as never);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ApiError('KPI_ALREADY_SERVED', `booking ${bookingId} already has a service start`, { bookingId });
      throw storeUnavailable(err);
    }
    await this.#invalidate(month);
    return { bookingId, checkedInAt, servedAt, waitMinutes: Math.round((waitMinutes({ at: checkedInAt, servedAt }) ?? 0) * 10) / 10 };
  }

  // ---------- helpers ----------

  #today(): string {
    return thaiDay(this.#o.now?.() ?? new Date());
  }

  /** Default window: the 12 months ending with the current one. */
  #window(from: string | undefined, to: string | undefined): string[] {
    const end = to ?? this.#today().slice(0, 7);
    let start = from;
    if (start === undefined) {
      start = end;
      for (let i = 0; i < 11; i += 1) start = prevMonth(start);
    }
    if (start > end) throw new ApiError('INVALID_ARGUMENT', `from ${start} is after to ${end}`, { from: start, to: end });
    const months = monthsBetween(start, end);
    if (months.length > MAX_MONTHS) throw new ApiError('INVALID_ARGUMENT', `at most ${String(MAX_MONTHS)} months per request`, { from: start, to: end });
    return months;
  }

  async #cells(months: readonly string[]): Promise<Map<string, readonly Cell[]>> {
    const out = new Map<string, readonly Cell[]>();
    let docs: (Record<string, unknown> | null)[];
    try {
      docs = await Promise.all(months.map(async (m) => this.#o.models.months.findById(m).lean<Record<string, unknown>>().exec()));
    } catch (err) {
      throw storeUnavailable(err);
    }
    const now = (this.#o.now?.() ?? new Date()).getTime();
    for (const [i, m] of months.entries()) {
      const doc = docs[i];
      const fresh = doc !== null && doc !== undefined && (doc.final === true || now - Date.parse(String(doc.computedAt)) < (this.#o.liveMaxAgeMs ?? 60_000));
      out.set(m, fresh ? (doc.cells as Cell[]) : await this.#computeAndSave(m));
    }
    return out;
  }

  async #computeAndSave(month: string): Promise<Cell[]> {
    const facts = await this.#o.source.monthFacts(month);
    const cells = computeMonth(facts, { hospitals: this.#hospitals, schedule: this.#o.schedule, today: this.#today() });
    const now = this.#o.now?.() ?? new Date();
    // finished: the month ended more than a day ago (late projections are picked up by POST /api/kpi/refresh)
    const final = monthInstants(month).to < new Date(now.getTime() - 86_400_000).toISOString();
    try {
      await this.#o.models.months.replaceOne({ _id: month }, { _id: month, cells, computedAt: now.toISOString(), final }, { upsert: true }).exec();
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw storeUnavailable(err);
    }
    return cells;
  }

  async #invalidate(month: string): Promise<void> {
    try {
      await this.#o.models.months.deleteOne({ _id: month }).exec();
    } catch (err) {
      throw storeUnavailable(err);
    }
  }

  #drillRows(id: IndicatorId, facts: MonthFacts, scope: string): DrillRow[] {
    const inScope = <T extends { hospital: string }>(rows: readonly T[]): T[] => (scope === PROVINCE ? [...rows] : rows.filter((r) => r.hospital === scope));
    const base = (f: { id: string; hospital: string; at: string; pseudonym: string | null; txId: string | null; provenance: Provenance }, kind: string, inNumerator: boolean, detail: string): DrillRow => ({
      id: f.id,
      kind,
      hospital: f.hospital,
      at: f.at,
      pseudonym: f.pseudonym,
      txId: f.txId,
      provenance: f.provenance,
      inNumerator,
      detail,
    });
    switch (id) {
      case 'digital-opd-hospitals':
        return [...inScope(facts.bookings).map((b) => base(b, 'wallet-check-in', true, 'checked in')), ...inScope(facts.payments).map((p) => base(p, 'kiosk-payment', true, 'paid'))];
      case 'digital-opd-use':
        return inScope(facts.kioskVisits).map((v) => base(v, 'kiosk-visit', v.healthId, v.healthId ? 'Health ID (wallet)' : 'ID card'));
      case 'opd-waiting-change':
        return inScope(facts.bookings)
          .filter((b) => b.servedAt !== null)
          .map((b) => base(b, 'wallet-check-in', true, `wait ${String(Math.round((waitMinutes(b) ?? 0) * 10) / 10)} min`));
      case 'satisfaction':
      case 'happiness': {
        const kind = id;
        return inScope(facts.surveys)
          .filter((s) => s.kind === kind)
          .map((s) => base(s, `survey-${kind}`, kind === 'happiness' || s.score >= 4, `score ${String(s.score)}`));
      }
      case 'smart-ems-systems':
      case 'ems-access':
      case 'critical-mortality':
        return facts.emsCases
          .filter((c) => id === 'smart-ems-systems' || (c.colour === 'red' && (id === 'ems-access' ? c.minutesToScene !== null : c.outcome !== null)))
          .map((c) =>
            base(
              c,
              'ems-case',
              id === 'smart-ems-systems' ? true : id === 'ems-access' ? (c.minutesToScene ?? Infinity) <= 8 : c.outcome === 'died',
              `${c.colour}${c.minutesToScene === null ? '' : `, on scene ${String(c.minutesToScene)} min`}${c.outcome === null ? '' : `, ${c.outcome}`}`,
            ),
          );
      case 'referral-hospitals':
        return facts.referrals
          .filter((r) => scope === PROVINCE || r.hospital === scope || r.toHospital === scope)
          .map((r) => base(r, 'referral', true, `${r.hospital} → ${r.toHospital}, ${r.status}`));
      case 'referral-quality-care':
        return inScope(facts.referrals)
          .filter((r) => r.status !== 'cancelled')
          .map((r) => base(r, 'referral', r.status === 'completed', `→ ${r.toHospital}, ${r.status}`));
      case 'visited-per-standard':
      case 'adl-improved': {
        const from = `${facts.month}-01`;
        const to = monthEnd(facts.month);
        const today = this.#today();
        const end = today < to ? today : to;
        const cases = facts.cocCases.filter((c) => (scope === PROVINCE || c.districtHcode === scope) && c.openedOn <= end && (c.closedAt === undefined || c.closedAt.slice(0, 10) >= from));
        const rank = (g: string): number => ['bedridden', 'homebound', 'socially-active'].indexOf(g);
        return cases
          .filter((c) => (id === 'visited-per-standard' ? ['bedridden', 'homebound'].includes(c.adl.group) : ['bedridden', 'homebound'].includes(c.baselineAdl.group)))
          .map((c) => {
            const visits = facts.cocVisits.filter((v) => v.caseId === c.id && v.visitedOn >= from && v.visitedOn <= to);
            const counted = id === 'visited-per-standard' ? visitedPerStandard(c, facts.cocVisits, this.#o.schedule, { from, to }, today < to ? today : undefined) : rank(c.adl.group) > rank(c.baselineAdl.group);
            const detail = id === 'visited-per-standard' ? `${c.adl.group}, ${String(visits.length)} visits in the month${visits.length > 0 ? ` (tx ${visits.map((v) => v.ledger?.txId ?? '—').join(', ').slice(0, 200)})` : ''}` : `ADL ${c.baselineAdl.group} → ${c.adl.group}`;
            return { id: c.id, kind: 'coc-case', hospital: c.districtHcode, at: c.openedOn, pseudonym: c.patientPseudonym, txId: c.ledger?.txId ?? null, provenance: c.provenance ?? 'live', inNumerator: counted, detail };
          });
      }
    }
  }
}

/** The sources one indicator is computed from (a drill-down reads only those). */
export function partsOf(id: IndicatorId): readonly FactPart[] {
  switch (id) {
    case 'digital-opd-hospitals':
      return ['bookings', 'payments'];
    case 'digital-opd-use':
      return ['kioskVisits'];
    case 'opd-waiting-change':
      return ['bookings'];
    case 'satisfaction':
    case 'happiness':
      return ['surveys'];
    case 'smart-ems-systems':
    case 'ems-access':
    case 'critical-mortality':
      return ['ems'];
    case 'referral-hospitals':
    case 'referral-quality-care':
      return ['referrals'];
    case 'visited-per-standard':
    case 'adl-improved':
      return ['coc'];
  }
}

function prevMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${String(y - 1)}-12` : `${String(y)}-${String(m - 1).padStart(2, '0')}`;
}
