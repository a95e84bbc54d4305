import { createHmac, timingSafeEqual } from 'node:crypto';
import { hasValidCrc, parseTlv } from '../promptpay';

/** A bill-payment confirmation from the acquiring bank (simulated format; the real one is bank-specific). */
export interface BankCallback {
  readonly billerId: string;
  readonly ref1: string;
  readonly ref2: string;
  /** Baht with 2 decimals, as a string ("350.00"). */
  readonly amount: string;
  readonly bankTxId: string;
  readonly paidAt: string;
}

/** The exact text the bank signs: the fields joined by `|` in a fixed order. */
export function signedText(c: BankCallback): string {
  return [c.billerId, c.ref1, c.ref2, c.amount, c.bankTxId, c.paidAt].join('|');
}

/** Signs and verifies bank callbacks with HMAC-SHA256 over {@link signedText} (hex). */
export class BankSignature {
  readonly #secret: string;

  public constructor(secret: string) {
    if (secret.length < 16) throw new Error('BANK_CALLBACK_SECRET must have at least 16 characters');
    this.#secret = secret;
  }

  public sign(callback: BankCallback): string {
    return createHmac('sha256', this.#secret).update(signedText(callback), 'utf8').digest('hex');
  }

  /** True when `signature` is the hex HMAC of the callback (constant-time compare). */
  public verify(callback: BankCallback, signature: string): boolean {
    const expected = Buffer.from(this.sign(callback), 'hex');
    const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/**
 * The acquiring bank for development and tests: "scans" a PromptPay bill-payment QR and produces the signed
 * callback that the bank would send.
 */
export class BankSimulator {
  readonly #signature: BankSignature;
  #counter = 0;

  public constructor(signature: BankSignature) {
    this.#signature = signature;
  }

  /** Signs any callback with the bank's key (tests of a signed but wrong callback). */
  public sign(callback: BankCallback): string {
    return this.#signature.sign(callback);
  }

  /** Pays the QR `payload`; returns the callback and its signature header value. */
  public pay(payload: string, paidAt: Date = new Date()): { callback: BankCallback; signature: string } {
    if (!hasValidCrc(payload)) throw new RangeError('the QR payload has a bad CRC');
    const top = parseTlv(payload);
    const bill = parseTlv(top.get('30') ?? '');
    this.#counter += 1;
    const callback: BankCallback = {
      billerId: bill.get('01') ?? '',
      ref1: bill.get('02') ?? '',
      ref2: bill.get('03') ?? '',
      amount: top.get('54') ?? '0.00',
      bankTxId: `BANK${paidAt.getTime()}${String(this.#counter).padStart(4, '0')}`,
      paidAt: paidAt.toISOString(),
    };
    return { callback, signature: this.#signature.sign(callback) };
  }
}
