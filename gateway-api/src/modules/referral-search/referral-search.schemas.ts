import { z } from 'zod';
import { REFERRAL_STATUSES } from '../../store/read-model';

/** Date-only query values are days in Chachoengsao (Asia/Bangkok, UTC+7, no daylight saving). */
const PROVINCE_UTC_OFFSET = '+07:00';
const DAY_MS = 86_400_000;

const hcode = z.string().regex(/^\d{5}$/, 'must be a 5-digit hcode');
const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

/** An ISO date (a whole day in the province) or an ISO date-time with offset. */
const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be an ISO date (2026-11-25) or date-time with offset' });

function startOf(value: string): string {
  return new Date(value.length === 10 ? `${value}T00:00:00${PROVINCE_UTC_OFFSET}` : value).toISOString();
}

/** Exclusive end: the day after a date-only value (so `to` includes that day), else the instant itself. */
function endOf(value: string): string {
  const start = Date.parse(startOf(value));
  return new Date(value.length === 10 ? start + DAY_MS : start).toISOString();
}

const createdRange = {
  from: dateOrDateTime.optional().describe('created on or after (date = that day in Asia/Bangkok)'),
  to: dateOrDateTime.optional().describe('created before this instant, or on or before this day'),
};

function rangeOf(from: string | undefined, to: string | undefined): { createdFrom?: string; createdBefore?: string } {
  return { ...(from === undefined ? {} : { createdFrom: startOf(from) }), ...(to === undefined ? {} : { createdBefore: endOf(to) }) };
}

const rangeIsOrdered = (q: { from?: string | undefined; to?: string | undefined }): boolean =>
  q.from === undefined || q.to === undefined || startOf(q.from) < endOf(q.to);

const direction = z.enum(['incoming', 'outgoing', 'all']).default('all').describe('incoming = to the unit, outgoing = from it');

/** GET /api/referrals query string. */
export const listReferralsQuerySchema = z
  .object({
    direction,
    status: z
      .string()
      .transform((s) => s.split(',').map((x) => x.trim()))
      .pipe(z.array(z.enum(REFERRAL_STATUSES)).min(1))
      .optional()
      .describe(`comma-separated statuses: ${REFERRAL_STATUSES.join(', ')}`),
    priority: z.enum(['1', '2', '3', '4', '5']).transform(Number).optional().describe('1 life threatening … 5 non-acute'),
    fastTrack: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    unit: hcode.optional().describe('auditors only; others may only give their own hcode'),
    ...createdRange,
    q: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a referral ID prefix: letters, digits, - and _')
      .optional()
      .describe('referral ID prefix'),
    page: positiveInt(100_000).default(1),
    pageSize: positiveInt(100).default(20).describe('1..100, default 20'),
  })
  .strict()
  .refine(rangeIsOrdered, { message: 'from must be before to', path: ['from'] })
  .transform(({ from, to, status, ...rest }) => ({ ...rest, statuses: status, ...rangeOf(from, to) }));
export type ListReferralsQuery = z.output<typeof listReferralsQuerySchema>;

/** GET /api/referrals/stats query string. */
export const referralStatsQuerySchema = z
  .object({ unit: hcode.optional().describe('auditors: any unit, or every unit when absent'), direction, ...createdRange })
  .strict()
  .refine(rangeIsOrdered, { message: 'from must be before to', path: ['from'] })
  .transform(({ from, to, ...rest }) => ({ ...rest, ...rangeOf(from, to) }));
export type ReferralStatsQuery = z.output<typeof referralStatsQuerySchema>;
