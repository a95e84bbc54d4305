import { ThaiPdf, thaiDate } from '../kiosk/thai-pdf';
import type { Dashboard } from './kpi-service';

const TH_MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];

/** `2026-03` → `มี.ค. 2569` (Buddhist era). */
export function thaiMonth(month: string): string {
  return `${TH_MONTHS[Number(month.slice(5, 7)) - 1] ?? '?'} ${String(Number(month.slice(0, 4)) + 543)}`;
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The dashboard as CSV (UTF-8 with BOM, for Excel): one row per indicator and month. */
export function dashboardCsv(d: Dashboard): string {
  const header = ['indicator_id', 'indicator_th', 'indicator_en', 'scope', 'month', 'month_be', 'numerator', 'denominator', 'value', 'unit', 'target', 'meets_target', 'status', 'seed_reported', 'verified'];
  const lines = [header.join(',')];
  for (const s of d.series) {
    const rows = s.points.length === 0 ? d.months.map((m) => ({ month: m, numerator: null, denominator: null, value: null, target: null, meetsTarget: null })) : s.points;
    for (const p of rows) {
      lines.push(
        [s.indicatorId, s.definition.nameTh, s.definition.nameEn, s.scope, p.month, thaiMonth(p.month), fmt(p.numerator), fmt(p.denominator), fmt(p.value), s.definition.unit, fmt(p.target), p.meetsTarget === null ? '' : String(p.meetsTarget), s.status, fmt(s.definition.reported), String(s.definition.verified)]
          .map((v) => csvCell(v))
          .join(','),
      );
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const UNIT_TH: Record<string, string> = { percent: '%', count: '', 'percent-change': '% (เทียบเดือนฐาน)' };

/** The dashboard as an A4 PDF report in Sarabun (Thai first, English second). */
export async function dashboardPdf(d: Dashboard): Promise<Buffer> {
  const pdf = new ThaiPdf({ size: [595.28, 841.89], margin: 40, title: 'รายงานตัวชี้วัด Smart Digital Healthcare จังหวัดฉะเชิงเทรา', author: 'Chachoengsao referral network' });
  pdf.line('รายงานตัวชี้วัดโครงการ Smart Digital Healthcare จังหวัดฉะเชิงเทรา', { size: 15, bold: true, align: 'center' });
  pdf.line('Smart Digital Healthcare KPI report, Chachoengsao', { size: 10, align: 'center' });
  pdf.line(`${d.scope.nameTh} · ${d.scope.nameEn}`, { size: 11, align: 'center' });
  pdf.line(`ช่วงเวลา ${thaiMonth(d.months[0] ?? '')} – ${thaiMonth(d.months.at(-1) ?? '')} · ออกรายงาน ${thaiDate(d.computedAt)} · นิยามตัวชี้วัดฉบับ ${d.definitionsVersion}`, { size: 9, align: 'center' });
  pdf.rule();
  const cols = [
    { x: 0, width: 70 },
    { x: 75, width: 80, align: 'right' as const },
    { x: 160, width: 80, align: 'right' as const },
    { x: 245, width: 80, align: 'right' as const },
    { x: 330, width: 80, align: 'right' as const },
    { x: 415, width: 80 },
  ];
  for (const s of d.series) {
    pdf.space(4);
    pdf.line(`${String(s.definition.order)}. ${s.definition.nameTh}`, { size: 11, bold: true });
    pdf.line(`${s.definition.nameEn} · เป้าหมาย (target) ${s.definition.target.kind} ${String(s.definition.target.value)}${UNIT_TH[s.definition.unit] ?? ''} · ผลที่รายงานในเอกสารต้นทาง (seed) ${s.definition.reported === null ? '—' : String(s.definition.reported)}${s.scope !== (d.scope.hcode ?? 'province') ? ' · ตัวชี้วัดระดับจังหวัด (province-wide)' : ''}`, { size: 8 });
    if (s.status === 'no-data-source') {
      pdf.line('ยังไม่มีแหล่งข้อมูล (no data source yet)', { size: 9 });
      continue;
    }
    pdf.row(['เดือน', 'ตัวตั้ง', 'ตัวหาร', 'ค่า', 'เป้าหมาย', 'ผ่านเป้า'], cols, { size: 8, bold: true });
    for (const p of s.points) {
      pdf.row([thaiMonth(p.month), fmt(p.numerator), fmt(p.denominator), p.value === null ? 'ไม่มีข้อมูล' : String(p.value), fmt(p.target), p.meetsTarget === null ? '' : p.meetsTarget ? 'ผ่าน' : 'ไม่ผ่าน'], cols, { size: 8 });
    }
  }
  pdf.rule();
  pdf.line('ตัวเลขคำนวณจากข้อมูลของระบบ (query store และ projection ของบัญชีแยกประเภท) ระเบียนที่อยู่เบื้องหลังแต่ละค่าเปิดดูได้จากหน้าแดชบอร์ด (drill-down) นิยามตัวชี้วัด: fixtures/kpi/indicators.json (ยังไม่ได้รับการรับรอง / verified: false)', { size: 8 });
  return pdf.end();
}
