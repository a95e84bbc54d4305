import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { bahttext } from 'bahttext';
import { ApiError } from '../../http/api-error';
import type { PatientPseudonym } from '../../patient/patient-pseudonym';
import type { Principal } from '../auth/auth-token';
import type { BankCallback, BankSignature } from './adapters/bank-callback';
import type { CardTerminal } from './adapters/card-terminal';
import type { HisBillSource } from './adapters/his-bill-source';
import { GENERAL_OPD_CLAIM_TYPE, type RightsAgent } from './adapters/rights-agent';
import { copayOf, ruleFor } from './copay';
import type { KioskLedger, ReceiptAnchor } from './kiosk-ledger';
import type { CopayRule, KioskHospital, RightCode } from './kiosk-fixtures';
import { RIGHT_CODES } from './kiosk-fixtures';
import type { KioskRepository } from './kiosk.repository';
import { assertTransition, LIVE_STATES, type KioskSession, type PaymentMethod, type SessionState } from './kiosk-session';
import type { Payment } from './payment';
import { billPaymentPayload } from './promptpay';
import { receiptHash, type Receipt, type ReceiptContent } from './receipt';
import { parseStatement, reconcile, simulatedStatementCsv, type Reconciliation } from './reconciliation';
import { fiscalYearBE, formatReceiptNo, receiptRef2, type ReceiptSeries } from './receipt-number';

/** Roles that operate a kiosk session: the kiosk device account and a cashier assisting a patient. */
const KIOSK_ROLES = ['kiosk', 'cashier'] as const;

/** Options of {@link KioskService}. */
export interface KioskServiceOptions {
  readonly repository: KioskRepository;
  readonly rights: RightsAgent;
  readonly his: HisBillSource;
  readonly terminal: CardTerminal;
  readonly bank: BankSignature;
  readonly pseudonyms: PatientPseudonym;
  readonly copayRules: readonly CopayRule[];
  readonly hospitals: readonly KioskHospital[];
  /** Without a ledger, receipts are issued but not anchored (the audit reports them as unanchored). */
  readonly ledger?: KioskLedger;
  /** The wallet's Health ID verifier; without it a Health ID QR answers 503 HEALTH_ID_UNAVAILABLE. */
  readonly healthIds?: HealthIdIdentifier;
  readonly clock?: () => Date;
  readonly log?: (line: string) => void;
}

/** Who a Health ID QR token or short code proves (the wallet's verifier, never re-implemented here). */
export interface HealthIdIdentifier {
  /** Throws HEALTH_ID_INVALID (400), HEALTH_ID_EXPIRED (401) or CITIZEN_NOT_FOUND (404). */
  identify(proof: string): Promise<{ healthId: string; pseudonym: string }>;
}

/** Outcome of a batch re-anchor of a receipt series. */
export interface ReanchorResult {
  readonly series: ReceiptSeries;
  readonly attempted: number;
  readonly anchored: string[];
  readonly voidsAnchored: string[];
  readonly failed: { receiptNo: string; error: string }[];
}

/** What the browser sees of a session: never the full CID, never an NHSO token. */
export type SessionView = Omit<KioskSession, 'patient'> & { patient: { pidMasked: string; hn: string; nameTh: string } };

/** The cashier's daily closing report. */
export interface DailyClosing {
  readonly hcode: string;
  readonly date: string;
  readonly count: number;
  readonly total: number;
  readonly byMethod: Record<string, { count: number; amount: number }>;
  readonly byRight: Record<string, { count: number; amount: number }>;
  readonly payments: readonly { receiptNo: string; paidAt: string; method: string; right: string; amount: number; paidBy: string }[];
}

/** The daily closing report as CSV (UTF-8 with BOM, for spreadsheet programs). */
export function dailyClosingCsv(report: DailyClosing): string {
  const rows = [['receiptNo', 'paidAt', 'method', 'right', 'amount', 'paidBy'], ...report.payments.map((p) => [p.receiptNo, p.paidAt, p.method, p.right, p.amount.toFixed(2), p.paidBy])];
  rows.push([], ['total', '', '', '', report.total.toFixed(2), String(report.count)]);
  for (const [method, t] of Object.entries(report.byMethod)) rows.push([`method:${method}`, '', '', '', t.amount.toFixed(2), String(t.count)]);
  for (const [right, t] of Object.entries(report.byRight)) rows.push([`right:${right}`, '', '', '', t.amount.toFixed(2), String(t.count)]);
  return '\uFEFF' + rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\r\n') + '\r\n';
}

/** The result of a gap audit of one receipt series. */
export interface ReceiptAudit {
  readonly series: ReceiptSeries;
  readonly ok: boolean;
  readonly count: number;
  readonly issued: number;
  readonly voided: number;
  readonly reserved: number;
  readonly ledgerHead: number | null;
  readonly gaps: number[];
  readonly duplicates: number[];
  /** Receipts whose recomputed hash differs from the anchored one (changed after issue). */
  readonly tampered: string[];
  readonly unanchored: string[];
}

/** Masks a CID for display: 1-1017-xxxxx-45-6. */
export function maskPid(pid: string): string {
  return `${pid.slice(0, 1)}-${pid.slice(1, 5)}-xxxxx-${pid.slice(10, 12)}-${pid.slice(12)}`;
}

/** Parses `2570-10697-01-000042`. */
export function parseReceiptNo(receiptNo: string): (ReceiptSeries & { seq: number }) | undefined {
  const m = /^(\d{4})-(\d{5})-(\d{2})-(\d{6})$/.exec(receiptNo);
  if (m === null) return undefined;
  return { fiscalYear: Number(m[1]), hcode: m[2] ?? '', point: m[3] ?? '', seq: Number(m[4]) };
}

/**
 * Kiosk use cases: identify → read the right → open it → bill → pay (PromptPay QR or card) → receipt → close.
 * Sessions, payments and receipt numbers are off-chain (MongoDB); receipt hashes, voids and right events are
 * anchored on the ledger, signed by the kiosk or cashier who acted.
 */
export class KioskService {
  readonly #o: KioskServiceOptions;
  readonly #clock: () => Date;
  readonly #log: (line: string) => void;

  public constructor(options: Readonly<KioskServiceOptions>) {
    this.#o = options;
    this.#clock = options.clock ?? (() => new Date());
    this.#log = options.log ?? (() => undefined);
  }

  /** Reads the card at kiosk `point` and the patient's right; starts a session. */
  public async start(caller: Principal, request: Readonly<{ point: string; simulatedCardPid?: string; healthIdProof?: string }>): Promise<SessionView> {
    this.#requireKiosk(caller);
    this.#hospital(caller.hcode);
    let card;
    let registration: { hn: string; mobile: string };
    if (request.healthIdProof !== undefined) {
      // the wallet's Health ID QR: the wallet proves the pseudonym, the HIS knows which registered patient has it
      const healthIds = this.#o.healthIds;
      if (healthIds === undefined) throw new ApiError('HEALTH_ID_UNAVAILABLE', 'this kiosk cannot read Health ID QR codes; insert the ID card');
      const { pseudonym } = await healthIds.identify(request.healthIdProof);
      const patient = await this.#o.his.registrationByPseudonym(caller.hcode, pseudonym);
      card = await this.#o.rights.rightByPid(request.point, patient.pid);
      registration = patient;
    } else {
      card = await this.#o.rights.readCard(request.point, request.simulatedCardPid);
      registration = await this.#o.his.registration(caller.hcode, card.pid);
    }
    const now = this.#now();
    const session: KioskSession = {
      id: `KS-${randomUUID()}`,
      hcode: caller.hcode,
      point: request.point,
      kioskUser: caller.username,
      identifiedBy: request.healthIdProof === undefined ? 'card' : 'health-id',
      state: 'right-read',
      patient: { pid: card.pid, hn: registration.hn, nameTh: `${card.titleTh}${card.fnameTh} ${card.lnameTh}`, mobile: registration.mobile, correlationId: card.correlationId },
      right: { mainInscl: card.mainInscl, subInscl: card.subInscl, hospMain: card.hospMain, hospSub: card.hospSub, claimTypes: card.claimTypes, expired: card.expired, claimCode: null, openedAt: null, closedAt: null },
      bill: null,
      paymentId: null,
      receiptNo: null,
      assist: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.#o.repository.insertSession(session);
    return this.view(session);
  }

  public async get(caller: Principal, id: string): Promise<SessionView> {
    return this.view(await this.#session(caller, id));
  }

  /** Opens the right for today's visit (Authen Code) and records the event, pseudonymously, on the ledger. */
  public async openRight(caller: Principal, id: string): Promise<SessionView> {
    this.#requireKiosk(caller);
    const session = await this.#session(caller, id);
    assertTransition(session.state, 'right-opened');
    if (session.right.expired) throw new ApiError('RIGHT_EXPIRED', 'the right on this card has expired; the patient may pay as self-pay');
    const claimType = session.right.claimTypes.includes(GENERAL_OPD_CLAIM_TYPE) ? GENERAL_OPD_CLAIM_TYPE : session.right.claimTypes[0];
    if (claimType === undefined) throw new ApiError('RIGHT_NOT_OPENABLE', `right ${session.right.mainInscl} has no claim type to open; bill as self-pay`);
    const { claimCode } = await this.#o.rights.openRight({
      pid: session.patient.pid,
      claimType,
      mobile: session.patient.mobile,
      correlationId: session.patient.correlationId,
      hn: session.patient.hn,
      hcode: session.hcode,
    });
    const saved = await this.#save(session, { state: 'right-opened', right: { ...session.right, claimCode, openedAt: this.#now() } });
    await this.#rightEvent(caller, saved, claimType, 'opened');
    return this.view(saved);
  }

  /** Fetches the visit's bill from the HIS and applies the co-payment rule of the right. */
  public async bill(caller: Principal, id: string): Promise<SessionView> {
    this.#requireKiosk(caller);
    const session = await this.#session(caller, id);
    assertTransition(session.state, 'billed');
    const right = this.#billingRight(session);
    const date = this.#now().slice(0, 10);
    const rule = ruleFor(this.#o.copayRules, right, date);
    if (rule === undefined) throw new ApiError('NO_COPAY_RULE', `no co-payment rule for right ${right} on ${date}`, { right, date });
    const visit = await this.#o.his.visitBill(session.hcode, session.patient.hn);
    const copay = copayOf(rule, visit.items, session.right.hospMain === session.hcode);
    const bill = { vn: visit.vn, items: visit.items.map((i) => ({ ...i })), ...copay };
    return this.view(await this.#save(session, { state: 'billed', bill }));
  }

  /**
   * Starts (or resumes, with the same `clientKey`) the payment of the session's bill. PromptPay answers with the
   * QR payload; a card is charged on the terminal at once.
   */
  public async pay(caller: Principal, id: string, request: Readonly<{ method: PaymentMethod; clientKey: string }>): Promise<{ session: SessionView; payment: Payment }> {
    this.#requireKiosk(caller);
    const existing = await this.#o.repository.paymentByClientKey(request.clientKey);
    if (existing !== undefined) return this.#resume(caller, id, existing, request.method);
    const session = await this.#session(caller, id);
    assertTransition(session.state, 'paying');
    const bill = session.bill;
    if (bill === null || bill.patientPays <= 0) throw new ApiError('INVALID_ARGUMENT', 'there is nothing to pay on this bill; close the session');
    const openKey = `${session.hcode}:${bill.vn}`;
    await this.#assertBillFree(openKey);
    const hospital = this.#hospital(session.hcode);
    const series: ReceiptSeries = { hcode: session.hcode, fiscalYear: fiscalYearBE(this.#clock()), point: session.point };
    const paymentId = `KP-${randomUUID()}`;
    const receipt = await this.#o.repository.reserveReceipt(series, (seq) => this.#reservedReceipt(series, seq, paymentId));
    const ref2 = receiptRef2(receipt.receiptNo);
    const payment: Payment = {
      id: paymentId,
      clientKey: request.clientKey,
      hcode: session.hcode,
      point: session.point,
      sessionId: session.id,
      vn: bill.vn,
      openKey,
      method: request.method,
      right: bill.rule.right,
      amount: bill.patientPays,
      status: 'pending',
      fiscalYear: series.fiscalYear,
      seq: receipt.seq,
      receiptNo: receipt.receiptNo,
      ref1: session.patient.hn,
      ref2,
      qrPayload: request.method === 'promptpay' ? billPaymentPayload({ billerId: hospital.billerId, ref1: session.patient.hn, ref2, amount: bill.patientPays }) : null,
      paidBy: null,
      paidAt: null,
      createdAt: this.#now(),
    };
    const outcome = await this.#o.repository.insertPayment(payment);
    if (outcome !== 'inserted') {
      // lost a race: the number stays in the series as a voided receipt, never reused and never a gap
      await this.#voidReserved(caller, receipt, 'DUPLICATE_ATTEMPT');
      if (outcome === 'client-key-exists') {
        const winner = await this.#o.repository.paymentByClientKey(request.clientKey);
        if (winner !== undefined) return this.#resume(caller, id, winner, request.method);
      }
      await this.#assertBillFree(openKey);
      throw new ApiError('PAYMENT_IN_PROGRESS', 'another payment of this bill started at the same time');
    }
    const paying = await this.#save(session, { state: 'paying', paymentId });
    if (request.method === 'card') return this.#chargeCard(caller, paying, payment);
    return { session: this.view(paying), payment };
  }

  /** Abandons a pending payment (kiosk back button, idle reset, cashier): its receipt number is voided. */
  public async cancelPayment(caller: Principal, id: string): Promise<SessionView> {
    this.#requireKiosk(caller);
    const session = await this.#session(caller, id);
    if (session.state !== 'paying' || session.paymentId === null) throw new ApiError('PAYMENT_NOT_PENDING', 'this session has no payment in progress');
    const cancelled = await this.#o.repository.cancelPayment(session.paymentId);
    if (cancelled === undefined) throw new ApiError('PAYMENT_NOT_PENDING', 'the payment is no longer pending (it may just have been paid)');
    const receipt = await this.#receiptOf(cancelled);
    await this.#voidReserved(caller, receipt, 'PAYMENT_ABANDONED');
    return this.view(await this.#save(session, { state: 'billed', paymentId: null }));
  }

  /**
   * A signed bill-payment confirmation from the bank. Posts the payment once: a duplicate of a posted callback
   * answers `duplicate` and posts nothing; a forged, mismatched or late one is refused with a code.
   */
  public async bankCallback(callback: BankCallback, signature: string): Promise<{ status: 'posted' | 'duplicate'; paymentId: string }> {
    if (!this.#o.bank.verify(callback, signature)) throw new ApiError('BAD_SIGNATURE', 'the callback signature does not verify');
    const payment = await this.#o.repository.paymentByRef2(callback.ref2);
    const hospital = payment === undefined ? undefined : this.#o.hospitals.find((h) => h.hcode === payment.hcode);
    if (payment === undefined || payment.ref1 !== callback.ref1 || hospital?.billerId !== callback.billerId) {
      throw new ApiError('PAYMENT_NOT_FOUND', 'no payment has these biller ID, Ref1 and Ref2');
    }
    if (payment.paidBy === callback.bankTxId) return { status: 'duplicate', paymentId: payment.id };
    if (payment.status === 'paid') throw new ApiError('BILL_ALREADY_PAID', 'this bill was already paid by another transaction; refund it');
    if (payment.status === 'cancelled') throw new ApiError('PAYMENT_NOT_PENDING', 'this payment was cancelled before the callback arrived; refund it');
    if (!/^\d+\.\d{2}$/.test(callback.amount) || Math.round(Number(callback.amount) * 100) !== Math.round(payment.amount * 100)) {
      throw new ApiError('AMOUNT_MISMATCH', `the callback amount ${callback.amount} is not the bill amount ${payment.amount.toFixed(2)}`);
    }
    const paid = await this.#o.repository.markPaid(payment.id, payment.amount, callback.bankTxId, callback.paidAt);
    if (paid === undefined) {
      const now = await this.#o.repository.payment(payment.id);
      if (now?.paidBy === callback.bankTxId) return { status: 'duplicate', paymentId: payment.id };
      throw new ApiError('PAYMENT_NOT_PENDING', 'the payment changed while the callback was processed');
    }
    await this.#markSessionPaid(paid);
    return { status: 'posted', paymentId: paid.id };
  }

  /** Issues the short-form receipt of a paid session (idempotent) and anchors its hash on the ledger. */
  public async issueReceipt(caller: Principal, id: string): Promise<{ session: SessionView; receipt: Receipt }> {
    this.#requireKiosk(caller);
    const session = await this.#session(caller, id);
    if (session.paymentId === null) throw new ApiError('PAYMENT_NOT_FOUND', 'this session has no payment');
    const payment = await this.#o.repository.payment(session.paymentId);
    if (payment?.status !== 'paid') throw new ApiError('PAYMENT_NOT_PENDING', 'the payment is not confirmed yet');
    let receipt = await this.#receiptOf(payment);
    if (receipt.status === 'reserved') {
      const content = this.#content(session, payment, caller);
      const issued: Receipt = { ...receipt, status: 'issued', content, hash: receiptHash(receipt, content) };
      if (await this.#o.repository.updateReceipt(issued, 'reserved')) receipt = issued;
      else receipt = await this.#receiptOf(payment);
    }
    if (receipt.status === 'issued' && receipt.anchorTxId === null && receipt.hash !== null) receipt = await this.#anchor(caller, receipt);
    const current = await this.#session(caller, id);
    const next = current.state === 'paid' ? await this.#save(current, { state: 'receipted', receiptNo: receipt.receiptNo }) : current;
    return { session: this.view(next), receipt };
  }

  /** Closes the visit's right with the agent (if it was opened) and ends the session. */
  public async close(caller: Principal, id: string): Promise<SessionView> {
    this.#requireKiosk(caller);
    const session = await this.#session(caller, id);
    assertTransition(session.state, 'closed');
    if (session.state === 'billed' && (session.bill?.patientPays ?? 0) > 0) throw new ApiError('INVALID_TRANSITION', 'the bill must be paid before the session closes');
    let right = session.right;
    if (right.claimCode !== null && right.closedAt === null) {
      await this.#o.rights.closeRight({ pid: session.patient.pid, claimCode: right.claimCode, hcode: session.hcode });
      right = { ...right, closedAt: this.#now() };
    }
    const closed = await this.#save(session, { state: 'closed', right });
    if (right.claimCode !== null) await this.#rightEvent(caller, closed, GENERAL_OPD_CLAIM_TYPE, 'closed');
    return this.view(closed);
  }

  /** Ends a session before payment (patient walked away, idle reset). */
  public async cancel(caller: Principal, id: string): Promise<SessionView> {
    this.#requireKiosk(caller);
    const session = await this.#session(caller, id);
    assertTransition(session.state, 'cancelled');
    return this.view(await this.#save(session, { state: 'cancelled' }));
  }

  /** The "call staff" button: raises an alert on the cashier screen. */
  public async requestAssist(caller: Principal, id: string, reason: string): Promise<SessionView> {
    this.#requireKiosk(caller);
    const session = await this.#session(caller, id);
    return this.view(await this.#save(session, { assist: { requestedAt: this.#now(), reason, acknowledgedBy: null } }));
  }

  /** A cashier takes an assist call. */
  public async acknowledgeAssist(caller: Principal, id: string): Promise<SessionView> {
    this.#requireCashier(caller);
    const session = await this.#session(caller, id);
    if (session.assist === null) throw new ApiError('INVALID_TRANSITION', 'this session has no assist call');
    return this.view(await this.#save(session, { assist: { ...session.assist, acknowledgedBy: caller.username } }));
  }

  /** Cashier screen: live sessions and open assist calls of the cashier's hospital. */
  public async live(caller: Principal): Promise<SessionView[]> {
    this.#requireCashier(caller);
    return (await this.#o.repository.liveSessions(caller.hcode, LIVE_STATES)).map((s) => this.view(s));
  }

  /** A receipt by number, for printing or checking (kiosk, cashier of the hospital, auditor). */
  public async receipt(caller: Principal, receiptNo: string): Promise<Receipt> {
    const at = parseReceiptNo(receiptNo);
    if (at === undefined) throw new ApiError('INVALID_ARGUMENT', 'a receipt number looks like 2570-10697-01-000042');
    if (caller.role !== 'auditor' && caller.hcode !== at.hcode) throw new ApiError('FORBIDDEN_UNIT', 'this receipt belongs to another hospital');
    const receipt = await this.#o.repository.receipt(at, at.seq);
    if (receipt === undefined) throw new ApiError('RECEIPT_NOT_FOUND', `receipt ${receiptNo} does not exist`);
    return receipt;
  }

  /** Voids an issued receipt with a reason (cashier); the number stays in the series and the void is anchored. */
  public async voidReceipt(caller: Principal, receiptNo: string, reason: string): Promise<Receipt> {
    this.#requireCashier(caller);
    const receipt = await this.receipt(caller, receiptNo);
    if (receipt.status === 'voided') throw new ApiError('RECEIPT_ALREADY_VOIDED', `receipt ${receiptNo} is already voided`);
    if (receipt.status === 'reserved') throw new ApiError('PAYMENT_IN_PROGRESS', 'the payment of this receipt is still in progress; cancel the payment instead');
    const voided: Receipt = { ...receipt, status: 'voided', voidReason: reason };
    if (!(await this.#o.repository.updateReceipt(voided, receipt.status))) throw new ApiError('RECEIPT_ALREADY_VOIDED', `receipt ${receiptNo} changed meanwhile`);
    return this.#anchorVoid(caller, voided);
  }

  /**
   * Gap audit of a receipt series: numbers 1..n with no gap and no duplicate in the store and on the ledger, and
   * every issued receipt's recomputed hash equal to the anchored one (a receipt changed after issue fails).
   */
  public async audit(caller: Principal, series: ReceiptSeries): Promise<ReceiptAudit> {
    if (caller.role !== 'auditor' && !(caller.role === 'cashier' && caller.hcode === series.hcode)) {
      throw new ApiError('FORBIDDEN_ROLE', 'only auditors and the hospital cashiers audit receipts');
    }
    const receipts = await this.#o.repository.receipts(series);
    const seen = new Set<number>();
    const duplicates: number[] = [];
    for (const r of receipts) {
      if (seen.has(r.seq)) duplicates.push(r.seq);
      seen.add(r.seq);
    }
    let ledgerHead: number | null = null;
    let anchors = new Map<number, ReceiptAnchor>();
    const ledger = this.#o.ledger;
    if (ledger !== undefined) {
      ledgerHead = await ledger.receiptHead(caller, series);
      const list: ReceiptAnchor[] = [];
      for (let from = 1; from <= ledgerHead; from += 500) list.push(...(await ledger.receiptAnchors(caller, series, from, Math.min(ledgerHead, from + 499))));
      anchors = new Map(list.map((a) => [a.seq, a]));
    }
    const max = Math.max(0, ledgerHead ?? 0, ...receipts.map((r) => r.seq));
    const gaps: number[] = [];
    for (let seq = 1; seq <= max; seq += 1) if (!seen.has(seq)) gaps.push(seq);
    const tampered: string[] = [];
    const unanchored: string[] = [];
    for (const r of receipts) {
      if (r.status === 'reserved') continue;
      const anchor = anchors.get(r.seq);
      const recomputed = r.content === null ? r.hash : receiptHash(r, r.content);
      if (r.status === 'issued' && (r.hash === null || recomputed !== r.hash)) tampered.push(r.receiptNo);
      else if (ledger === undefined || anchor === undefined) unanchored.push(r.receiptNo);
      else if (r.status === 'issued' && anchor.hash !== recomputed) tampered.push(r.receiptNo);
      else if (anchor.status !== r.status) tampered.push(r.receiptNo);
      else if (r.status === 'voided' && r.hash !== null && anchor.hash !== recomputed) tampered.push(r.receiptNo);
    }
    const count = receipts.length;
    const by = (s: Receipt['status']): number => receipts.filter((r) => r.status === s).length;
    return {
      series,
      ok: gaps.length === 0 && duplicates.length === 0 && tampered.length === 0 && unanchored.length === 0,
      count,
      issued: by('issued'),
      voided: by('voided'),
      reserved: by('reserved'),
      ledgerHead,
      gaps,
      duplicates,
      tampered,
      unanchored,
    };
  }

  /**
   * Daily closing report of the cashier's hospital: paid payments of one Bangkok day (YYYY-MM-DD), totals by
   * method and by right, and the receipts voided that day are not subtracted (a void of a paid receipt is refunded
   * outside the kiosk and listed separately).
   */
  public async dailyClosing(caller: Principal, date: string): Promise<DailyClosing> {
    this.#requireCashier(caller);
    const from = new Date(`${date}T00:00:00+07:00`);
    if (Number.isNaN(from.getTime())) throw new ApiError('INVALID_ARGUMENT', 'date must be YYYY-MM-DD');
    const to = new Date(from.getTime() + 86_400_000);
    const payments = await this.#o.repository.paidPayments(caller.hcode, from.toISOString(), to.toISOString());
    const sum = (list: readonly Payment[]): number => Math.round(list.reduce((s, p) => s + Math.round(p.amount * 100), 0)) / 100;
    const group = (key: (p: Payment) => string): Record<string, { count: number; amount: number }> => {
      const out: Record<string, { count: number; amount: number }> = {};
      for (const k of [...new Set(payments.map(key))].sort()) {
        const list = payments.filter((p) => key(p) === k);
        out[k] = { count: list.length, amount: sum(list) };
      }
      return out;
    };
    return {
      hcode: caller.hcode,
      date,
      count: payments.length,
      total: sum(payments),
      byMethod: group((p) => p.method),
      byRight: group((p) => p.right),
      payments: payments.map((p) => ({ receiptNo: p.receiptNo, paidAt: p.paidAt ?? '', method: p.method, right: p.right, amount: p.amount, paidBy: p.paidBy ?? '' })),
    };
  }

  /** The pending or paid payment of a session (for its QR image). */
  public async currentPayment(caller: Principal, id: string): Promise<Payment> {
    const session = await this.#session(caller, id);
    const payment = session.paymentId === null ? undefined : await this.#o.repository.payment(session.paymentId);
    if (payment === undefined) throw new ApiError('PAYMENT_NOT_FOUND', 'this session has no payment in progress');
    return payment;
  }

  /**
   * Batch re-anchor (cashier, or a scheduled job with a cashier identity): anchors every issued receipt of the
   * series whose anchoring failed (ledger down) and every void not yet recorded on the ledger. Idempotent: the
   * chaincode accepts the same hash again; a void already on the ledger counts as anchored.
   */
  public async reanchor(caller: Principal, series: ReceiptSeries): Promise<ReanchorResult> {
    this.#requireCashier(caller);
    if (caller.hcode !== series.hcode) throw new ApiError('FORBIDDEN_UNIT', 'a cashier re-anchors only the receipts of their own hospital');
    const ledger = this.#o.ledger;
    if (ledger === undefined) throw new ApiError('LEDGER_UNAVAILABLE', 'this gateway has no ledger to anchor to');
    const result = { series, attempted: 0, anchored: [] as string[], voidsAnchored: [] as string[], failed: [] as { receiptNo: string; error: string }[] };
    for (const r of await this.#o.repository.receipts(series)) {
      const needsAnchor = r.hash !== null && r.anchorTxId === null;
      const needsVoid = r.status === 'voided' && r.voidAnchorTxId === null;
      if (r.status === 'reserved' || !(needsAnchor || needsVoid)) continue;
      result.attempted += 1;
      let current = r;
      try {
        if (needsAnchor && r.hash !== null) {
          const txId = await ledger.anchorReceipt(caller, { hcode: r.hcode, fiscalYear: r.fiscalYear, point: r.point, seq: r.seq, receiptNo: r.receiptNo, hash: r.hash });
          current = { ...current, anchorTxId: txId };
          if (!(await this.#o.repository.updateReceipt(current, r.status))) throw new Error('the receipt changed meanwhile; run again');
          result.anchored.push(r.receiptNo);
        }
        if (needsVoid) {
          let txId: string;
          try {
            txId = await ledger.voidReceipt(caller, current, current.seq, current.receiptNo, current.voidReason ?? 'VOID');
          } catch (err) {
            // the void reached the ledger earlier but its transaction id was never stored
            if (!(err instanceof Error && err.message.includes('RECEIPT_ALREADY_VOIDED'))) throw err;
            txId = 'already-on-ledger';
          }
          current = { ...current, voidAnchorTxId: txId };
          if (!(await this.#o.repository.updateReceipt(current, 'voided'))) throw new Error('the receipt changed meanwhile; run again');
          result.voidsAnchored.push(r.receiptNo);
        }
      } catch (err) {
        result.failed.push({ receiptNo: r.receiptNo, error: err instanceof Error ? err.message : String(err) });
      }
    }
    this.#log(`kiosk: re-anchor ${series.hcode}/${String(series.fiscalYear)}/${series.point}: ${String(result.anchored.length)} anchored, ${String(result.voidsAnchored.length)} voids, ${String(result.failed.length)} failed`);
    return result;
  }

  /** Reconciles the bank's statement of one Bangkok day (CSV, see reconciliation.ts) with the kiosk's paid payments. */
  public async reconcile(caller: Principal, date: string, statementCsv: string): Promise<Reconciliation> {
    this.#requireCashier(caller);
    const { lines, errors } = parseStatement(statementCsv);
    if (errors.length > 0 && lines.length === 0) throw new ApiError('INVALID_STATEMENT', `the bank statement could not be read: line ${String(errors[0]?.line)}: ${errors[0]?.message ?? ''}`, { errors: errors.slice(0, 20) });
    const dayPayments = await this.#paidOn(caller.hcode, date);
    const known = new Set(dayPayments.map((p) => p.ref2));
    const others = new Map<string, Payment>();
    for (const ref2 of new Set(lines.map((l) => l.ref2))) {
      if (known.has(ref2)) continue;
      const p = await this.#o.repository.paymentByRef2(ref2);
      if (p !== undefined && p.hcode === caller.hcode) others.set(ref2, p);
    }
    return reconcile({ hcode: caller.hcode, date, billerId: this.#hospital(caller.hcode).billerId, lines, errors, dayPayments, others });
  }

  /** The statement the simulated bank would send for the day (development and tests). */
  public async simulatedStatement(caller: Principal, date: string): Promise<string> {
    this.#requireCashier(caller);
    return simulatedStatementCsv(this.#hospital(caller.hcode).billerId, await this.#paidOn(caller.hcode, date));
  }

  /** Thai name of the caller's hospital (report headings). */
  public unitName(hcode: string): string {
    return this.#hospital(hcode).nameTh;
  }

  async #paidOn(hcode: string, date: string): Promise<Payment[]> {
    const from = new Date(`${date}T00:00:00+07:00`);
    if (Number.isNaN(from.getTime())) throw new ApiError('INVALID_ARGUMENT', 'date must be YYYY-MM-DD');
    const to = new Date(from.getTime() + 86_400_000);
    return this.#o.repository.paidPayments(hcode, from.toISOString(), to.toISOString());
  }

  /** The browser's view of a session. */
  public view(session: KioskSession): SessionView {
    const { patient, ...rest } = session;
    return { ...rest, patient: { pidMasked: maskPid(patient.pid), hn: patient.hn, nameTh: patient.nameTh } };
  }

  async #resume(caller: Principal, id: string, payment: Payment, method: PaymentMethod): Promise<{ session: SessionView; payment: Payment }> {
    if (payment.sessionId !== id || payment.method !== method) throw new ApiError('CLIENT_KEY_REUSED', 'this client key belongs to another payment');
    const session = await this.#session(caller, id);
    if (payment.method === 'card' && payment.status === 'pending' && session.state === 'paying') return this.#chargeCard(caller, session, payment);
    return { session: this.view(session), payment };
  }

  async #assertBillFree(openKey: string): Promise<void> {
    const live = await this.#o.repository.paymentByOpenKey(openKey);
    if (live?.status === 'paid') throw new ApiError('BILL_ALREADY_PAID', 'this bill is already paid');
    if (live?.status === 'pending') throw new ApiError('PAYMENT_IN_PROGRESS', 'a payment of this bill is already in progress');
  }

  async #chargeCard(caller: Principal, session: KioskSession, payment: Payment): Promise<{ session: SessionView; payment: Payment }> {
    const charge = await this.#o.terminal.charge({ point: session.point, amount: payment.amount, reference: payment.ref2 });
    if (!charge.approved) {
      const cancelled = await this.#o.repository.cancelPayment(payment.id);
      if (cancelled !== undefined) {
        await this.#voidReserved(caller, await this.#receiptOf(cancelled), 'CARD_DECLINED');
        await this.#save(session, { state: 'billed', paymentId: null });
      }
      throw new ApiError('CARD_DECLINED', 'the card was declined; try another card or PromptPay');
    }
    const paid = await this.#o.repository.markPaid(payment.id, payment.amount, charge.terminalRef, this.#now());
    const final = paid ?? (await this.#o.repository.payment(payment.id)) ?? payment;
    if (final.status === 'paid') await this.#markSessionPaid(final);
    return { session: this.view(await this.#session(caller, session.id)), payment: final };
  }

  async #markSessionPaid(payment: Payment): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const session = await this.#o.repository.session(payment.sessionId);
      if (session === undefined || session.state !== 'paying') return;
      if (await this.#o.repository.saveSession(this.#next(session, { state: 'paid' }))) return;
    }
    this.#log(`kiosk: session ${payment.sessionId} could not be marked paid (concurrent updates); the receipt step will retry`);
  }

  #reservedReceipt(series: ReceiptSeries, seq: number, paymentId: string): Receipt {
    return {
      ...series,
      seq,
      receiptNo: formatReceiptNo(series, seq),
      paymentId,
      status: 'reserved',
      salt: randomBytes(16).toString('hex'),
      content: null,
      hash: null,
      voidReason: null,
      anchorTxId: null,
      voidAnchorTxId: null,
      createdAt: this.#now(),
    };
  }

  async #receiptOf(payment: Payment): Promise<Receipt> {
    const receipt = await this.#o.repository.receipt({ hcode: payment.hcode, fiscalYear: payment.fiscalYear, point: payment.point }, payment.seq);
    if (receipt === undefined) throw new ApiError('RECEIPT_NOT_FOUND', `receipt ${payment.receiptNo} of payment ${payment.id} is missing`);
    return receipt;
  }

  async #voidReserved(caller: Principal, receipt: Receipt, reason: string): Promise<void> {
    const voided: Receipt = { ...receipt, status: 'voided', voidReason: reason };
    if (await this.#o.repository.updateReceipt(voided, 'reserved')) await this.#anchorVoid(caller, voided);
  }

  async #anchor(caller: Principal, receipt: Receipt): Promise<Receipt> {
    const ledger = this.#o.ledger;
    if (ledger === undefined || receipt.hash === null) return receipt;
    try {
      const txId = await ledger.anchorReceipt(caller, { hcode: receipt.hcode, fiscalYear: receipt.fiscalYear, point: receipt.point, seq: receipt.seq, receiptNo: receipt.receiptNo, hash: receipt.hash });
      const anchored: Receipt = { ...receipt, anchorTxId: txId };
      await this.#o.repository.updateReceipt(anchored, receipt.status);
      return anchored;
    } catch (err) {
      this.#log(`kiosk: receipt ${receipt.receiptNo} not anchored yet: ${err instanceof Error ? err.message : String(err)}`);
      return receipt;
    }
  }

  async #anchorVoid(caller: Principal, receipt: Receipt): Promise<Receipt> {
    const ledger = this.#o.ledger;
    if (ledger === undefined) return receipt;
    try {
      const txId = await ledger.voidReceipt(caller, receipt, receipt.seq, receipt.receiptNo, receipt.voidReason ?? 'VOID');
      const anchored: Receipt = { ...receipt, voidAnchorTxId: txId };
      await this.#o.repository.updateReceipt(anchored, 'voided');
      return anchored;
    } catch (err) {
      this.#log(`kiosk: void of receipt ${receipt.receiptNo} not anchored yet: ${err instanceof Error ? err.message : String(err)}`);
      return receipt;
    }
  }

  async #rightEvent(caller: Principal, session: KioskSession, claimType: string, kind: 'opened' | 'closed'): Promise<void> {
    const ledger = this.#o.ledger;
    if (ledger === undefined || session.right.claimCode === null) return;
    const patientPseudonym = this.#o.pseudonyms.fromCid(session.patient.pid);
    // keyed by the pseudonym: the Authen Code cannot be confirmed from the channel without the session
    const authenCodeHash = createHmac('sha256', patientPseudonym).update(session.right.claimCode).digest('hex');
    try {
      await ledger.recordRightEvent(caller, { sessionId: session.id, hcode: session.hcode, patientPseudonym, claimType, kind, authenCodeHash });
    } catch (err) {
      this.#log(`kiosk: right ${kind} event of ${session.id} not recorded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  #content(session: KioskSession, payment: Payment, caller: Principal): ReceiptContent {
    const hospital = this.#hospital(session.hcode);
    const bill = session.bill;
    return {
      unitNameTh: hospital.nameTh,
      unitAddressTh: hospital.addressTh,
      taxId: hospital.taxId,
      book: `${hospital.receiptBook}${payment.fiscalYear}/${payment.point}`,
      receiptNo: payment.receiptNo,
      issuedAt: payment.paidAt ?? this.#now(),
      payerNameTh: session.patient.nameTh,
      hn: session.patient.hn,
      vn: payment.vn,
      items: (bill?.items ?? []).map((i) => ({ nameTh: i.nameTh, amount: i.amount })),
      amount: payment.amount,
      amountTextTh: bahttext(payment.amount),
      method: payment.method,
      right: bill?.rule.right ?? session.right.mainInscl,
      authenCode: session.right.claimCode,
      receivedBy: caller.username,
    };
  }

  #billingRight(session: KioskSession): RightCode {
    const main = (RIGHT_CODES as readonly string[]).includes(session.right.mainInscl) ? (session.right.mainInscl as RightCode) : 'SP';
    if (session.right.expired || main === 'SP') return 'SP';
    if (session.state === 'right-read' && session.right.claimTypes.length > 0) {
      throw new ApiError('INVALID_TRANSITION', 'open the right before billing (or cancel and pay as self-pay)');
    }
    return main;
  }

  async #session(caller: Principal, id: string): Promise<KioskSession> {
    const session = await this.#o.repository.session(id);
    if (session === undefined) throw new ApiError('KIOSK_SESSION_NOT_FOUND', `kiosk session ${id} does not exist`);
    if (session.hcode !== caller.hcode) throw new ApiError('FORBIDDEN_UNIT', 'this session belongs to another hospital');
    return session;
  }

  #next(session: KioskSession, patch: Partial<KioskSession>): KioskSession {
    return { ...session, ...patch, updatedAt: this.#now(), version: session.version + 1 };
  }

  async #save(session: KioskSession, patch: Partial<KioskSession> & { state?: SessionState }): Promise<KioskSession> {
    if (patch.state !== undefined && patch.state !== session.state) assertTransition(session.state, patch.state);
    const next = this.#next(session, patch);
    if (!(await this.#o.repository.saveSession(next))) throw new ApiError('LEDGER_CONFLICT', 'the session changed meanwhile; reload it and try again');
    return next;
  }

  #hospital(hcode: string): KioskHospital {
    const hospital = this.#o.hospitals.find((h) => h.hcode === hcode);
    if (hospital === undefined) throw new ApiError('UNKNOWN_HCODE', `hospital ${hcode} has no kiosk configuration (fixtures/kiosk/simulator.json)`);
    return hospital;
  }

  #requireKiosk(caller: Principal): void {
    if (!(KIOSK_ROLES as readonly string[]).includes(caller.role)) throw new ApiError('FORBIDDEN_ROLE', 'only a kiosk or a cashier operates kiosk sessions');
  }

  #requireCashier(caller: Principal): void {
    if (caller.role !== 'cashier') throw new ApiError('FORBIDDEN_ROLE', 'only a cashier may do this');
  }

  #now(): string {
    return this.#clock().toISOString();
  }
}
