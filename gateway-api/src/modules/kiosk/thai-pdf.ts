import { readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/** PDF points per millimetre. */
export const MM = 72 / 25.4;

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

/** 1,234.50 */
export function baht(amount: number): string {
  return amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A date in Thai with the Buddhist-era year, Bangkok time: 30/11/2569 10:00 น. */
export function thaiDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear() + 543} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} น.`;
}

/** How a line is set. */
export interface PdfStyle {
  readonly size?: number;
  readonly bold?: boolean;
  readonly align?: 'left' | 'center' | 'right';
}

/** A column of {@link ThaiPdf.row}: left edge (from the left margin) and width, in points. */
export interface PdfColumn {
  readonly x: number;
  readonly width: number;
  readonly align?: 'left' | 'right';
}

/**
 * A pdfkit document that sets mixed Thai and Latin text in Sarabun, line by line. Every run is placed at an
 * explicit position: pdfkit's own wrapping does not mix fonts on one aligned line. A line that does not fit on
 * the page starts a new page.
 */
export class ThaiPdf {
  readonly doc: PDFKit.PDFDocument;
  readonly width: number;
  readonly #margin: number;
  readonly #pageHeight: number;
  readonly #done: Promise<Buffer>;

  public constructor(options: Readonly<{ size: [number, number]; margin: number; title: string; author: string }>) {
    fonts ??= fontFiles();
    this.doc = new PDFDocument({ size: options.size, margin: options.margin, info: { Title: options.title, Author: options.author } });
    this.doc.registerFont('thai', fonts.thai);
    this.doc.registerFont('latin', fonts.latin);
    this.doc.registerFont('thai-bold', fonts.thaiBold);
    this.doc.registerFont('latin-bold', fonts.latinBold);
    this.#margin = options.margin;
    this.#pageHeight = options.size[1];
    this.width = options.size[0] - 2 * options.margin;
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.#done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
  }

  public get margin(): number {
    return this.#margin;
  }

  public measure(text: string, style: PdfStyle = {}): number {
    return scriptRuns(text).reduce((sum, run) => sum + this.doc.font(fontOf(run.thai, style.bold)).fontSize(style.size ?? 9).widthOfString(run.text), 0);
  }

  public drawAt(text: string, x: number, y: number, style: PdfStyle = {}): void {
    let at = x;
    for (const run of scriptRuns(text)) {
      this.doc.font(fontOf(run.thai, style.bold)).fontSize(style.size ?? 9);
      this.doc.text(run.text, at, y, { lineBreak: false });
      at += this.doc.widthOfString(run.text);
    }
  }

  public lineHeight(style: PdfStyle = {}): number {
    return (style.size ?? 9) * 1.45;
  }

  /** A line of text, wrapped at spaces. */
  public line(text: string, style: PdfStyle = {}): void {
    for (const part of this.#wrap(text, style, this.width)) {
      this.#room(style);
      const w = this.measure(part, style);
      const x = style.align === 'center' ? this.#margin + (this.width - w) / 2 : style.align === 'right' ? this.#margin + this.width - w : this.#margin;
      this.drawAt(part, x, this.doc.y, style);
      this.doc.y += this.lineHeight(style);
    }
  }

  /** A label on the left and a value on the right (on the next line when both do not fit). */
  public pair(label: string, value: string, bold = false): void {
    const style: PdfStyle = { bold };
    this.#room(style);
    const labelWidth = this.measure(label, style);
    const valueWidth = this.measure(value, style);
    this.drawAt(label, this.#margin, this.doc.y, style);
    if (labelWidth + valueWidth + 6 > this.width) this.doc.y += this.lineHeight(style);
    this.drawAt(value, this.#margin + this.width - valueWidth, this.doc.y, style);
    this.doc.y += this.lineHeight(style);
  }

  /** One table row: each value in its column (cut with … when too wide). */
  public row(values: readonly string[], columns: readonly PdfColumn[], style: PdfStyle = {}): void {
    this.#room(style);
    values.forEach((value, i) => {
      const col = columns[i];
      if (col === undefined) return;
      let text = value;
      while (text.length > 1 && this.measure(text, style) > col.width) text = `${text.slice(0, -2)}…`;
      const x = this.#margin + col.x + (col.align === 'right' ? col.width - this.measure(text, style) : 0);
      this.drawAt(text, x, this.doc.y, style);
    });
    this.doc.y += this.lineHeight(style);
  }

  /** A thin horizontal rule. */
  public rule(): void {
    this.#room({});
    this.doc.moveTo(this.#margin, this.doc.y + 2).lineTo(this.#margin + this.width, this.doc.y + 2).lineWidth(0.5).stroke();
    this.doc.y += 5;
  }

  public space(points: number): void {
    this.doc.y += points;
  }

  /** Ends the document; resolves to its bytes. */
  public async end(): Promise<Buffer> {
    this.doc.end();
    return this.#done;
  }

  #room(style: PdfStyle): void {
    if (this.doc.y + this.lineHeight(style) > this.#pageHeight - this.#margin) {
      this.doc.addPage();
      this.doc.y = this.#margin;
    }
  }

  #wrap(text: string, style: PdfStyle, room: number): string[] {
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(' ')) {
      const next = current === '' ? word : `${current} ${word}`;
      if (current !== '' && this.measure(next, style) > room) {
        lines.push(current);
        current = word;
      } else current = next;
    }
    if (current !== '') lines.push(current);
    return lines;
  }
}

function fontOf(thai: boolean, bold: boolean | undefined): string {
  return `${thai ? 'thai' : 'latin'}${bold === true ? '-bold' : ''}`;
}
