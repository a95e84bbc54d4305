import { z } from 'zod';

/** Zod schemas of /api/pharmacy: one per request, giving validation and type. */

export const CHANNELS = ['hospital-pharmacy', 'drugstore', 'health-centre', 'post', 'volunteer'] as const;
export type Channel = (typeof CHANNELS)[number];

const unitCode = z.string().regex(/^\d{5}$/, 'must be a 5-digit hcode or partner drugstore code');
export const planIdParam = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, 'not a plan ID');
export const cycleParam = z.coerce.number().int('cycle must be a whole number').min(1).max(999);

/** One drug of a plan or a dispense; the item list stays private (transient map → implicit collection). */
export const itemSchema = z
  .object({
    tmtId: z.string().regex(/^\d{6,7}$/, 'a TMTID (6-7 digits)').describe('TMT GPU code from GET /api/pharmacy/drugs'),
    quantity: z.number().int('quantity must be a whole number').positive('quantity must be greater than zero').max(100_000),
    sig: z.string().max(200).optional().describe('directions (วิธีใช้)'),
  })
  .strict();

const itemsSchema = z
  .array(itemSchema)
  .min(1, 'at least one item')
  .max(20)
  .refine((items) => new Set(items.map((i) => i.tmtId)).size === items.length, 'a drug is listed twice');

/** POST /api/pharmacy/plans: a hospital clinician's continued-medicine plan. The patient's name is never accepted. */
export const createPlanSchema = z
  .object({
    planId: planIdParam.optional().describe('client-chosen ID for idempotent retries; generated when absent'),
    patient: z.object({ cid: z.string().describe('13-digit Thai national ID; turned into a keyed pseudonym, never stored') }).strict(),
    startDate: z.iso.date().describe('day of cycle 1 (YYYY-MM-DD)'),
    intervalDays: z.number().int().positive().describe('days between cycles (limits in the refill rule table)'),
    cycleCount: z.number().int().positive().describe('number of refills (limit in the refill rule table)'),
    channel: z.enum(CHANNELS).default('hospital-pharmacy').describe('channel of every cycle unless overridden'),
    unitHcode: unitCode.optional().describe('dispensing unit of the channel (รพ.สต. hcode, drugstore code, ...)'),
    overrides: z
      .array(z.object({ cycle: z.number().int().min(1), channel: z.enum(CHANNELS), unitHcode: unitCode.optional() }).strict())
      .max(12)
      .optional(),
    items: itemsSchema,
  })
  .strict();
export type CreatePlanRequest = z.infer<typeof createPlanSchema>;

/** POST /api/pharmacy/plans/:planId/cycles/:cycle/channel */
export const changeChannelSchema = z
  .object({
    channel: z.enum(CHANNELS),
    unitHcode: unitCode.optional(),
    onBehalfOfPatient: z.boolean().default(false).describe('true when the patient asked for the change'),
  })
  .strict();
export type ChangeChannelRequest = z.infer<typeof changeChannelSchema>;

/** POST /api/pharmacy/plans/:planId/cycles/:cycle/dispense */
export const dispenseSchema = z
  .object({
    channel: z.enum(CHANNELS).optional().describe('defaults to the planned channel when this unit can serve it'),
    items: itemsSchema.describe('what was handed over; its salted hash goes on the ledger'),
  })
  .strict();
export type DispenseRequest = z.infer<typeof dispenseSchema>;

export const CUSTODY_STEPS = ['packed', 'handed-to-post', 'picked-up', 'delivered', 'returned'] as const;

/** POST /api/pharmacy/plans/:planId/cycles/:cycle/custody: one step of a post or volunteer delivery. */
export const custodyStepSchema = z
  .object({
    step: z.enum(CUSTODY_STEPS),
    trackingNumber: z.string().regex(/^[A-Z0-9]{8,20}$/, 'a post tracking number (8-20 capital letters or digits)').optional(),
    confirmationCode: z.string().regex(/^[A-Za-z0-9]{16,64}$/, 'the one-time code given to the patient').optional().describe('required for delivered'),
  })
  .strict()
  .refine((b) => b.step !== 'handed-to-post' || b.trackingNumber !== undefined, { message: 'handed-to-post needs trackingNumber', path: ['trackingNumber'] })
  .refine((b) => b.step !== 'delivered' || b.confirmationCode !== undefined, { message: 'delivered needs the patient\'s confirmationCode', path: ['confirmationCode'] });
export type CustodyStepRequest = z.infer<typeof custodyStepSchema>;

/** The ledger's answers, narrowed at the boundary (extra fields pass through). */
const signerSchema = z.object({ name: z.string(), role: z.string(), mspId: z.string(), hcode: z.string() });
export const cycleSchema = z.looseObject({
  planId: z.string(),
  cycle: z.number(),
  dueDate: z.string(),
  channel: z.enum(CHANNELS),
  unitHcode: z.string(),
  status: z.enum(['scheduled', 'dispensed']),
  channelChanges: z.array(z.looseObject({ at: z.string(), by: signerSchema })),
  dispense: z
    .looseObject({ at: z.string(), txId: z.string(), dispenser: signerSchema, unitHcode: z.string(), unitMsp: z.string(), channel: z.enum(CHANNELS), itemsHash: z.string(), matchesPlan: z.boolean() })
    .optional(),
  custody: z
    .looseObject({
      status: z.string(),
      confirmBy: z.string(),
      trackingNumber: z.string().optional(),
      steps: z.array(z.looseObject({ step: z.string(), at: z.string(), by: signerSchema })),
    })
    .optional(),
  /** Added by the gateway: a delivery not confirmed (delivered/returned) by its confirmBy day. */
  overdue: z.boolean().optional(),
});
export type LedgerCycle = z.infer<typeof cycleSchema>;
export const planViewSchema = z.object({
  plan: z.looseObject({
    planId: z.string(),
    patientPseudonym: z.string(),
    prescriberHcode: z.string(),
    prescriberMsp: z.string(),
    startDate: z.string(),
    intervalDays: z.number(),
    cycleCount: z.number(),
    itemsHash: z.string(),
  }),
  cycles: z.array(cycleSchema),
});
export type PlanView = z.infer<typeof planViewSchema>;
export const planItemsSchema = z.object({ planId: z.string(), items: z.array(itemSchema), matchesLedger: z.boolean() });
export type PlanItems = z.infer<typeof planItemsSchema>;
