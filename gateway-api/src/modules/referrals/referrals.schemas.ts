import { z } from 'zod';
import { clinicalSummarySchema } from './clinical-summary.schema';

const hcode = z.string().regex(/^\d{5}$/, 'must be a 5-digit hcode');

/** POST /api/referrals: what a referring clinician sends. The patient's name is never accepted. */
export const createReferralSchema = z
  .object({
    referralId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only, at most 64')
      .optional()
      .describe('client-chosen ID for idempotent retries; generated when absent'),
    patient: z.object({ cid: z.string().describe('13-digit Thai national ID; turned into a keyed pseudonym, never stored') }).strict(),
    toHcode: hcode.describe('receiving unit'),
    reasonCode: z.enum(['1', '2', '3', '4', '5']).describe('Thai refer reason: 1 diagnosis+treatment … 5 patient request'),
    priority: z.number().int().min(1).max(5).describe('1 life threatening … 5 non-acute'),
    fastTrack: z.enum(['01', '02', '03', '04', '05', '06', '07', '99']).optional(),
    patientCategory: z.enum(['I', 'O', 'E']).optional(),
    careDuringTransfer: z.array(z.enum(['1', '2', '3', '4', '5', '6'])).max(6).optional(),
    expectedArrival: z.iso.datetime({ offset: true }).optional(),
    clinicalSummary: clinicalSummarySchema.optional().describe('private to the two hospitals; only its hash is on the channel'),
  })
  .strict();
export type CreateReferralRequest = z.infer<typeof createReferralSchema>;

export const acceptReferralSchema = z.object({ note: z.string().max(500).optional() }).strict();

export const rejectReferralSchema = z
  .object({
    reasonCode: z.string().regex(/^[1-9]$/, 'a Thai refer-result code 1-9'),
    reasonText: z.string().trim().min(1).max(500),
  })
  .strict();

export const referralIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a referral ID');

const referralIdField = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only, at most 64');

/** POST /api/referrals/:id/back-referral — from the receiving hospital back to a health centre near home. */
export const backReferralSchema = z
  .object({
    referralId: referralIdField.optional(),
    toHcode: hcode.describe('the health centre (รพ.สต.) that continues care'),
    priority: z.number().int().min(1).max(5).default(5),
    patientCategory: z.enum(['I', 'O', 'E']).optional(),
    expectedArrival: z.iso.datetime({ offset: true }).optional(),
    clinicalSummary: clinicalSummarySchema.optional(),
  })
  .strict();

/** POST /api/referrals/:id/onward — the receiving hospital refers the patient on to a third unit. */
export const onwardReferralSchema = z
  .object({
    referralId: referralIdField.optional(),
    toHcode: hcode,
    reasonCode: z.enum(['1', '2', '3', '5']),
    priority: z.number().int().min(1).max(5),
    fastTrack: z.enum(['01', '02', '03', '04', '05', '06', '07', '99']).optional(),
    patientCategory: z.enum(['I', 'O', 'E']).optional(),
    careDuringTransfer: z.array(z.enum(['1', '2', '3', '4', '5', '6'])).max(6).optional(),
    expectedArrival: z.iso.datetime({ offset: true }).optional(),
    clinicalSummary: clinicalSummarySchema.optional(),
  })
  .strict();

export const cancelReferralSchema = z.object({ reasonText: z.string().trim().min(1).max(500) }).strict();
export const noteSchema = z.object({ note: z.string().max(500).optional() }).strict();
export const completeReferralSchema = z
  .object({
    resultCode: z.enum(['1', '2', '3', '4', '5']).describe('file-50 refer result: 1 accepted/treated … 5 other'),
    note: z.string().max(500).optional(),
  })
  .strict();
