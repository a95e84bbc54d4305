import type { Lang } from '../i18n/thai-date';

/**
 * A short human duration for "time in state": "2 ชม. 5 นาที" / "2 h 5 min".
 * Negative or invalid spans show as "0 min". Days from 24 hours on.
 */
export function formatDuration(ms: number, lang: Lang): string {
  const minutes = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 60000) : 0;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const u = lang === 'th' ? { d: 'วัน', h: 'ชม.', m: 'นาที', lt: '< 1 นาที' } : { d: 'd', h: 'h', m: 'min', lt: '< 1 min' };
  if (minutes === 0) return u.lt;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} ${u.d}`);
  if (hours > 0) parts.push(`${hours} ${u.h}`);
  if (mins > 0 && days === 0) parts.push(`${mins} ${u.m}`);
  return parts.join(' ');
}

/** Milliseconds between an ISO timestamp and `now` (0 when the timestamp is not a date). */
export function elapsedSince(iso: string | undefined, now: number): number {
  if (iso === undefined) return 0;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : Math.max(0, now - t);
}
