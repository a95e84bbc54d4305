import { z } from 'zod';
import { ApiError } from '../../http/api-error';
import { REFERRAL_KINDS, REFERRAL_STATUSES } from '../codes/referral-code-tables';

/** Optional on the ledger; the chaincode may store `null` for an absent value. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const stepSchema = z.object({
  action: z.string(),
  status: z.string(),
  txId: z.string(),
  at: z.string(),
  mspId: z.string(),
  hcode: z.string(),
  role: z.string(),
  actor: z.string(),
  note: optional(z.string()),
});

/**
 * The public referral fields (docs/contracts.md) the FHIR export reads. Clinical content is not part of it:
 * only `clinicalSummaryHash` of the private summary.
 */
export const fhirReferralSchema = z.object({
  id: z.string().min(1),
  kind: optional(z.enum(REFERRAL_KINDS)),
  parentReferralId: optional(z.string()),
  status: z.enum(REFERRAL_STATUSES),
  fromHcode: z.string(),
  toHcode: z.string(),
  patientPseudonym: z.string().min(1),
  reasonCode: z.string(),
  priority: z.number().int().min(1).max(5),
  fastTrack: optional(z.string()),
  patientCategory: optional(z.string()),
  careDuringTransfer: optional(z.array(z.string())),
  expectedArrival: optional(z.string()),
  clinicalSummaryHash: optional(z.string()),
  rejection: optional(z.object({ reasonCode: z.string(), reasonText: z.string() })),
  cancellation: optional(z.object({ reasonText: z.string() })),
  result: optional(z.object({ resultCode: z.string(), note: optional(z.string()) })),
  createdAt: z.string(),
  updatedAt: z.string(),
  steps: z.array(stepSchema),
});

export type FhirReferral = z.infer<typeof fhirReferralSchema>;
export type FhirReferralStep = FhirReferral['steps'][number];

/** @throws ApiError INTERNAL when the ledger referral lacks what the export needs (e.g. an unknown status). */
export function parseFhirReferral(value: unknown): FhirReferral {
  const parsed = fhirReferralSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ApiError('INTERNAL', `referral cannot be exported as FHIR: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`, undefined, {
    cause: parsed.error,
  });
}
