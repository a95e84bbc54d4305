import type { DispatchAnswers, TriageColour, UnitLevel } from './ems-rules';
import type { ResolvedLocation } from './ems-geo';
import type { UnitStatus } from './unit-status';
import type { VitalSignCode } from './ems-rules';

/** Status of a case (off-chain view; the ledger keeps the signed milestones). */
export type CaseStatus = 'open' | 'dispatched' | 'en-route' | 'on-scene' | 'transporting' | 'at-hospital' | 'handed-over' | 'closed';

/** One ledger milestone as the gateway saw it committed. */
export interface CaseMilestone {
  readonly milestone: string;
  readonly at: string;
  readonly by: string;
  readonly mspId: string;
  readonly transactionId?: string;
}

/** An EMS case (1669 call). Caller number and CID stay off-chain; the ledger sees the pseudonym only. */
export interface EmsCase {
  readonly caseId: string;
  status: CaseStatus;
  readonly receivedAt: string;
  readonly dispatcher: string;
  readonly callerNumber: string;
  readonly location: ResolvedLocation;
  readonly complaintCode: string;
  readonly answers: DispatchAnswers;
  readonly colour: TriageColour;
  readonly criteriaVersion: string;
  readonly matchedRules: readonly string[];
  readonly patientPseudonym?: string;
  unitId?: string;
  unitLevel?: UnitLevel;
  /** Set when a lower level than the colour needs was sent on purpose. */
  lowerLevelReason?: string;
  destinationHcode?: string;
  milestones: CaseMilestone[];
  handover?: { crewSignedBy?: string; crewSignedAt?: string; receivedBy?: string; receivedAt?: string };
  disposition?: { erDisposition?: string; outcome?: string; recordedBy: string; recordedAt: string };
  /** Referrals (inter-facility transfers) started from this case; the referral itself is on the ledger. */
  referrals?: { referralId: string; toHcode: string; by: string; at: string; txId: string }[];
}

/** Live state of an ambulance unit. */
export interface UnitState {
  readonly unitId: string;
  status: UnitStatus;
  caseId: string | null;
  position: { lat: number; lng: number; at: string; speedKmh?: number } | null;
  updatedAt: string;
}

/** A flag on one reading. */
export type ReadingFlag = 'IMPLAUSIBLE' | 'ALARM_LOW' | 'ALARM_HIGH';

/** One stored vital-sign value (time series). */
export interface VitalReading {
  readonly unitId: string;
  readonly caseId: string | null;
  readonly at: string;
  readonly receivedAt: string;
  readonly code: VitalSignCode;
  readonly value: number;
  readonly flags: readonly ReadingFlag[];
}

/** A chat message of a teleconsultation. */
export interface CaseMessage {
  readonly caseId: string;
  readonly at: string;
  readonly from: string;
  readonly role: string;
  readonly text: string;
}
