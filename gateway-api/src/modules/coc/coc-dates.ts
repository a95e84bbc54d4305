/** Calendar arithmetic on YYYY-MM-DD strings (UTC, no time zone drift). */
const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Today in Thailand (UTC+7) as YYYY-MM-DD. */
export function thaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The month or quarter containing `date`: first and last day, and its length in days. */
export function periodOf(kind: 'month' | 'quarter', date: string): { kind: 'month' | 'quarter'; from: string; to: string; days: number } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const firstMonth = kind === 'month' ? month : Math.floor((month - 1) / 3) * 3 + 1;
  const months = kind === 'month' ? 1 : 3;
  const from = `${String(year)}-${String(firstMonth).padStart(2, '0')}-01`;
  const end = new Date(Date.UTC(year, firstMonth - 1 + months, 0)).toISOString().slice(0, 10);
  return { kind, from, to: end, days: daysBetween(from, end) + 1 };
}
