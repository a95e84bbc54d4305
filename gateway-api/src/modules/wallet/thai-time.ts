/** Thailand is UTC+7 all year (no daylight saving). */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) in Thailand at instant `at`. */
export function thaiDate(at: Date): string {
  return new Date(at.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of `date` `time` (HH:MM) Thailand time. */
export function thaiInstant(date: string, time: string): Date {
  return new Date(Date.parse(`${date}T${time}:00.000Z`) - BANGKOK_OFFSET_MS);
}

/** Day of week (0 = Sunday) of a YYYY-MM-DD date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00.000Z`).getUTCDay();
}

/** `date` plus `days` days (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** True when `date` is a real calendar date in YYYY-MM-DD form. */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** Completed years and months of age on `onDate` for someone born on `birthDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): { years: number; months: number } {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  let months = (y - by) * 12 + (m - bm);
  if (d < bd) months -= 1;
  months = Math.max(0, months);
  return { years: Math.floor(months / 12), months };
}
