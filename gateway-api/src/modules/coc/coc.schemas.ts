import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only, at most 64');
const hcode = z.string().regex(/^\d{5}$/, 'must be a 5-digit hcode');
const username = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a staff username');
const text = z.string().max(500);
const isoDate = z.iso.date();

/** ADL groups (Barthel ADL, 0–20): ≥ 12 socially active, 5–11 homebound, 0–4 bedridden. */
export const ADL_GROUPS = ['socially-active', 'homebound', 'bedridden'] as const;
export type AdlGroup = (typeof ADL_GROUPS)[number];
/** The 3-doctor team roles. */
export const TEAM_ROLES = ['volunteer', 'officer', 'familyDoctor'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** The 10 Barthel items with their maximum scores (Thai 20-point form). */
export const BARTHEL_MAX = {
  feeding: 2,
  grooming: 1,
  transfer: 3,
  toiletUse: 2,
  mobility: 3,
  dressing: 2,
  stairs: 2,
  bathing: 1,
  bowels: 2,
  bladder: 2,
} as const;

/** The 10 items, each an integer in its own range. Range errors are answered by the chaincode as ADL_SCORE_OUT_OF_RANGE. */
export const barthelSchema = z
  .object(Object.fromEntries(Object.keys(BARTHEL_MAX).map((k) => [k, z.number().int()])) as Record<keyof typeof BARTHEL_MAX, z.ZodNumber>)
  .strict()
  .describe('Barthel ADL items: feeding 0-2, grooming 0-1, transfer 0-3, toiletUse 0-2, mobility 0-3, dressing 0-2, stairs 0-2, bathing 0-1, bowels 0-2, bladder 0-2');
export type BarthelItems = z.infer<typeof barthelSchema>;

const carePlanSchema = z
  .object({
    goals: z.array(text.min(1)).min(1).max(20),
    interventions: z.array(text.min(1)).max(20).optional(),
    note: text.optional(),
  })
  .strict();

/** Private case details: stay in the district organisation's private data (never on the channel). */
export const caseDetailsSchema = z
  .object({
    address: text.min(1).describe('home address (private)'),
    contactPhone: z.string().max(20).optional(),
    carePlan: carePlanSchema,
  })
  .strict();

/** The team by username: the อสม., the รพ.สต. officer, the family doctor. */
export const teamSchema = z.object({ volunteer: username, officer: username, familyDoctor: username }).strict();

/** POST /api/coc/cases — register a patient (or open/update from a back-referral). */
export const openCaseSchema = z
  .object({
    caseId: id.optional().describe('client-chosen ID for idempotent retries; generated when absent'),
    healthCentreHcode: hcode,
    patient: z.object({ cid: z.string() }).strict().optional(),
    referralId: id.optional().describe('a back-referral to this health centre; the patient comes from it'),
    adl: barthelSchema,
    team: teamSchema,
    caseDetails: caseDetailsSchema.optional().describe('required for a new case'),
  })
  .strict()
  .refine((v) => (v.patient === undefined) !== (v.referralId === undefined), { message: 'give either patient or referralId', path: ['patient'] });
export type OpenCaseRequest = z.infer<typeof openCaseSchema>;

/** PATCH /api/coc/cases/:id */
export const updateCaseSchema = z
  .object({ adl: barthelSchema.optional(), team: teamSchema.optional(), caseDetails: caseDetailsSchema.optional(), note: text.optional() })
  .strict()
  .refine((v) => v.adl !== undefined || v.team !== undefined || v.caseDetails !== undefined, { message: 'change adl, team or caseDetails' });
export type UpdateCaseRequest = z.infer<typeof updateCaseSchema>;

export const closeCaseSchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

const vitalsSchema = z
  .object({
    heartRate: z.number().min(20).max(250).optional(),
    systolic: z.number().min(50).max(300).optional(),
    diastolic: z.number().min(20).max(200).optional(),
    spo2: z.number().min(50).max(100).optional(),
    respiratoryRate: z.number().min(4).max(80).optional(),
    temperature: z.number().min(30).max(45).optional(),
  })
  .strict();

/** POST /api/coc/visits — a home visit, usually synced from the offline queue. */
export const recordVisitSchema = z
  .object({
    visitId: id.describe('client-chosen visit ID: a repeated sync is recognised, never recorded twice'),
    caseId: id,
    visitedOn: isoDate.describe('date of the visit (Thailand), YYYY-MM-DD'),
    details: z
      .object({
        attendees: z.array(text.min(1)).min(1).max(10).describe('who was there'),
        adl: barthelSchema.optional().describe('ADL re-score'),
        vitals: vitalsSchema.optional(),
        problems: text.optional(),
        careGiven: text.min(1),
        nextStep: text.optional(),
      })
      .strict()
      .describe('private to the district organisation (and the referring hospital); only the hash is on the channel'),
  })
  .strict();
export type RecordVisitRequest = z.infer<typeof recordVisitSchema>;

export const countersignSchema = z.object({ note: text.optional() }).strict();

export const idParam = id;

export const dueQuerySchema = z
  .object({ asOf: isoDate.optional(), scope: z.enum(['mine', 'unit']).default('mine') })
  .strict();

export const indicatorQuerySchema = z
  .object({
    period: z.enum(['month', 'quarter']).default('month'),
    at: isoDate.optional().describe('a date inside the period; today when absent'),
    by: z.enum(['health-centre', 'district']).default('health-centre'),
  })
  .strict();

const signerSchema = z.object({
  username: z.string(),
  role: z.string(),
  teamRole: z.enum(TEAM_ROLES).nullable(),
  hcode: z.string(),
  mspId: z.string(),
  txId: z.string(),
  at: z.string(),
});

/** A case as the chaincode answers it (public part). */
export const ledgerCaseSchema = z
  .object({
    docType: z.literal('coc-case'),
    id: z.string(),
    patientPseudonym: z.string(),
    healthCentreHcode: z.string(),
    districtHcode: z.string(),
    districtMsp: z.string(),
    sharedWithMsps: z.array(z.string()),
    status: z.enum(['open', 'closed']),
    adl: z.object({ score: z.number(), group: z.enum(ADL_GROUPS), items: z.record(z.string(), z.number()), assessedOn: z.string(), assessedBy: z.string() }),
    baselineAdl: z.object({ score: z.number(), group: z.enum(ADL_GROUPS) }),
    team: z.object({
      volunteer: z.object({ username: z.string(), hcode: z.string() }),
      officer: z.object({ username: z.string(), hcode: z.string() }),
      familyDoctor: z.object({ username: z.string(), hcode: z.string() }),
    }),
    detailsHash: z.string(),
    referralIds: z.array(z.string()),
    openedAt: z.string(),
    openedOn: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().optional(),
    closeReason: z.string().optional(),
    visitCount: z.number(),
    lastVisitOn: z.object({ volunteer: z.string().optional(), officer: z.string().optional(), familyDoctor: z.string().optional() }),
    steps: z.array(signerSchema.extend({ action: z.string(), note: z.string().optional() })),
  })
  .passthrough();
export type LedgerCase = z.infer<typeof ledgerCaseSchema>;

/** A visit as the chaincode answers it (public part). */
export const ledgerVisitSchema = z
  .object({
    docType: z.literal('coc-visit'),
    id: z.string(),
    caseId: z.string(),
    patientPseudonym: z.string(),
    healthCentreHcode: z.string(),
    districtHcode: z.string(),
    visitedOn: z.string(),
    adl: z.object({ score: z.number(), group: z.enum(ADL_GROUPS) }).nullable(),
    detailsHash: z.string(),
    status: z.enum(['recorded', 'countersigned']),
    author: signerSchema,
    countersign: signerSchema.extend({ note: z.string() }).optional(),
  })
  .passthrough();
export type LedgerVisit = z.infer<typeof ledgerVisitSchema>;

/** The `CocChanged` chaincode event payload. */
export const cocChangedSchema = z.object({ case: ledgerCaseSchema, visit: ledgerVisitSchema.optional() });

/** The answer of GetCaseDetails / GetVisitDetails. */
export const privateAnswerSchema = z.object({ details: z.unknown(), hash: z.string(), matchesLedger: z.boolean() });
