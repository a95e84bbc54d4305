/**
 * The referral as the gateway returns it (public channel state plus unit summaries), and the
 * shapes of lists, history and actions. Fields follow docs/contracts.md.
 */

/** Lifecycle statuses (FHIR Task-like). */
export type ReferralStatus = 'requested' | 'received' | 'accepted' | 'rejected' | 'cancelled' | 'arrived' | 'completed' | 'no-show';

/** All statuses, in lifecycle order. */
export const REFERRAL_STATUSES: readonly ReferralStatus[] = ['requested', 'received', 'accepted', 'arrived', 'completed', 'rejected', 'cancelled', 'no-show'];

/** Kinds of referral. */
export type ReferralKind = 'referral' | 'back-referral' | 'onward';

/** One signed step on the ledger. */
export interface ReferralStep {
  readonly action: string;
  readonly status: string;
  readonly txId: string;
  readonly at: string;
  readonly mspId: string;
  readonly hcode: string;
  readonly role: string;
  readonly actor: string;
  readonly note?: string;
}

/** Names of a unit as the gateway adds them to a referral. */
export interface UnitSummary {
  readonly hcode: string;
  readonly nameTh: string | null;
  readonly nameEn: string | null;
  readonly type: string | null;
}

/** A referral. */
export interface Referral {
  readonly id: string;
  readonly kind?: ReferralKind;
  readonly parentReferralId?: string;
  readonly status: ReferralStatus;
  readonly fromHcode: string;
  readonly toHcode: string;
  readonly fromMsp?: string;
  readonly toMsp?: string;
  readonly patientPseudonym?: string;
  readonly reasonCode: string;
  readonly priority: number;
  readonly fastTrack?: string;
  readonly patientCategory?: string;
  readonly careDuringTransfer?: readonly string[];
  readonly expectedArrival?: string;
  readonly clinicalSummaryHash?: string;
  readonly rejection?: { readonly reasonCode: string; readonly reasonText: string };
  readonly cancellation?: { readonly reasonText: string };
  readonly result?: { readonly resultCode: string; readonly note?: string };
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly steps: readonly ReferralStep[];
  readonly from?: UnitSummary;
  readonly to?: UnitSummary;
  readonly ledger?: { readonly blockNumber: number; readonly txIndex: number; readonly txId: string };
}

/** One page of a referral list. */
export interface ReferralPage {
  readonly items: readonly Referral[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** One version of a referral in its ledger history. */
export interface HistoryEntry {
  readonly txId: string;
  readonly blockNumber: number | null;
  readonly timestamp: string;
  readonly action: string;
  readonly status: string;
  readonly actingUnit: { readonly hcode: string; readonly name: string | null; readonly mspId: string; readonly role: string; readonly actor: string };
}

/** A diagnosis in the clinical summary. */
export interface Diagnosis {
  readonly icd10: string;
  readonly display: string;
}

/** Vital signs in the clinical summary. */
export interface VitalSigns {
  heartRate?: number;
  systolic?: number;
  diastolic?: number;
  respiratoryRate?: number;
  temperature?: number;
  spo2?: number;
}

/** The private clinical summary (only the two parties can read it). */
export interface ClinicalSummary {
  readonly diagnoses: readonly Diagnosis[];
  readonly history?: string;
  readonly vitalSigns?: VitalSigns;
  readonly medications?: readonly { readonly name: string; readonly dose?: string }[];
}

/** What a clinician sends to create a referral. */
export interface CreateReferralRequest {
  readonly referralId?: string;
  readonly patient: { readonly cid: string };
  readonly toHcode: string;
  readonly reasonCode: string;
  readonly priority: number;
  readonly fastTrack?: string;
  readonly patientCategory?: string;
  readonly careDuringTransfer?: readonly string[];
  readonly expectedArrival?: string;
  readonly clinicalSummary?: ClinicalSummary;
}

/** What the receiving unit sends to back-refer a patient to a health centre. */
export interface BackReferralRequest {
  readonly toHcode: string;
  readonly priority: number;
  readonly clinicalSummary?: ClinicalSummary;
}
