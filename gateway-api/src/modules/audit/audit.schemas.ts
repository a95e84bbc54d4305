import { z } from 'zod';

/** Body of POST /api/audit/verify; every field optional (an empty body audits the whole channel). */
export const auditRequestSchema = z
  .object({
    fromBlock: z.number().int().min(0).optional().describe('first block to verify (default 0)'),
    toBlock: z.number().int().min(0).optional().describe('last block to verify (default: the chain tip)'),
    documents: z
      .array(
        z
          .object({
            referralId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
            document: z.record(z.string(), z.unknown()).describe('the clinical document (JSON) whose hash must match clinicalSummaryHash'),
          })
          .strict(),
      )
      .max(100)
      .optional(),
  })
  .strict()
  .refine((body) => body.fromBlock === undefined || body.toBlock === undefined || body.fromBlock <= body.toBlock, {
    message: 'fromBlock must not be after toBlock',
    path: ['fromBlock'],
  });
export type AuditRequestBody = z.infer<typeof auditRequestSchema>;
