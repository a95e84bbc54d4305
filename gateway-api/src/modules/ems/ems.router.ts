import { Router, type RequestHandler } from 'express';
import { principalOf } from '../../http/require-auth';
import { validate } from '../../http/validate';
import {
  caseIdParam,
  dispatchSchema,
  dispositionSchema,
  emsReferralSchema,
  clinicalNoteSchema,
  firstAidSmsSchema,
  indicatorsQuery,
  intakeSchema,
  messageSchema,
  telemetrySchema,
  unitIdParam,
  unitStatusSchema,
} from './ems.schemas';
import type { EmsService } from './ems.service';

/** Seconds between SSE comments that keep proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

/**
 * EventSource cannot send headers: for GET /stream only, `?access_token=` becomes the bearer token. Mount before
 * requireAuth.
 */
export const streamTokenFromQuery: RequestHandler = (req, _res, next) => {
  const token = req.query.access_token;
  if (req.method === 'GET' && req.path === '/stream' && typeof token === 'string' && req.headers.authorization === undefined) {
    req.headers.authorization = `Bearer ${token}`;
  }
  next();
};

/** /api/ems: 1669 intake, dispatch, unit status, telemetry, live stream, teleconsultation, hand-over. */
export function emsRouter(service: EmsService): Router {
  const router = Router();
  const caseId = (raw: unknown): string => validate(caseIdParam, raw);
  const unitId = (raw: unknown): string => validate(unitIdParam, raw);

  router.get('/criteria', (req, res) => {
    principalOf(req);
    res.json(service.criteria());
  });

  router.get('/units', async (req, res) => {
    principalOf(req);
    res.json({ units: await service.listUnits() });
  });

  router.post('/cases', async (req, res) => {
    const result = await service.intake(principalOf(req), validate(intakeSchema, req.body));
    res.status(result.created ? 201 : 200).location(`/api/ems/cases/${result.case.caseId}`).json(result);
  });

  router.get('/cases', async (req, res) => {
    res.json({ cases: await service.openCases(principalOf(req)) });
  });

  router.get('/cases/:id', async (req, res) => {
    res.json(await service.getCase(principalOf(req), caseId(req.params.id)));
  });

  router.get('/cases/:id/recommendation', async (req, res) => {
    const caller = principalOf(req);
    await service.getCase(caller, caseId(req.params.id));
    res.json({ units: await service.recommend(caseId(req.params.id)) });
  });

  router.post('/cases/:id/dispatch', async (req, res) => {
    const id = caseId(req.params.id);
    res.json(await service.dispatch(principalOf(req), id, validate(dispatchSchema, req.body)));
  });

  router.post('/cases/:id/first-aid-sms', async (req, res) => {
    const id = caseId(req.params.id);
    res.status(202).json(await service.sendFirstAidSms(principalOf(req), id, validate(firstAidSmsSchema, req.body).cardId));
  });

  router.post('/cases/:id/messages', async (req, res) => {
    const id = caseId(req.params.id);
    res.status(201).json(await service.message(principalOf(req), id, validate(messageSchema, req.body)));
  });

  router.post('/cases/:id/handover', async (req, res) => {
    res.json({ case: await service.handOver(principalOf(req), caseId(req.params.id)) });
  });

  router.post('/cases/:id/handover/accept', async (req, res) => {
    res.json({ case: await service.acceptHandOver(principalOf(req), caseId(req.params.id)) });
  });

  router.post('/cases/:id/notes', async (req, res) => {
    const id = caseId(req.params.id);
    res.status(201).json(await service.addClinicalNote(principalOf(req), id, validate(clinicalNoteSchema, req.body)));
  });

  router.get('/cases/:id/notes', async (req, res) => {
    res.json(await service.clinicalNotes(principalOf(req), caseId(req.params.id)));
  });

  router.post('/cases/:id/referral', async (req, res) => {
    const id = caseId(req.params.id);
    res.status(201).json(await service.startReferral(principalOf(req), id, validate(emsReferralSchema, req.body)));
  });

  router.post('/cases/:id/disposition', async (req, res) => {
    const id = caseId(req.params.id);
    res.json({ case: await service.recordDisposition(principalOf(req), id, validate(dispositionSchema, req.body)) });
  });

  router.get('/cases/:id/observations', async (req, res) => {
    res.type('application/fhir+json').send(JSON.stringify(await service.observations(principalOf(req), caseId(req.params.id))));
  });

  router.get('/cases/:id/ledger', async (req, res) => {
    res.json({ case: await service.ledgerCase(principalOf(req), caseId(req.params.id)) });
  });

  router.post('/units/:unitId/status', async (req, res) => {
    const id = unitId(req.params.unitId);
    res.json(await service.changeUnitStatus(principalOf(req), id, validate(unitStatusSchema, req.body)));
  });

  router.post('/units/:unitId/telemetry', async (req, res) => {
    const id = unitId(req.params.unitId);
    res.status(202).json(await service.telemetry(principalOf(req), id, validate(telemetrySchema, req.body)));
  });

  router.get('/indicators', async (req, res) => {
    const q = validate(indicatorsQuery, req.query);
    const to = q.to ?? new Date().toISOString();
    const from = q.from ?? new Date(Date.parse(to) - 30 * 24 * 3600 * 1000).toISOString();
    res.json(await service.indicators(principalOf(req), from, to));
  });

  router.get('/stream', (req, res) => {
    const caller = principalOf(req);
    let unsubscribe: (() => void) | undefined;
    const send = (event: { type: string; data: unknown }): void => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    };
    unsubscribe = service.subscribe(caller, send);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ role: caller.role, hcode: caller.hcode })}\n\n`);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    req.on('close', () => {
      clearInterval(keepalive);
      unsubscribe?.();
      unsubscribe = undefined;
    });
  });

  return router;
}
