import type { CaseRecord, VisitRecord } from '../coc/coc.read-model';

/**
 * Where a record comes from: `live` = the system's own collections (projected from the ledger or written by the
 * domain services); `demo-year` = `npm run demo:year` (collection kpi_demo_records, never shown by the domain screens
 * nor compared with the ledger by the audit).
 */
export type Provenance = 'live' | 'demo-year';

interface Fact {
  readonly id: string;
  /** The hospital the record counts for (a health centre's records count for its district hospital). */
  readonly hospital: string;
  readonly at: string;
  /** The patient's pseudonym, when the record has one (never a national ID). */
  readonly pseudonym: string | null;
  /** The ledger transaction that recorded it, when it is on the ledger. */
  readonly txId: string | null;
  readonly provenance: Provenance;
}

/** A wallet booking checked in during the month (`servedAt`: service started, POST /api/kpi/opd/served). */
export interface BookingFact extends Fact {
  readonly servedAt: string | null;
}
/** A kiosk payment paid in the month. */
export type PaymentFact = Fact;
/** A kiosk session of the month that reached billing; `healthId`: the patient identified with the wallet. */
export interface KioskVisitFact extends Fact {
  readonly healthId: boolean;
}
/** One survey answer. */
export interface SurveyFact extends Fact {
  readonly kind: 'satisfaction' | 'happiness';
  readonly score: number;
}
/** A referral created in the month (`hospital` = the referring side's hospital). */
export interface ReferralFact extends Fact {
  readonly toHospital: string;
  readonly status: string;
}
/** A 1669 case received in the month. */
export interface EmsCaseFact extends Fact {
  readonly hub: string;
  readonly colour: string;
  readonly minutesToScene: number | null;
  readonly outcome: 'died' | 'survived' | null;
}

/** Counts of the EMS indicators (the shape EmsService.indicators gives, reduced to what the KPIs use). */
export interface EmsCounts {
  readonly cases: number;
  readonly redReached: number;
  readonly redWithinTarget: number;
  readonly redWithOutcome: number;
  readonly redDeaths: number;
}

/** Everything one month's indicators are computed from. */
export interface MonthFacts {
  readonly month: string;
  readonly bookings: readonly BookingFact[];
  readonly payments: readonly PaymentFact[];
  readonly kioskVisits: readonly KioskVisitFact[];
  readonly surveys: readonly SurveyFact[];
  readonly referrals: readonly ReferralFact[];
  readonly emsCases: readonly EmsCaseFact[];
  /** Live EMS counts from EmsService.indicators (null without the EMS module); demo cases are counted from emsCases. */
  readonly emsLive: EmsCounts | null;
  /** COC cases (every case: the indicator picks those open in the month) and visits from the month's visit window. */
  readonly cocCases: readonly (CaseRecord & { provenance?: Provenance })[];
  readonly cocVisits: readonly (VisitRecord & { provenance?: Provenance })[];
}
