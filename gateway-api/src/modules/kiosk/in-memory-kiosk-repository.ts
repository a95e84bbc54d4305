import type { InsertPaymentOutcome, KioskRepository } from './kiosk.repository';
import type { KioskSession } from './kiosk-session';
import type { Payment } from './payment';
import type { Receipt } from './receipt';
import { seriesKey, type ReceiptSeries } from './receipt-number';

/** In-memory {@link KioskRepository} with the same uniqueness rules as the MongoDB indexes (tests, demos). */
export class InMemoryKioskRepository implements KioskRepository {
  readonly #sessions = new Map<string, KioskSession>();
  readonly #payments = new Map<string, Payment>();
  readonly #receipts = new Map<string, Receipt>();
  /** Yields to the event loop between a read and a write, so that tests see real interleavings. */
  readonly #yield: () => Promise<void>;

  public constructor(options: Readonly<{ interleave?: boolean }> = {}) {
    this.#yield = options.interleave === true ? async () => new Promise((resolve) => setImmediate(resolve)) : async () => Promise.resolve();
  }

  public async insertSession(session: KioskSession): Promise<void> {
    this.#sessions.set(session.id, session);
    return Promise.resolve();
  }

  public async session(id: string): Promise<KioskSession | undefined> {
    return Promise.resolve(this.#sessions.get(id));
  }

  public async saveSession(session: KioskSession): Promise<boolean> {
    await this.#yield();
    if (this.#sessions.get(session.id)?.version !== session.version - 1) return false;
    this.#sessions.set(session.id, session);
    return true;
  }

  public async liveSessions(hcode: string, states: readonly string[]): Promise<KioskSession[]> {
    return Promise.resolve(
      [...this.#sessions.values()].filter((s) => s.hcode === hcode && (states.includes(s.state) || (s.assist !== null && s.assist.acknowledgedBy === null))).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    );
  }

  public async insertPayment(payment: Payment): Promise<InsertPaymentOutcome> {
    await this.#yield();
    const all = [...this.#payments.values()];
    if (all.some((p) => p.clientKey === payment.clientKey)) return 'client-key-exists';
    if (payment.openKey !== null && all.some((p) => p.openKey === payment.openKey)) return 'bill-taken';
    this.#payments.set(payment.id, payment);
    return 'inserted';
  }

  public async payment(id: string): Promise<Payment | undefined> {
    return Promise.resolve(this.#payments.get(id));
  }

  public async paymentByClientKey(clientKey: string): Promise<Payment | undefined> {
    return Promise.resolve([...this.#payments.values()].find((p) => p.clientKey === clientKey));
  }

  public async paymentByOpenKey(openKey: string): Promise<Payment | undefined> {
    return Promise.resolve([...this.#payments.values()].find((p) => p.openKey === openKey));
  }

  public async paymentByRef2(ref2: string): Promise<Payment | undefined> {
    return Promise.resolve([...this.#payments.values()].find((p) => p.ref2 === ref2));
  }

  public async paymentByPaidBy(paidBy: string): Promise<Payment | undefined> {
    return Promise.resolve([...this.#payments.values()].find((p) => p.paidBy === paidBy));
  }

  public async markPaid(id: string, amount: number, paidBy: string, paidAt: string): Promise<Payment | undefined> {
    await this.#yield();
    const current = this.#payments.get(id);
    if (current?.status !== 'pending' || current.amount !== amount) return undefined;
    if ([...this.#payments.values()].some((p) => p.paidBy === paidBy)) return undefined;
    const paid: Payment = { ...current, status: 'paid', paidBy, paidAt };
    this.#payments.set(id, paid);
    return paid;
  }

  public async paidPayments(hcode: string, from: string, to: string): Promise<Payment[]> {
    return Promise.resolve(
      [...this.#payments.values()]
        .filter((p) => p.hcode === hcode && p.status === 'paid' && p.paidAt !== null && p.paidAt >= from && p.paidAt < to)
        .sort((a, b) => (a.paidAt ?? '').localeCompare(b.paidAt ?? '')),
    );
  }

  public async cancelPayment(id: string): Promise<Payment | undefined> {
    await this.#yield();
    const current = this.#payments.get(id);
    if (current?.status !== 'pending') return undefined;
    const cancelled: Payment = { ...current, status: 'cancelled', openKey: null };
    this.#payments.set(id, cancelled);
    return cancelled;
  }

  public async reserveReceipt(series: ReceiptSeries, build: (seq: number) => Receipt): Promise<Receipt> {
    for (;;) {
      const last = (await this.receipts(series)).at(-1)?.seq ?? 0;
      await this.#yield();
      const key = `${seriesKey(series)}:${last + 1}`;
      // the unique _id of the MongoDB collection: a second insert of the same number fails and retries
      if (this.#receipts.has(key)) continue;
      const receipt = build(last + 1);
      this.#receipts.set(key, receipt);
      return receipt;
    }
  }

  public async receipt(series: ReceiptSeries, seq: number): Promise<Receipt | undefined> {
    return Promise.resolve(this.#receipts.get(`${seriesKey(series)}:${seq}`));
  }

  public async updateReceipt(receipt: Receipt, expectedStatus: Receipt['status']): Promise<boolean> {
    await this.#yield();
    const key = `${seriesKey(receipt)}:${receipt.seq}`;
    if (this.#receipts.get(key)?.status !== expectedStatus) return false;
    this.#receipts.set(key, receipt);
    return true;
  }

  public async receipts(series: ReceiptSeries): Promise<Receipt[]> {
    const prefix = `${seriesKey(series)}:`;
    return Promise.resolve([...this.#receipts.entries()].filter(([k]) => k.startsWith(prefix)).map(([, r]) => r).sort((a, b) => a.seq - b.seq));
  }
}
