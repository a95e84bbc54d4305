import type { Receipt } from './receipt';
import { baht, MM, thaiDate, ThaiPdf } from './thai-pdf';

export { scriptRuns } from './thai-pdf';

/** 80 mm roll: 226.77 pt wide; 72 mm printable. */
const PAGE_WIDTH = 80 * MM;
const MARGIN = 4 * MM;

/**
 * The short-form receipt as a PDF for an 80 mm receipt printer (pdfkit, Sarabun), with the minimum fields of
 * MOF regulation 2562: unit and address, tax ID, book and number, date, payer, what was paid for, amount in
 * figures and in Thai words, receiver; a voided receipt is marked as such.
 */
export async function receiptPdf(receipt: Receipt): Promise<Buffer> {
  const c = receipt.content;
  if (c === null) throw new RangeError(`receipt ${receipt.receiptNo} has no content yet`);
  const pdf = new ThaiPdf({ size: [PAGE_WIDTH, 118 * MM + c.items.length * 5 * MM], margin: MARGIN, title: `ใบเสร็จรับเงิน ${c.receiptNo}`, author: c.unitNameTh });

  pdf.line(c.unitNameTh, { size: 11, bold: true, align: 'center' });
  pdf.line(c.unitAddressTh, { size: 8, align: 'center' });
  pdf.line(`เลขประจำตัวผู้เสียภาษี ${c.taxId}`, { size: 8, align: 'center' });
  pdf.space(4);
  pdf.line('ใบเสร็จรับเงิน (แบบย่อ)', { size: 12, bold: true, align: 'center' });
  pdf.rule();
  pdf.pair('เล่มที่', c.book);
  pdf.pair('เลขที่', c.receiptNo, true);
  pdf.pair('วันที่', thaiDate(c.issuedAt));
  pdf.pair('ได้รับเงินจาก', c.payerNameTh);
  pdf.pair('HN / VN', `${c.hn} / ${c.vn}`);
  pdf.pair('สิทธิ', c.authenCode === null ? c.right : `${c.right} (${c.authenCode})`);
  pdf.rule();
  for (const item of c.items) pdf.pair(item.nameTh, baht(item.amount));
  pdf.rule();
  pdf.pair('จำนวนเงินที่ชำระ', `${baht(c.amount)} บาท`, true);
  pdf.line(`(${c.amountTextTh})`, { bold: true, align: 'center' });
  pdf.line(`ชำระโดย ${c.method === 'promptpay' ? 'พร้อมเพย์ (QR)' : 'บัตรเดบิต/เครดิต'}`);
  pdf.space(18);
  pdf.line('ลงชื่อ ............................................ ผู้รับเงิน', { align: 'center' });
  pdf.line(`(${c.receivedBy})`, { size: 8, align: 'center' });
  if (receipt.status === 'voided') {
    pdf.space(6);
    pdf.line(`ยกเลิก (VOID): ${receipt.voidReason ?? ''}`, { size: 12, bold: true, align: 'center' });
  }
  if (receipt.hash !== null) {
    pdf.space(6);
    pdf.line(`SHA-256 ${receipt.hash.slice(0, 32)}`, { size: 6, align: 'center' });
    pdf.line(receipt.hash.slice(32), { size: 6, align: 'center' });
  }
  return pdf.end();
}
