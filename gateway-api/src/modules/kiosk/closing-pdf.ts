import type { DailyClosing } from './kiosk.service';
import { baht, MM, thaiDate, ThaiPdf, type PdfColumn } from './thai-pdf';

const A4: [number, number] = [210 * MM, 297 * MM];
const MARGIN = 15 * MM;

const METHOD_TH: Record<string, string> = { promptpay: 'พร้อมเพย์ (QR)', card: 'บัตรเดบิต/เครดิต' };
const RIGHT_TH: Record<string, string> = { UCS: 'บัตรทอง (UCS)', OFC: 'ข้าราชการ (OFC)', SSS: 'ประกันสังคม (SSS)', LGO: 'อปท. (LGO)', SP: 'ชำระเอง (SP)' };

/** 2026-11-30 → 30/11/2569 */
function thaiDay(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d ?? ''}/${m ?? ''}/${String(Number(y) + 543)}`;
}

/**
 * The cashier's daily closing report (รายงานปิดยอดประจำวัน) as an A4 PDF in Sarabun: totals by payment method and
 * by right, then every paid payment of the day.
 */
export async function dailyClosingPdf(report: DailyClosing, unitNameTh: string, printedAt: string, printedBy: string): Promise<Buffer> {
  const pdf = new ThaiPdf({ size: A4, margin: MARGIN, title: `รายงานปิดยอดประจำวัน ${report.hcode} ${report.date}`, author: unitNameTh });
  pdf.line(unitNameTh, { size: 14, bold: true, align: 'center' });
  pdf.line(`รายงานปิดยอดประจำวัน (ตู้ชำระเงินอัตโนมัติ) วันที่ ${thaiDay(report.date)}`, { size: 12, bold: true, align: 'center' });
  pdf.line(`Daily closing report, kiosk payments, ${report.date} (รหัสหน่วยบริการ ${report.hcode})`, { size: 9, align: 'center' });
  pdf.space(6);
  pdf.rule();
  const totals: PdfColumn[] = [
    { x: 0, width: 90 * MM },
    { x: 95 * MM, width: 30 * MM, align: 'right' },
    { x: 130 * MM, width: 50 * MM, align: 'right' },
  ];
  const bold = { bold: true, size: 10 } as const;
  pdf.row(['ตามวิธีชำระ / by method', 'รายการ', 'จำนวนเงิน (บาท)'], totals, bold);
  for (const [method, t] of Object.entries(report.byMethod)) pdf.row([METHOD_TH[method] ?? method, String(t.count), baht(t.amount)], totals, { size: 10 });
  pdf.space(4);
  pdf.row(['ตามสิทธิ / by right', 'รายการ', 'จำนวนเงิน (บาท)'], totals, bold);
  for (const [right, t] of Object.entries(report.byRight)) pdf.row([RIGHT_TH[right] ?? right, String(t.count), baht(t.amount)], totals, { size: 10 });
  pdf.rule();
  pdf.row(['รวมทั้งสิ้น / total', String(report.count), baht(report.total)], totals, { bold: true, size: 11 });
  pdf.rule();
  pdf.space(6);
  const lines: PdfColumn[] = [
    { x: 0, width: 8 * MM, align: 'right' },
    { x: 11 * MM, width: 45 * MM },
    { x: 58 * MM, width: 30 * MM },
    { x: 90 * MM, width: 30 * MM },
    { x: 122 * MM, width: 20 * MM },
    { x: 150 * MM, width: 30 * MM, align: 'right' },
  ];
  pdf.row(['#', 'เลขที่ใบเสร็จ', 'เวลาชำระ', 'วิธีชำระ', 'สิทธิ', 'จำนวนเงิน'], lines, { bold: true, size: 9 });
  report.payments.forEach((p, i) => {
    pdf.row([String(i + 1), p.receiptNo, p.paidAt === '' ? '-' : thaiDate(p.paidAt).slice(11), METHOD_TH[p.method] ?? p.method, p.right, baht(p.amount)], lines, { size: 9 });
  });
  if (report.payments.length === 0) pdf.line('ไม่มีรายการชำระเงินในวันนี้ (no payments)', { size: 9 });
  pdf.rule();
  pdf.space(24);
  pdf.line('ลงชื่อ ............................................ ผู้ปิดยอด        ลงชื่อ ............................................ ผู้ตรวจสอบ', { size: 9, align: 'center' });
  pdf.space(6);
  pdf.line(`พิมพ์เมื่อ ${thaiDate(printedAt)} โดย ${printedBy}`, { size: 8, align: 'right' });
  return pdf.end();
}
