import { randomInt } from 'node:crypto';

/** The answer of a card payment terminal. */
export interface CardCharge {
  readonly approved: boolean;
  readonly approvalCode: string | null;
  readonly cardMasked: string | null;
  /** Terminal transaction reference: unique per charge. */
  readonly terminalRef: string;
}

/** A debit/credit card payment terminal at a kiosk point. */
export interface CardTerminal {
  charge(request: Readonly<{ point: string; amount: number; reference: string }>): Promise<CardCharge>;
}

/** Terminal simulator: approves every charge except amounts listed in `declineAmounts`. */
export class CardTerminalSimulator implements CardTerminal {
  readonly #decline: ReadonlySet<number>;

  public constructor(options: Readonly<{ declineAmounts?: readonly number[] }> = {}) {
    this.#decline = new Set(options.declineAmounts ?? []);
  }

  public async charge(request: Readonly<{ point: string; amount: number; reference: string }>): Promise<CardCharge> {
    const terminalRef = `T${request.point}${request.reference}`;
    if (this.#decline.has(request.amount)) return Promise.resolve({ approved: false, approvalCode: null, cardMasked: null, terminalRef });
    return Promise.resolve({ approved: true, approvalCode: String(randomInt(100000, 999999)), cardMasked: '4111 11•• •••• 1111', terminalRef });
  }
}
