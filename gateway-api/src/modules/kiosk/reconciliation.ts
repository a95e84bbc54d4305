import type { Payment } from './payment';

/**
 * The simulated bank settlement statement (one CSV per hospital and business day, UTF-8, comma-separated, a header
 * line). Modelled on the bill-payment reports Thai banks send billers: one line per credited transaction with the
 * biller ID, Ref1, Ref2 and amount; card settlement lines carry the terminal's reference in `bankTxId` and the
 * receipt's Ref2 as the invoice reference. The real file is bank-specific (often fixed-width); this is illustrative.
 */
export const STATEMENT_COLUMNS = ['valueDate', 'txnTime', 'channel', 'billerId', 'ref1', 'ref2', 'amount', 'bankTxId'] as const;

/** One credited transaction of the statement. */
export interface StatementLine {
  /** 1-based line number in the file (header = 1). */
  readonly line: number;
  readonly valueDate: string;
  readonly txnTime: string;
  readonly channel: 'PROMPTPAY' | 'CARD';
  readonly billerId: string;
  readonly ref1: string;
  readonly ref2: string;
  readonly amount: number;
  readonly bankTxId: string;
}

/** A line the file could not be read from. */
export interface StatementError {
  readonly line: number;
  readonly message: string;
}

/** Parses the statement; bad lines are reported, not guessed. */
export function parseStatement(csv: string): { lines: StatementLine[]; errors: StatementError[] } {
  const rows = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (rows[0] ?? '').split(',').map((h) => h.trim());
  const errors: StatementError[] = [];
  const lines: StatementLine[] = [];
  if (STATEMENT_COLUMNS.some((c, i) => header[i] !== c)) {
    return { lines, errors: [{ line: 1, message: `the header must be ${STATEMENT_COLUMNS.join(',')}` }] };
  }
  rows.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const f = raw.split(',').map((v) => v.trim());
    const [valueDate = '', txnTime = '', channel = '', billerId = '', ref1 = '', ref2 = '', amount = '', bankTxId = ''] = f;
    const bad = (message: string): void => {
      errors.push({ line, message });
    };
    if (f.length !== STATEMENT_COLUMNS.length) return bad(`expected ${String(STATEMENT_COLUMNS.length)} fields, found ${String(f.length)}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(valueDate)) return bad('valueDate is YYYY-MM-DD');
    if (!/^\d{2}:\d{2}:\d{2}$/.test(txnTime)) return bad('txnTime is HH:MM:SS');
    if (channel !== 'PROMPTPAY' && channel !== 'CARD') return bad('channel is PROMPTPAY or CARD');
    if (!/^\d{15}$/.test(billerId)) return bad('billerId has 15 digits');
    if (!/^[A-Z0-9]{1,20}$/.test(ref1) || !/^[A-Z0-9]{1,20}$/.test(ref2)) return bad('ref1 and ref2 are 1-20 capital letters or digits');
    if (!/^\d{1,9}\.\d{2}$/.test(amount)) return bad('amount is baht with 2 decimals, e.g. 350.00');
    if (!/^[A-Za-z0-9-]{4,64}$/.test(bankTxId)) return bad('bankTxId is 4-64 letters, digits or -');
    lines.push({ line, valueDate, txnTime, channel, billerId, ref1, ref2, amount: Number(amount), bankTxId });
    return undefined;
  });
  return { lines, errors };
}

/** Result of reconciling one day's statement against the kiosk's paid payments. */
export interface Reconciliation {
  readonly hcode: string;
  readonly date: string;
  readonly ok: boolean;
  readonly statementLines: number;
  readonly statementTotal: number;
  readonly kioskTotal: number;
  readonly matched: readonly { receiptNo: string; ref2: string; amount: number; line: number }[];
  /** Paid at the kiosk that day, not on the statement (the bank has not credited it). */
  readonly missing: readonly { receiptNo: string; ref2: string; amount: number; method: string }[];
  /** On the statement, with no paid kiosk payment (unknown Ref2, another biller, a cancelled payment, a duplicate line). */
  readonly unexpected: readonly { line: number; ref1: string; ref2: string; amount: number; reason: string }[];
  /** Same payment, another amount. */
  readonly amountMismatch: readonly { line: number; receiptNo: string; ref2: string; statementAmount: number; kioskAmount: number }[];
  readonly errors: readonly StatementError[];
}

const cents = (n: number): number => Math.round(n * 100);
const sum = (list: readonly { amount: number }[]): number => list.reduce((s, x) => s + cents(x.amount), 0) / 100;

/**
 * Matches statement lines to payments by Ref2 (the receipt number), then checks biller, Ref1, channel and amount.
 * `dayPayments` are the kiosk's paid payments of the day; `lookup` finds a payment of another day or state by Ref2
 * (a late credit of yesterday's payment matches it instead of being unexpected).
 */
export function reconcile(
  input: Readonly<{ hcode: string; date: string; billerId: string; lines: readonly StatementLine[]; errors: readonly StatementError[]; dayPayments: readonly Payment[]; others: ReadonlyMap<string, Payment> }>,
): Reconciliation {
  const byRef2 = new Map(input.dayPayments.map((p) => [p.ref2, p]));
  const seen = new Set<string>();
  const matched: Reconciliation['matched'][number][] = [];
  const unexpected: Reconciliation['unexpected'][number][] = [];
  const amountMismatch: Reconciliation['amountMismatch'][number][] = [];
  for (const l of input.lines) {
    const payment = byRef2.get(l.ref2) ?? input.others.get(l.ref2);
    const miss = (reason: string): void => {
      unexpected.push({ line: l.line, ref1: l.ref1, ref2: l.ref2, amount: l.amount, reason });
    };
    if (l.billerId !== input.billerId) miss('another biller ID');
    else if (payment === undefined) miss('no kiosk payment has this Ref2');
    else if (payment.ref1 !== l.ref1) miss(`Ref1 ${l.ref1} is not the payment's (${payment.ref1})`);
    else if (seen.has(l.ref2)) miss('a second credit of the same payment (refund one)');
    else if (payment.status !== 'paid') miss(`the kiosk payment is ${payment.status} (refund it)`);
    else if ((l.channel === 'CARD') !== (payment.method === 'card')) miss(`channel ${l.channel} but the payment was by ${payment.method}`);
    else {
      seen.add(l.ref2);
      if (cents(l.amount) !== cents(payment.amount)) amountMismatch.push({ line: l.line, receiptNo: payment.receiptNo, ref2: l.ref2, statementAmount: l.amount, kioskAmount: payment.amount });
      else matched.push({ receiptNo: payment.receiptNo, ref2: l.ref2, amount: l.amount, line: l.line });
    }
  }
  const missing = input.dayPayments.filter((p) => !seen.has(p.ref2)).map((p) => ({ receiptNo: p.receiptNo, ref2: p.ref2, amount: p.amount, method: p.method }));
  return {
    hcode: input.hcode,
    date: input.date,
    ok: missing.length === 0 && unexpected.length === 0 && amountMismatch.length === 0 && input.errors.length === 0,
    statementLines: input.lines.length,
    statementTotal: sum(input.lines),
    kioskTotal: sum(input.dayPayments),
    matched,
    missing,
    unexpected,
    amountMismatch,
    errors: input.errors,
  };
}

/** What the simulated bank would send for these paid payments (tests, demo, the journeys). */
export function simulatedStatementCsv(billerId: string, payments: readonly Payment[]): string {
  const rows = payments
    .filter((p) => p.status === 'paid' && p.paidAt !== null)
    .map((p) => {
      const local = new Date(Date.parse(p.paidAt ?? '') + 7 * 3600_000).toISOString();
      return [local.slice(0, 10), local.slice(11, 19), p.method === 'card' ? 'CARD' : 'PROMPTPAY', billerId, p.ref1, p.ref2, p.amount.toFixed(2), p.paidBy ?? ''].join(',');
    });
  return [STATEMENT_COLUMNS.join(','), ...rows].join('\n') + '\n';
}
