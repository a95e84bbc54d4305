import { z } from 'zod';

/**
 * The clinical summary sent with a referral. It never reaches the channel ledger: it goes to the
 * private data collection of the two hospitals, and only its SHA-256 is on the channel.
 */
export const clinicalSummarySchema = z
  .object({
    diagnoses: z
      .array(
        z
          .object({
            icd10: z.string().regex(/^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/, 'an ICD-10 code such as I63.9'),
            display: z.string().min(1).max(200),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    history: z.string().max(4000).optional(),
    vitalSigns: z
      .object({
        heartRate: z.number().min(0).max(300).optional(),
        systolic: z.number().min(0).max(300).optional(),
        diastolic: z.number().min(0).max(250).optional(),
        respiratoryRate: z.number().min(0).max(100).optional(),
        temperature: z.number().min(25).max(45).optional(),
        spo2: z.number().min(0).max(100).optional(),
      })
      .strict()
      .optional(),
    medications: z.array(z.object({ name: z.string().min(1).max(200), dose: z.string().max(200).optional() }).strict()).max(50).optional(),
    attachments: z
      .array(
        z
          .object({
            name: z.string().min(1).max(200),
            contentType: z.string().min(1).max(100),
            sha256: z.string().regex(/^[0-9a-f]{64}$/),
          })
          .strict(),
      )
      .max(20)
      .optional(),
  })
  .strict();
export type ClinicalSummary = z.infer<typeof clinicalSummarySchema>;
