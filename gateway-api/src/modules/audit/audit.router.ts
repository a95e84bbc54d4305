import { Router } from 'express';
import { ApiError } from '../../http/api-error';
import { principalOf } from '../../http/require-auth';
import { validate } from '../../http/validate';
import { auditRequestSchema } from './audit.schemas';
import type { LedgerAuditService } from './audit.service';

/** /api/audit: ledger verification, for auditors only. Mount behind requireAuth. */
export function auditRouter(service: LedgerAuditService): Router {
  const router = Router();

  // Verifies the chain, signatures, endorsements, supplied clinical documents and the query store; 200 with the report either way.
  router.post('/verify', async (req, res) => {
    const caller = principalOf(req);
    if (caller.role !== 'auditor') throw new ApiError('FORBIDDEN_ROLE', 'only auditors verify the ledger');
    const body = validate(auditRequestSchema, req.body ?? {});
    res.json(await service.verify(caller, body));
  });

  return router;
}
