import { z } from 'zod';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
const hcode = z.string().regex(/^\d{5}$/, 'a 5-digit hcode');

/** GET /api/kpi/indicators (and the CSV / PDF report): a window of months, one hospital or the province. */
export const dashboardQuery = z.object({ from: month.optional(), to: month.optional(), hospital: z.union([hcode, z.literal('province')]).optional() }).strict();
export const reportQuery = dashboardQuery.extend({ lang: z.enum(['th', 'en']).default('th') }).strict();

/** GET /api/kpi/indicators/:id/records */
export const recordsQuery = z
  .object({
    month,
    hospital: z.union([hcode, z.literal('province')]).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const indicatorIdParam = z.string().regex(/^[a-z][a-z-]{1,40}$/, 'an indicator id');

/** POST /api/kpi/surveys (citizen token): satisfaction 1–5 or happiness 0–10, about a unit, once per context. */
export const surveyBody = z
  .object({
    kind: z.enum(['satisfaction', 'happiness']),
    score: z.number().int(),
    hcode,
    /** What is rated: a booking id (after a visit) or `YYYY-MM` (the monthly wallet question). */
    context: z.string().regex(/^[A-Za-z0-9:_-]{1,80}$/),
  })
  .strict();

/** POST /api/kpi/opd/served */
export const servedBody = z.object({ bookingId: z.string().min(1).max(80) }).strict();
