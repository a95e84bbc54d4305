import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { KioskPayment, KioskReceipt, KioskSession, ReceiptAudit } from './kiosk-models';

/** /api/kiosk: the kiosk journey, the cashier screen and the receipt audit. */
@Injectable({ providedIn: 'root' })
export class KioskApi {
  readonly #http = inject(HttpClient);

  public async start(point: string, simulatedCardPid: string): Promise<KioskSession> {
    return (await firstValueFrom(this.#http.post<{ session: KioskSession }>('/api/kiosk/sessions', { point, simulatedCardPid }))).session;
  }

  public async get(id: string): Promise<KioskSession> {
    return (await firstValueFrom(this.#http.get<{ session: KioskSession }>(`/api/kiosk/sessions/${id}`))).session;
  }

  /** One step of the session: open-right, bill, close, cancel, payments/cancel, assist, assist/ack. */
  public async step(id: string, action: string, body: unknown = {}): Promise<KioskSession> {
    return (await firstValueFrom(this.#http.post<{ session: KioskSession }>(`/api/kiosk/sessions/${id}/${action}`, body))).session;
  }

  public pay(id: string, method: 'promptpay' | 'card', clientKey: string): Promise<{ session: KioskSession; payment: KioskPayment }> {
    return firstValueFrom(this.#http.post<{ session: KioskSession; payment: KioskPayment }>(`/api/kiosk/sessions/${id}/payments`, { method, clientKey }));
  }

  public receipt(id: string): Promise<{ session: KioskSession; receipt: KioskReceipt }> {
    return firstValueFrom(this.#http.post<{ session: KioskSession; receipt: KioskReceipt }>(`/api/kiosk/sessions/${id}/receipt`, {}));
  }

  /** Development: the simulated bank "scans" the QR and sends its signed callback. */
  public simulateBankPay(qrPayload: string): Promise<unknown> {
    return firstValueFrom(this.#http.post('/api/kiosk/simulator/bank/pay', { qrPayload }));
  }

  public async live(): Promise<KioskSession[]> {
    return (await firstValueFrom(this.#http.get<{ sessions: KioskSession[] }>('/api/kiosk/live'))).sessions;
  }

  public async findReceipt(receiptNo: string): Promise<KioskReceipt> {
    return (await firstValueFrom(this.#http.get<{ receipt: KioskReceipt }>(`/api/kiosk/receipts/${receiptNo}`))).receipt;
  }

  public async voidReceipt(receiptNo: string, reason: string): Promise<KioskReceipt> {
    return (await firstValueFrom(this.#http.post<{ receipt: KioskReceipt }>(`/api/kiosk/receipts/${receiptNo}/void`, { reason }))).receipt;
  }

  /** The daily closing report as a CSV file (Blob), for download. */
  public dailyCsv(date: string): Promise<Blob> {
    return firstValueFrom(this.#http.get('/api/kiosk/reports/daily', { params: { date, format: 'csv' }, responseType: 'blob' }));
  }

  public audit(hcode: string, fiscalYear: number, point: string): Promise<ReceiptAudit> {
    return firstValueFrom(this.#http.get<ReceiptAudit>('/api/kiosk/audit/receipts', { params: { hcode, fiscalYear, point } }));
  }
}
