import { z } from 'zod';
import { isCalendarDate } from './thai-time';

const calendarDate = z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD');
const slotId = z.string().regex(/^\d{5}\.[a-z0-9-]+\.\d{8}\.\d{4}$/, 'must be a slot id <hcode>.<service>.<YYYYMMDD>.<HHMM>');
/** Client-chosen ids (idempotent retries). */
const clientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or -');

export const citizenLoginSchema = z
  .object({ username: z.string().min(1).max(100).describe('demo username (citizen.somchai) or 13-digit national ID'), password: z.string().min(1).max(200) })
  .strict();

export const registerSchema = z
  .object({
    cid: z.string().describe('13-digit Thai national ID (check digit verified; stored only as the keyed pseudonym)'),
    birthDate: calendarDate,
    sex: z.enum(['F', 'M']),
    mobile: z.string().regex(/^0\d{9}$/, 'must be a 10-digit Thai mobile number'),
    displayName: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(200),
    homeHcode: z.string().regex(/^\d{5}$/).optional(),
  })
  .strict();

export const confirmRegistrationSchema = z.object({ registrationId: z.uuid(), code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }).strict();

export const riskGroupsSchema = z.object({ riskGroups: z.array(z.string().min(1).max(60)).max(10) }).strict();

export const benefitsQuerySchema = z.object({ date: calendarDate.optional() }).strict();

export const slotsQuerySchema = z
  .object({
    hcode: z.string().regex(/^\d{5}$/, 'must be a 5-digit hcode'),
    service: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

export const bookSchema = z.object({ slotId, requestId: clientId.optional() }).strict();
export const rescheduleSchema = z.object({ slotId }).strict();
export const waitingListSchema = z.object({ slotId }).strict();
export const bookingIdParam = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be a booking id');

const coordinate = (min: number, max: number) => z.coerce.number().min(min).max(max);
export const nearestQuerySchema = z
  .object({
    lat: coordinate(-90, 90).optional(),
    lng: coordinate(-180, 180).optional(),
    tambon: z.string().regex(/^\d{5}$/, 'must be a tambon code from GET /api/wallet/tambons').optional(),
    service: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
    limit: z.coerce.number().int().min(1).max(20).optional(),
  })
  .strict()
  .refine((q) => q.tambon !== undefined || (q.lat !== undefined && q.lng !== undefined), { message: 'give lat and lng, or tambon', path: ['lat'] })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: 'lat and lng go together', path: ['lng'] });

export const proofSchema = z
  .object({ proof: z.string().trim().min(6).max(2000).describe('the QR token or the short code <Health ID>-<6 digits>'), bookingId: bookingIdParam.optional() })
  .strict();

export const dayQuerySchema = z.object({ date: calendarDate.optional() }).strict();

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
export const publishSessionSchema = z
  .object({
    service: z.string().regex(/^[a-z0-9-]{1,40}$/),
    date: calendarDate,
    times: z.array(clock).min(1).max(48),
    capacity: z.number().int().min(1).max(500),
  })
  .strict();
export const sessionIdParam = z.string().regex(/^\d{5}\.[a-z0-9-]+\.\d{8}$/, 'must be a session id <hcode>.<service>.<YYYYMMDD>');
export const lineLinkSchema = z.object({ lineUserId: z.string().regex(/^U[0-9a-f]{32}$/, 'must be a LINE user id (U + 32 hex digits)').nullable() }).strict();
