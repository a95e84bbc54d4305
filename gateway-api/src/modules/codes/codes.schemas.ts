import { z } from 'zod';

/** GET /api/codes/icd10 query: `q` is a code prefix (`I63`, `I63.9`) or English/Thai words; `limit` 1..100 (default 20). */
export const icd10QuerySchema = z.object({
  q: z.string().max(100, 'at most 100 characters').optional().default('').describe('code prefix (I63, I63.9) or English/Thai words'),
  limit: z.coerce.number().int().min(1).max(100).optional().default(20).describe('at most this many results (1-100, default 20)'),
});
export type Icd10Query = z.infer<typeof icd10QuerySchema>;
