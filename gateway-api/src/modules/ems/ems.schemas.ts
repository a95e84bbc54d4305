import { z } from 'zod';
import { UNIT_STATUSES } from './unit-status';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const caseIdParam = id;
export const unitIdParam = z.string().regex(/^[A-Z0-9-]{3,32}$/);

const landmark = z.string().trim().max(200).optional();
export const locationSchema = z.union([
  z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), landmark }).strict(),
  z.object({ tambon: z.string().trim().min(1).max(80), district: z.string().trim().min(1).max(80).optional(), landmark }).strict(),
]);

/** POST /api/ems/cases: a 1669 call. */
export const intakeSchema = z
  .object({
    caseId: id.optional().describe('client-chosen id: the same request twice gives one case'),
    callerNumber: z.string().regex(/^\+?\d{3,15}$/, 'a phone number of 3 to 15 digits'),
    location: locationSchema,
    complaintCode: z.string().min(1).max(40),
    answers: z.record(z.string(), z.unknown()).default({}),
    patient: z.object({ cid: z.string() }).strict().optional().describe('13-digit national ID when known; only its keyed pseudonym leaves the gateway'),
  })
  .strict();
export type IntakeRequest = z.infer<typeof intakeSchema>;

/** POST /api/ems/cases/:id/dispatch. */
export const dispatchSchema = z
  .object({
    unitId: unitIdParam,
    lowerLevelReason: z.string().trim().min(3).max(300).optional().describe('send a unit below the level the colour needs, on purpose (e.g. FR first)'),
  })
  .strict();

/** POST /api/ems/units/:unitId/status. */
export const unitStatusSchema = z
  .object({
    status: z.enum(UNIT_STATUSES),
    destinationHcode: z.string().regex(/^\d{5}$/).optional().describe('required when leaving the scene (transporting)'),
    reason: z.string().trim().max(300).optional(),
  })
  .strict();

const vitalValue = z.number().finite();
/** POST /api/ems/units/:unitId/telemetry: one device message (GPS and/or monitor). */
export const telemetrySchema = z
  .object({
    at: z.iso.datetime({ offset: true }),
    position: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), speedKmh: z.number().min(0).max(400).optional() }).strict().optional(),
    vitals: z.object({ hr: vitalValue, sbp: vitalValue, dbp: vitalValue, spo2: vitalValue, rr: vitalValue }).partial().strict().optional(),
  })
  .strict()
  .refine((m) => m.position !== undefined || m.vitals !== undefined, { message: 'a message needs a position or vitals' });
export type TelemetryMessage = z.infer<typeof telemetrySchema>;

/** POST /api/ems/cases/:id/first-aid-sms. */
export const firstAidSmsSchema = z.object({ cardId: z.string().min(1).max(40) }).strict();

/** POST /api/ems/cases/:id/messages: chat (stored) or WebRTC signalling (relayed only). */
export const messageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chat'), text: z.string().trim().min(1).max(2000) }).strict(),
  z.object({ kind: z.enum(['offer', 'answer', 'ice', 'hangup']), payload: z.unknown() }).strict(),
]);

/** POST /api/ems/cases/:id/disposition. */
export const dispositionSchema = z
  .object({
    erDisposition: z.enum(['admitted', 'icu', 'operating-room', 'discharged', 'transferred', 'died-in-er']).optional(),
    outcome: z.enum(['alive-24h', 'died-24h', 'discharged-alive', 'died-in-hospital']).optional(),
  })
  .strict()
  .refine((d) => d.erDisposition !== undefined || d.outcome !== undefined, { message: 'give erDisposition or outcome' });

/**
 * POST /api/ems/cases/:id/referral: an inter-facility transfer started from a handed-over EMS case by a clinician of
 * the receiving hospital. Priority and fast track default from the case (colour, complaint).
 */
export const emsReferralSchema = z
  .object({
    referralId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only, at most 64').optional(),
    patient: z.object({ cid: z.string() }).strict(),
    toHcode: z.string().regex(/^\d{5}$/, 'a 5-digit hcode'),
    reasonCode: z.enum(['1', '2', '3', '4', '5']).optional(),
    priority: z.number().int().min(1).max(5).optional(),
    fastTrack: z.enum(['01', '02', '03', '04', '05', '06', '07', '99']).optional(),
    careDuringTransfer: z.array(z.enum(['1', '2', '3', '4', '5', '6'])).max(6).optional(),
  })
  .strict();
export type EmsReferralRequest = z.infer<typeof emsReferralSchema>;

/** POST /api/ems/cases/:id/notes: a clinical note (private collection of the crew's organisation and the receiving hospital). */
export const clinicalNoteSchema = z
  .object({
    noteId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only, at most 64').optional(),
    text: z.string().trim().min(1).max(4000),
  })
  .strict();

/** GET /api/ems/indicators?from&to (ISO date-times; default: the last 30 days). */
export const indicatorsQuery = z
  .object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
  .strict();
