/**
 * Dates for people in Thailand: Thai text uses the Buddhist era (พ.ศ. = ค.ศ. + 543) through
 * Intl's `buddhist` calendar; English uses the Gregorian calendar. Times are shown in
 * Asia/Bangkok whatever the browser's zone, so a clinician and an auditor read the same clock.
 */

/** The interface languages. */
export type Lang = 'th' | 'en';

/** Offset between the Buddhist and the Common era. */
export const BUDDHIST_ERA_OFFSET = 543;

/** Buddhist-era year for a Common-era year (2026 → 2569). */
export function toBuddhistYear(ceYear: number): number {
  return ceYear + BUDDHIST_ERA_OFFSET;
}

/** How much of the date to show. */
export type DateStyle = 'date' | 'datetime' | 'time';

const TIME_ZONE = 'Asia/Bangkok';

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { day: 'numeric', month: 'short', year: 'numeric', timeZone: TIME_ZONE },
  datetime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE },
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: TIME_ZONE },
};

const LOCALES: Record<Lang, string> = { th: 'th-TH-u-ca-buddhist', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, style: DateStyle): Intl.DateTimeFormat {
  const key = `${lang}:${style}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(LOCALES[lang], OPTIONS[style]);
    formatters.set(key, f);
  }
  return f;
}

/**
 * Formats an ISO timestamp (or Date) for display; Thai in the Buddhist era.
 * Returns '' for a missing value and the input unchanged when it is not a date.
 * @example formatDate('2026-03-05T02:30:00Z', 'th', 'datetime') // "5 มี.ค. 2569 09:30"
 */
export function formatDate(value: string | Date | null | undefined, lang: Lang, style: DateStyle = 'datetime'): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const text = formatter(lang, style).format(date);
  if (lang === 'th' && style !== 'time') return ensureBuddhistYear(text, date);
  return text;
}

/**
 * Guards against an ICU without the Buddhist calendar (it would print the CE year):
 * replaces a CE year in the text with the BE year.
 */
function ensureBuddhistYear(text: string, date: Date): string {
  const ceYear = Number(new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: TIME_ZONE }).format(date));
  const beYear = toBuddhistYear(ceYear);
  if (text.includes(String(beYear))) return text;
  return text.replace(String(ceYear), String(beYear));
}
