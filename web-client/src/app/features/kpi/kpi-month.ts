import type { Lang } from '../../core/i18n/thai-date';

const TH = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-03` → `มี.ค. 69` (Thai, Buddhist era, 2-digit) or `Mar 2026` (English). */
export function monthLabel(month: string, lang: Lang, long = false): string {
  const i = Number(month.slice(5, 7)) - 1;
  const year = Number(month.slice(0, 4));
  if (lang === 'en') return `${EN[i] ?? '?'} ${String(year)}`;
  const be = year + 543;
  return `${TH[i] ?? '?'} ${long ? String(be) : String(be).slice(2)}`;
}

/** A figure for display: `18.18%`, `11`, `−33.4%`, or a dash. */
export function formatValue(value: number | null, unit: 'percent' | 'count' | 'percent-change'): string {
  if (value === null) return '—';
  const n = Math.round(value * 100) / 100;
  const text = n < 0 ? `−${String(Math.abs(n))}` : unit === 'percent-change' && n > 0 ? `+${String(n)}` : String(n);
  return unit === 'count' ? text : `${text}%`;
}

/** The target in words. */
export function targetLabel(kind: string, value: number, unit: 'percent' | 'count' | 'percent-change', lang: Lang): string {
  const v = unit === 'count' ? String(value) : `${value > 0 && kind.startsWith('change') ? '+' : ''}${String(value)}%`;
  if (lang === 'en') {
    if (kind === 'at-least') return `≥ ${v}`;
    if (kind === 'at-most') return `≤ ${v}`;
    return kind === 'change-at-most' ? `${v} vs baseline month (or lower)` : `${v} vs baseline month (or higher)`;
  }
  if (kind === 'at-least') return `ไม่น้อยกว่า ${v}`;
  if (kind === 'at-most') return `ไม่เกิน ${v}`;
  return kind === 'change-at-most' ? `${v} เทียบเดือนฐาน (หรือต่ำกว่า)` : `${v} เทียบเดือนฐาน (หรือสูงกว่า)`;
}
