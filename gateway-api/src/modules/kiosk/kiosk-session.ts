import { ApiError } from '../../http/api-error';

/** States of a kiosk session, in journey order: identify → right read → open → bill → pay → receipt → close. */
export const SESSION_STATES = ['right-read', 'right-opened', 'billed', 'paying', 'paid', 'receipted', 'closed', 'cancelled'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** Allowed transitions (state → next states). */
export const SESSION_TRANSITIONS: Readonly<Record<SessionState, readonly SessionState[]>> = {
  // billed straight from right-read when there is no right to open (self-pay, expired right)
  'right-read': ['right-opened', 'billed', 'cancelled'],
  'right-opened': ['billed', 'cancelled'],
  // closed straight from billed when the patient has nothing to pay
  billed: ['paying', 'closed', 'cancelled'],
  // back to billed when a payment is abandoned (its receipt number is voided, never reused)
  paying: ['paid', 'billed'],
  paid: ['receipted'],
  receipted: ['closed'],
  closed: [],
  cancelled: [],
};

/** Throws INVALID_TRANSITION unless `from` → `to` is allowed. */
export function assertTransition(from: SessionState, to: SessionState): void {
  if (!SESSION_TRANSITIONS[from].includes(to)) {
    throw new ApiError('INVALID_TRANSITION', `a kiosk session cannot go from ${from} to ${to}`, { from, to });
  }
}

/** Live (not final) states, shown on the cashier screen. */
export const LIVE_STATES: readonly SessionState[] = SESSION_STATES.filter((s) => SESSION_TRANSITIONS[s].length > 0);

export type PaymentMethod = 'promptpay' | 'card';

/** The right as read and opened (the CID stays off-chain, in the store). */
export interface SessionRight {
  readonly mainInscl: string;
  readonly subInscl: string;
  readonly hospMain: string;
  readonly hospSub: string;
  readonly claimTypes: readonly string[];
  readonly expired: boolean;
  readonly claimCode: string | null;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
}

/** The bill of the visit with the patient's share. */
export interface SessionBill {
  readonly vn: string;
  readonly items: readonly { code: string; nameTh: string; amount: number; covered: boolean }[];
  readonly total: number;
  readonly patientPays: number;
  readonly coveredByRight: number;
  readonly rule: { right: string; effectiveFrom: string; source: string; verified: boolean };
}

/** One kiosk session (MongoDB `kioskSessions`). */
export interface KioskSession {
  readonly id: string;
  readonly hcode: string;
  readonly point: string;
  readonly kioskUser: string;
  /** How the patient identified: the national ID card in the reader, or the wallet's Health ID QR (absent in older sessions). */
  readonly identifiedBy?: 'card' | 'health-id';
  readonly state: SessionState;
  readonly patient: { readonly pid: string; readonly hn: string; readonly nameTh: string; readonly mobile: string; readonly correlationId: string };
  readonly right: SessionRight;
  readonly bill: SessionBill | null;
  readonly paymentId: string | null;
  readonly receiptNo: string | null;
  readonly assist: { readonly requestedAt: string; readonly reason: string; readonly acknowledgedBy: string | null } | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic-concurrency counter: every update must name the version it read. */
  readonly version: number;
}
