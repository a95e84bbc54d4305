import { z } from 'zod';

/** Kiosk / cashier point: 2 digits. */
export const pointSchema = z.string().regex(/^\d{2}$/, 'a kiosk point is 2 digits, e.g. 01');

export const pidSchema = z.string().regex(/^\d{13}$/, 'a national ID has 13 digits');

export const startSessionSchema = z
  .object({
    point: pointSchema,
    /** Which card is "inserted" (simulator only; a real agent reads the card in the reader). */
    simulatedCardPid: pidSchema.optional(),
    /** The wallet's Health ID QR token (scanned) or short code (typed), instead of the card. */
    healthIdProof: z.string().trim().min(10).max(2048).optional(),
  })
  .strict()
  .refine((b) => !(b.simulatedCardPid !== undefined && b.healthIdProof !== undefined), { message: 'identify by the card or by the Health ID, not both' });

export const sessionIdParam = z.string().regex(/^KS-[0-9a-f-]{36}$/, 'not a kiosk session id');

export const paySchema = z
  .object({
    method: z.enum(['promptpay', 'card']),
    /** Chosen by the kiosk once per payment attempt; repeating it resumes the same payment. */
    clientKey: z.string().regex(/^[A-Za-z0-9._:-]{8,80}$/, 'clientKey: 8-80 letters, digits or . _ : -'),
  })
  .strict();

export const assistSchema = z.object({ reason: z.string().trim().max(200).optional() }).strict();

export const receiptNoParam = z.string().regex(/^\d{4}-\d{5}-\d{2}-\d{6}$/, 'a receipt number looks like 2570-10697-01-000042');

export const voidSchema = z.object({ reason: z.string().trim().min(3).max(200) }).strict();

export const auditQuerySchema = z
  .object({
    hcode: z.string().regex(/^\d{5}$/),
    fiscalYear: z.coerce.number().int().min(2500).max(2700),
    point: pointSchema,
  })
  .strict();

export const bankCallbackSchema = z
  .object({
    billerId: z.string().regex(/^\d{15}$/),
    ref1: z.string().regex(/^[A-Z0-9]{1,20}$/),
    ref2: z.string().regex(/^[A-Z0-9]{1,20}$/),
    amount: z.string().regex(/^\d{1,7}\.\d{2}$/),
    bankTxId: z.string().regex(/^[A-Za-z0-9-]{4,64}$/),
    paidAt: z.iso.datetime(),
  })
  .strict();

export const simulatedPaySchema = z.object({ qrPayload: z.string().min(20).max(512) }).strict();

export const behaviourSchema = z.object({ behaviour: z.enum(['ok', 'expired', 'timeout', 'agent-error']) }).strict();

export const newVisitSchema = z.object({ hn: z.string().regex(/^[A-Z0-9]{1,20}$/) }).strict();

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date is YYYY-MM-DD (Common era)');

export const dailyReportQuerySchema = z.object({ date: dateSchema, format: z.enum(['json', 'csv', 'pdf']).default('json') }).strict();

export const dateQuerySchema = z.object({ date: dateSchema }).strict();

export const qrQuerySchema = z.object({ format: z.enum(['svg', 'png']).default('svg') }).strict();

/** The bank statement CSV (text/csv body, see reconciliation.ts). */
export const statementBodySchema = z.string().min(1, 'send the bank statement as a text/csv body').max(2_000_000);
