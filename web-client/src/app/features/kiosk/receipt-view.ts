import { Component, computed, input } from '@angular/core';
import { formatDate } from '../../core/i18n/thai-date';
import { baht, type KioskReceipt } from './kiosk-models';

/**
 * A short-form receipt (ใบเสร็จรับเงินแบบย่อ) sized for an 80 mm roll: unit, book and number, date (Buddhist era),
 * payer, what was paid for, amount in figures and Thai words, receiver. Printed with the browser's print (no dialog
 * of the app's own); `@media print` hides everything else.
 */
@Component({
  selector: 'app-receipt-view',
  template: `
    @if (receipt().content; as c) {
      <article class="receipt" [class.voided]="receipt().status === 'voided'" aria-label="ใบเสร็จรับเงิน" data-testid="receipt">
        <header>
          <strong>{{ c.unitNameTh }}</strong>
          <span>{{ c.unitAddressTh }}</span>
          <span>เลขประจำตัวผู้เสียภาษี {{ c.taxId }}</span>
          <h2>ใบเสร็จรับเงิน (แบบย่อ)</h2>
        </header>
        <dl>
          <dt>เล่มที่</dt><dd>{{ c.book }}</dd>
          <dt>เลขที่</dt><dd data-testid="receipt-no">{{ c.receiptNo }}</dd>
          <dt>วันที่</dt><dd>{{ issued() }}</dd>
          <dt>ได้รับเงินจาก</dt><dd>{{ c.payerNameTh }}</dd>
          <dt>HN / VN</dt><dd>{{ c.hn }} / {{ c.vn }}</dd>
          <dt>สิทธิ</dt><dd>{{ c.right }}@if (c.authenCode) { · {{ c.authenCode }} }</dd>
        </dl>
        <table>
          <caption>รายการ</caption>
          <tbody>
            @for (i of c.items; track $index) {
              <tr><td>{{ i.nameTh }}</td><td class="num">{{ money(i.amount) }}</td></tr>
            }
          </tbody>
          <tfoot>
            <tr><th scope="row">จำนวนเงินที่ชำระ</th><td class="num" data-testid="receipt-amount">{{ money(c.amount) }}</td></tr>
          </tfoot>
        </table>
        <p class="words" data-testid="receipt-words">({{ c.amountTextTh }})</p>
        <p>ชำระโดย {{ c.method === 'promptpay' ? 'พร้อมเพย์ (QR)' : 'บัตรเดบิต/เครดิต' }}</p>
        <p class="sign">ผู้รับเงิน ………………………… ({{ c.receivedBy }})</p>
        @if (receipt().status === 'voided') {
          <p class="void-mark" role="status">ยกเลิก (VOID): {{ receipt().voidReason }}</p>
        }
        @if (receipt().hash; as h) {
          <p class="hash">SHA-256 {{ h.slice(0, 16) }}… @if (receipt().anchorTxId) { · บันทึกบนบล็อกเชนแล้ว }</p>
        }
      </article>
    }
  `,
  styles: `
    .receipt { width: 72mm; max-width: 100%; margin: 0 auto; padding: 3mm; background: #fff; color: #000; font-size: 11pt; line-height: 1.35; border: 1px dashed #999; }
    header { display: flex; flex-direction: column; align-items: center; text-align: center; gap: 1mm; }
    h2 { font-size: 12pt; margin: 2mm 0; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: .5mm 2mm; margin: 0 0 2mm; }
    dt { font-weight: 600; } dd { margin: 0; word-break: break-word; }
    table { width: 100%; border-collapse: collapse; } caption { text-align: left; font-weight: 600; }
    td, th { padding: .5mm 0; text-align: left; } .num { text-align: right; white-space: nowrap; }
    tfoot th, tfoot td { border-top: 1px solid #000; font-weight: 700; }
    .words { text-align: center; font-weight: 600; } .sign { margin-top: 6mm; } .hash { font-size: 8pt; word-break: break-all; }
    .voided { position: relative; } .void-mark { font-weight: 700; color: #a4161a; text-align: center; border: 2px solid #a4161a; }
    @media print { .receipt { border: 0; width: 72mm; padding: 0; } }
  `,
})
export class ReceiptView {
  public readonly receipt = input.required<KioskReceipt>();
  protected readonly issued = computed(() => formatDate(this.receipt().content?.issuedAt ?? null, 'th', 'datetime'));
  protected money(amount: number): string {
    return baht(amount);
  }
}
