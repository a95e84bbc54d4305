import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { DailyClosing, KioskPayment, KioskReceipt, KioskSession, ReanchorResult, ReceiptAudit, Reconciliation } from './kiosk-models';

/** /api/kiosk: the kiosk journey, the cashier screen and the receipt audit. */
@Injectable({ providedIn: 'root' })
export class KioskApi {
  readonly #http = inject(HttpClient);

  public async start(point: string, simulatedCardPid: string): Promise<KioskSession> {
    return (await firstValueFrom(this.#http.post<{ session: KioskSession }>('/api/kiosk/sessions', { point, simulatedCardPid }))).session;
  }

  /** Starts a session from the wallet's Health ID QR token (scanned) or short code (typed). */
  public async startByHealthId(point: string, healthIdProof: string): Promise<KioskSession> {
    return (await firstValueFrom(this.#http.post<{ session: KioskSession }>('/api/kiosk/sessions', { point, healthIdProof }))).session;
  }

  /** The PromptPay QR of the session's payment as an SVG image (Blob). */
  public qrImage(id: string): Promise<Blob> {
    return firstValueFrom(this.#http.get(`/api/kiosk/sessions/${id}/payment/qr`, { params: { format: 'svg' }, responseType: 'blob' }));
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

  /** The daily closing report as a CSV or PDF file (Blob), for download. */
  public dailyFile(date: string, format: 'csv' | 'pdf'): Promise<Blob> {
    return firstValueFrom(this.#http.get('/api/kiosk/reports/daily', { params: { date, format }, responseType: 'blob' }));
  }

  public daily(date: string): Promise<DailyClosing> {
    return firstValueFrom(this.#http.get<DailyClosing>('/api/kiosk/reports/daily', { params: { date } }));
  }

  /** Reconciles the bank statement file (CSV text) with the day's kiosk payments. */
  public reconcile(date: string, statementCsv: string): Promise<Reconciliation> {
    return firstValueFrom(this.#http.post<Reconciliation>('/api/kiosk/reconciliation', statementCsv, { params: { date }, headers: { 'content-type': 'text/csv' } }));
  }

  /** Development: the statement the simulated bank would send for the day. */
  public simulatedStatement(date: string): Promise<Blob> {
    return firstValueFrom(this.#http.get('/api/kiosk/simulator/bank/statement', { params: { date }, responseType: 'blob' }));
  }

  public reanchor(hcode: string, fiscalYear: number, point: string): Promise<ReanchorResult> {
    return firstValueFrom(this.#http.post<ReanchorResult>('/api/kiosk/audit/receipts/reanchor', {}, { params: { hcode, fiscalYear, point } }));
  }

  public audit(hcode: string, fiscalYear: number, point: string): Promise<ReceiptAudit> {
    return firstValueFrom(this.#http.get<ReceiptAudit>('/api/kiosk/audit/receipts', { params: { hcode, fiscalYear, point } }));
  }
}
