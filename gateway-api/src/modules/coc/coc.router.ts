import { Router, type Request } from 'express';
import { ApiError } from '../../http/api-error';
import { principalOf } from '../../http/require-auth';
import { validate } from '../../http/validate';
import { closeCaseSchema, countersignSchema, dueQuerySchema, idParam, indicatorQuerySchema, openCaseSchema, recordVisitSchema, updateCaseSchema } from './coc.schemas';
import type { CocService } from './coc.service';

const caseIdOf = (req: Request): string => validate(idParam, req.params.id);
const visitIdOf = (req: Request): string => validate(idParam, req.params.visitId);

/** /api/coc: Smart Home Care continuity of care. Mount behind requireAuth. */
export function cocRouter(service: CocService): Router {
  const router = Router();

  // The visit-schedule rule table (all versions, with effective dates, source and verified flags).
  router.get('/schedule', (_req, res) => {
    res.json(service.schedule());
  });

  // Visits owed (overdue first) for the caller (scope=mine) or the caller's unit (scope=unit).
  router.get('/due', async (req, res) => {
    const query = validate(dueQuerySchema, req.query);
    res.json(await service.due(principalOf(req), query.scope, query.asOf));
  });

  // Indicators for a later dashboard: % visited per standard and % ADL improved, per health centre or district.
  router.get('/indicators', async (req, res) => {
    const query = validate(indicatorQuerySchema, req.query);
    res.json(await service.indicators(principalOf(req), query.at === undefined ? { period: query.period, by: query.by } : { period: query.period, at: query.at, by: query.by }));
  });

  // Visits waiting for the caller's countersignature.
  router.get('/visits/awaiting-countersign', async (req, res) => {
    res.json({ items: await service.awaitingCountersign(principalOf(req)) });
  });

  router.get('/cases', async (req, res) => {
    const status = req.query.status;
    if (status !== undefined && status !== 'open' && status !== 'closed') throw new ApiError('VALIDATION_FAILED', 'status: must be open or closed');
    res.json({ items: await service.listCases(principalOf(req), status) });
  });

  router.post('/cases', async (req, res) => {
    const result = await service.openCase(principalOf(req), validate(openCaseSchema, req.body));
    res.status(201).location(`/api/coc/cases/${result.case.id}`).json(result);
  });

  router.get('/cases/:id', async (req, res) => {
    res.json({ case: await service.getCase(principalOf(req), caseIdOf(req)) });
  });

  router.patch('/cases/:id', async (req, res) => {
    const id = caseIdOf(req);
    res.json(await service.updateCase(principalOf(req), id, validate(updateCaseSchema, req.body)));
  });

  router.post('/cases/:id/close', async (req, res) => {
    const id = caseIdOf(req);
    res.json(await service.closeCase(principalOf(req), id, validate(closeCaseSchema, req.body).reason));
  });

  router.get('/cases/:id/details', async (req, res) => {
    res.json(await service.caseDetails(principalOf(req), caseIdOf(req)));
  });

  router.post('/visits', async (req, res) => {
    const result = await service.recordVisit(principalOf(req), validate(recordVisitSchema, req.body));
    res.status(201).location(`/api/coc/cases/${result.visit.caseId}/visits/${result.visit.id}`).json(result);
  });

  router.get('/cases/:id/visits/:visitId', async (req, res) => {
    res.json({ visit: await service.getVisit(principalOf(req), caseIdOf(req), visitIdOf(req)) });
  });

  router.get('/cases/:id/visits/:visitId/details', async (req, res) => {
    res.json(await service.visitDetails(principalOf(req), caseIdOf(req), visitIdOf(req)));
  });

  router.post('/cases/:id/visits/:visitId/countersign', async (req, res) => {
    const caseId = caseIdOf(req);
    const visitId = visitIdOf(req);
    const body = validate(countersignSchema, req.body ?? {});
    res.json(await service.countersign(principalOf(req), caseId, visitId, body.note ?? ''));
  });

  return router;
}
