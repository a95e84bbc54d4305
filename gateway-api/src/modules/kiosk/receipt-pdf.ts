import { readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Receipt } from './receipt';

/** 80 mm roll: 226.77 pt wide; 72 mm printable. */
const MM = 72 / 25.4;
const PAGE_WIDTH = 80 * MM;
const MARGIN = 4 * MM;

const THAI = /[\u0E00-\u0E7F]+/g;

/** Sarabun (SIL Open Font License) from @fontsource/sarabun: its Thai and Latin subsets, regular and bold. */
function fontFiles(): Record<'thai' | 'latin' | 'thaiBold' | 'latinBold', Buffer> {
  const dir = path.join(path.dirname(require.resolve('@fontsource/sarabun/package.json')), 'files');
  const read = (name: string): Buffer => readFileSync(path.join(dir, name));
  return {
    thai: read('sarabun-thai-400-normal.woff'),
    latin: read('sarabun-latin-400-normal.woff'),
    thaiBold: read('sarabun-thai-700-normal.woff'),
    latinBold: read('sarabun-latin-700-normal.woff'),
  };
}

let fonts: ReturnType<typeof fontFiles> | undefined;

/** Splits `text` into runs of Thai and of everything else (the font subsets are per script). */
export function scriptRuns(text: string): { thai: boolean; text: string }[] {
  const runs: { thai: boolean; text: string }[] = [];
  let at = 0;
  for (const match of text.matchAll(THAI)) {
    if (match.index > at) runs.push({ thai: false, text: text.slice(at, match.index) });
    runs.push({ thai: true, text: match[0] });
    at = match.index + match[0].length;
  }
  if (at < text.length) runs.push({ thai: false, text: text.slice(at) });
  return runs;
}

function baht(amount: number): string {
  return amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A date in Thai with the Buddhist-era year, Bangkok time: 30/11/2569 10:00. */
function thaiDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear() + 543} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} น.`;
}

/**
 * The short-form receipt as a PDF for an 80 mm receipt printer (pdfkit, Sarabun), with the minimum fields of
 * MOF regulation 2562: unit and address, tax ID, book and number, date, payer, what was paid for, amount in
 * figures and in Thai words, receiver; a voided receipt is marked as such.
 */
export async function receiptPdf(receipt: Receipt): Promise<Buffer> {
  const c = receipt.content;
  if (c === null) throw new RangeError(`receipt ${receipt.receiptNo} has no content yet`);
  fonts ??= fontFiles();
  const doc = new PDFDocument({ size: [PAGE_WIDTH, 118 * MM + c.items.length * 5 * MM], margin: MARGIN, info: { Title: `ใบเสร็จรับเงิน ${c.receiptNo}`, Author: c.unitNameTh } });
  doc.registerFont('thai', fonts.thai);
  doc.registerFont('latin', fonts.latin);
  doc.registerFont('thai-bold', fonts.thaiBold);
  doc.registerFont('latin-bold', fonts.latinBold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = PAGE_WIDTH - 2 * MARGIN;

  type Style = { size?: number; bold?: boolean; align?: 'left' | 'center' | 'right' };
  const fontOf = (thai: boolean, bold: boolean | undefined): string => `${thai ? 'thai' : 'latin'}${bold === true ? '-bold' : ''}`;
  // each run is drawn at an explicit position: pdfkit's own wrapping does not mix fonts on one aligned line
  const measure = (text: string, style: Style): number =>
    scriptRuns(text).reduce((sum, run) => sum + doc.font(fontOf(run.thai, style.bold)).fontSize(style.size ?? 9).widthOfString(run.text), 0);
  const drawAt = (text: string, x: number, y: number, style: Style): void => {
    let at = x;
    for (const run of scriptRuns(text)) {
      doc.font(fontOf(run.thai, style.bold)).fontSize(style.size ?? 9);
      doc.text(run.text, at, y, { lineBreak: false });
      at += doc.widthOfString(run.text);
    }
  };
  const wrap = (text: string, style: Style, room: number): string[] => {
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(' ')) {
      const next = current === '' ? word : `${current} ${word}`;
      if (current !== '' && measure(next, style) > room) {
        lines.push(current);
        current = word;
      } else current = next;
    }
    if (current !== '') lines.push(current);
    return lines;
  };
  const lineHeight = (style: Style): number => (style.size ?? 9) * 1.45;
  const line = (text: string, style: Style = {}): void => {
    for (const part of wrap(text, style, width)) {
      const w = measure(part, style);
      const x = style.align === 'center' ? MARGIN + (width - w) / 2 : style.align === 'right' ? MARGIN + width - w : MARGIN;
      drawAt(part, x, doc.y, style);
      doc.y += lineHeight(style);
    }
  };
  const pair = (label: string, value: string, bold = false): void => {
    const style: Style = { bold };
    const labelWidth = measure(label, style);
    const valueWidth = measure(value, style);
    drawAt(label, MARGIN, doc.y, style);
    if (labelWidth + valueWidth + 6 > width) doc.y += lineHeight(style);
    drawAt(value, MARGIN + width - valueWidth, doc.y, style);
    doc.y += lineHeight(style);
  };
  const rule = (): void => {
    doc.moveTo(MARGIN, doc.y + 2).lineTo(PAGE_WIDTH - MARGIN, doc.y + 2).lineWidth(0.5).stroke();
    doc.y += 5;
  };

  line(c.unitNameTh, { size: 11, bold: true, align: 'center' });
  line(c.unitAddressTh, { size: 8, align: 'center' });
  line(`เลขประจำตัวผู้เสียภาษี ${c.taxId}`, { size: 8, align: 'center' });
  doc.y += 4;
  line('ใบเสร็จรับเงิน (แบบย่อ)', { size: 12, bold: true, align: 'center' });
  rule();
  pair('เล่มที่', c.book);
  pair('เลขที่', c.receiptNo, true);
  pair('วันที่', thaiDate(c.issuedAt));
  pair('ได้รับเงินจาก', c.payerNameTh);
  pair('HN / VN', `${c.hn} / ${c.vn}`);
  pair('สิทธิ', c.authenCode === null ? c.right : `${c.right} (${c.authenCode})`);
  rule();
  for (const item of c.items) pair(item.nameTh, baht(item.amount));
  rule();
  pair('จำนวนเงินที่ชำระ', `${baht(c.amount)} บาท`, true);
  line(`(${c.amountTextTh})`, { bold: true, align: 'center' });
  line(`ชำระโดย ${c.method === 'promptpay' ? 'พร้อมเพย์ (QR)' : 'บัตรเดบิต/เครดิต'}`);
  doc.y += 18;
  line('ลงชื่อ ............................................ ผู้รับเงิน', { align: 'center' });
  line(`(${c.receivedBy})`, { size: 8, align: 'center' });
  if (receipt.status === 'voided') {
    doc.y += 6;
    line(`ยกเลิก (VOID): ${receipt.voidReason ?? ''}`, { size: 12, bold: true, align: 'center' });
  }
  if (receipt.hash !== null) {
    doc.y += 6;
    line(`SHA-256 ${receipt.hash.slice(0, 32)}`, { size: 6, align: 'center' });
    line(receipt.hash.slice(32), { size: 6, align: 'center' });
  }
  doc.end();
  return done;
}
