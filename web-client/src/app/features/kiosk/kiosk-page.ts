import { Component, DestroyRef, HostListener, computed, inject, signal } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { problemOf } from '../../core/http/api-problem';
import type { ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { KioskApi } from './kiosk-api';
import { baht, RIGHT_LABELS, type KioskPayment, type KioskReceipt, type KioskSession } from './kiosk-models';
import { KIOSK_TEXT, type KioskTextKey } from './kiosk-text';
import { ReceiptView } from './receipt-view';

/** Seconds without a touch before the kiosk goes back to the start. */
export const IDLE_SECONDS = 60;
const STORAGE_KEY = 'cco.kiosk.current';

/** Simulated cards of fixtures/kiosk/simulator.json (a real kiosk reads the card in the reader). */
const DEMO_CARDS = [
  { pid: '1101700123456', label: 'UCS · สมชาย' },
  { pid: '3100600123450', label: 'OFC · สมศรี' },
  { pid: '1509900112231', label: 'SP · มาลี' },
  { pid: '3800100998876', label: 'SSS หมดสิทธิ์ · บุญมี' },
  { pid: '1234567890121', label: 'บัตรไม่รู้จัก / unknown' },
];

type Screen = 'welcome' | 'right' | 'bill' | 'method' | 'qr' | 'card' | 'receipt' | 'done';

/**
 * Kiosk mode for a touch screen: one task per screen, large type, Thai and English, a "call staff" button on every
 * screen, back to the start after 60 s idle, never a browser dialog. The session and the payment's client key are
 * kept in sessionStorage, so a kiosk that restarts mid-payment resumes the same payment.
 */
@Component({
  selector: 'app-kiosk-page',
  imports: [ReceiptView],
  templateUrl: './kiosk-page.html',
  styleUrl: './kiosk-page.css',
})
export class KioskPage {
  protected readonly i18n = inject(I18n);
  readonly #api = inject(KioskApi);
  protected readonly point = inject(ActivatedRoute).snapshot.queryParamMap.get('point') ?? '01';
  protected readonly cards = DEMO_CARDS;

  protected readonly screen = signal<Screen>('welcome');
  protected readonly session = signal<KioskSession | null>(null);
  protected readonly payment = signal<KioskPayment | null>(null);
  protected readonly receipt = signal<KioskReceipt | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly staffCalled = signal(false);
  protected readonly idleLeft = signal(IDLE_SECONDS);
  protected readonly cardPid = signal(DEMO_CARDS[1]?.pid ?? '');
  /** What the QR scanner typed (a keyboard-wedge scanner ends with Enter) or the citizen's short code. */
  protected readonly healthIdProof = signal('');
  /** Object URL of the PromptPay QR image. */
  protected readonly qrUrl = signal<string | null>(null);
  protected readonly rightLabel = computed(() => {
    const right = this.session()?.right.mainInscl ?? '';
    const label = RIGHT_LABELS[right];
    return label === undefined ? right : label[this.i18n.lang() === 'th' ? 0 : 1];
  });

  public constructor() {
    const timer = setInterval(() => this.#tick(), 1000);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      this.#setQr(null);
    });
    void this.#resume();
  }

  protected t(key: KioskTextKey): string {
    return KIOSK_TEXT[key][this.i18n.lang() === 'th' ? 0 : 1];
  }

  protected money(amount: number | undefined): string {
    return baht(amount ?? 0);
  }

  /** Any touch or key press restarts the idle countdown. */
  @HostListener('document:pointerdown')
  @HostListener('document:keydown')
  protected touched(): void {
    this.idleLeft.set(IDLE_SECONDS);
  }

  protected async readCard(): Promise<void> {
    await this.#run(async () => {
      const session = await this.#api.start(this.point, this.cardPid());
      this.#keep(session);
      this.screen.set('right');
    });
  }

  protected async useHealthId(event: Event): Promise<void> {
    event.preventDefault();
    const proof = this.healthIdProof().trim();
    if (proof === '') return;
    await this.#run(async () => {
      const session = await this.#api.startByHealthId(this.point, proof);
      this.healthIdProof.set('');
      this.#keep(session);
      this.screen.set('right');
    });
  }

  protected async openRight(): Promise<void> {
    await this.#run(async () => {
      this.#keep(await this.#api.step(this.#id(), 'open-right'));
    });
  }

  protected async showBill(): Promise<void> {
    await this.#run(async () => {
      this.#keep(await this.#api.step(this.#id(), 'bill'));
      this.screen.set('bill');
    });
  }

  protected async pay(method: 'promptpay' | 'card'): Promise<void> {
    await this.#run(async () => {
      const key = this.#clientKey(method);
      if (method === 'card') this.screen.set('card');
      const { session, payment } = await this.#api.pay(this.#id(), method, key);
      this.#keep(session);
      this.payment.set(payment);
      if (payment.status === 'paid') await this.#issueReceipt();
      else {
        if (method === 'promptpay') this.#setQr(URL.createObjectURL(await this.#api.qrImage(session.id)));
        this.screen.set(method === 'promptpay' ? 'qr' : 'card');
      }
    });
    if (this.problem() !== null && this.screen() === 'card') this.screen.set('method');
  }

  /** Development only: the simulated bank pays the QR; then the kiosk sees the payment confirmed. */
  protected async simulateBank(): Promise<void> {
    await this.#run(async () => {
      await this.#api.simulateBankPay(this.payment()?.qrPayload ?? '');
      await this.#checkPaid();
    });
  }

  protected async cancelPayment(): Promise<void> {
    await this.#run(async () => {
      this.#keep(await this.#api.step(this.#id(), 'payments/cancel'));
      this.#forgetClientKey();
      this.payment.set(null);
      this.#setQr(null);
      this.screen.set('method');
    });
  }

  protected async finish(): Promise<void> {
    await this.#run(async () => {
      this.#keep(await this.#api.step(this.#id(), 'close'));
      this.screen.set('done');
    });
  }

  protected print(): void {
    window.print();
  }

  protected async callStaff(): Promise<void> {
    const id = this.session()?.id;
    this.staffCalled.set(true);
    if (id === undefined) return;
    await this.#run(async () => {
      this.#keep(await this.#api.step(id, 'assist', { reason: `kiosk ${this.point}: ${this.screen()}` }));
    });
  }

  /** Back to the welcome screen; a session not yet paying is cancelled, a pending payment is kept for the cashier. */
  protected async startOver(): Promise<void> {
    const s = this.session();
    if (s !== null && ['right-read', 'right-opened', 'billed'].includes(s.state)) await this.#api.step(s.id, 'cancel').catch(() => undefined);
    if (s !== null && s.state === 'paying') await this.#api.step(s.id, 'payments/cancel').catch(() => undefined);
    sessionStorage.removeItem(STORAGE_KEY);
    this.#forgetClientKey();
    this.session.set(null);
    this.payment.set(null);
    this.#setQr(null);
    this.healthIdProof.set('');
    this.receipt.set(null);
    this.problem.set(null);
    this.staffCalled.set(false);
    this.idleLeft.set(IDLE_SECONDS);
    this.screen.set('welcome');
  }

  #tick(): void {
    if (this.screen() === 'welcome') return;
    if (this.screen() === 'qr') void this.#checkPaid();
    const left = this.idleLeft() - 1;
    this.idleLeft.set(left);
    if (left <= 0) void this.startOver();
  }

  async #checkPaid(): Promise<void> {
    const id = this.session()?.id;
    if (id === undefined) return;
    const session = await this.#api.get(id).catch(() => null);
    if (session === null) return;
    this.#keep(session);
    if (session.state === 'paid' || session.state === 'receipted') await this.#issueReceipt();
  }

  async #issueReceipt(): Promise<void> {
    const { session, receipt } = await this.#api.receipt(this.#id());
    this.#keep(session);
    this.receipt.set(receipt);
    this.#setQr(null);
    this.#forgetClientKey();
    this.screen.set('receipt');
  }

  async #resume(): Promise<void> {
    const id = sessionStorage.getItem(STORAGE_KEY);
    if (id === null) return;
    const session = await this.#api.get(id).catch(() => null);
    if (session === null || session.state === 'closed' || session.state === 'cancelled') {
      sessionStorage.removeItem(STORAGE_KEY);
      return;
    }
    this.session.set(session);
    const key = sessionStorage.getItem(`${STORAGE_KEY}.key`);
    if (session.state === 'paying' && key !== null) {
      const [method, clientKey] = key.split('|');
      if ((method === 'promptpay' || method === 'card') && clientKey !== undefined) {
        // same client key: the gateway answers with the same payment
        await this.pay(method);
        return;
      }
    }
    if (session.state === 'paid' || session.state === 'receipted') await this.#run(async () => this.#issueReceipt());
    else this.screen.set(session.bill === null ? 'right' : 'bill');
  }

  #clientKey(method: 'promptpay' | 'card'): string {
    const stored = sessionStorage.getItem(`${STORAGE_KEY}.key`);
    if (stored?.startsWith(`${method}|`) === true) return stored.slice(method.length + 1);
    const key = `kiosk-${this.point}-${crypto.randomUUID()}`;
    sessionStorage.setItem(`${STORAGE_KEY}.key`, `${method}|${key}`);
    return key;
  }

  #setQr(url: string | null): void {
    const old = this.qrUrl();
    if (old !== null) URL.revokeObjectURL(old);
    this.qrUrl.set(url);
  }

  #forgetClientKey(): void {
    sessionStorage.removeItem(`${STORAGE_KEY}.key`);
  }

  #keep(session: KioskSession): void {
    this.session.set(session);
    sessionStorage.setItem(STORAGE_KEY, session.id);
  }

  #id(): string {
    const id = this.session()?.id;
    if (id === undefined) throw new Error('no kiosk session');
    return id;
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      await work();
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }
}
