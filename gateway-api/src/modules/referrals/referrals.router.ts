import { Router, type Request } from 'express';
import type { LifecycleTransaction } from '../../fabric/referral-client';
import { principalOf } from '../../http/require-auth';
import { validate } from '../../http/validate';
import {
  acceptReferralSchema,
  backReferralSchema,
  cancelReferralSchema,
  completeReferralSchema,
  createReferralSchema,
  noteSchema,
  onwardReferralSchema,
  referralIdParam,
  rejectReferralSchema,
} from './referrals.schemas';
import type { ReferralsService } from './referrals.service';

const idOf = (req: Request): string => validate(referralIdParam, req.params.id);

/** Each lifecycle endpoint: its chaincode transaction and how the body becomes its arguments. */
const STEPS: Record<string, { transaction: LifecycleTransaction; args: (body: unknown) => string[] }> = {
  receive: { transaction: 'ReceiveReferral', args: (body) => (validate(noteSchema, body ?? {}), []) },
  accept: { transaction: 'AcceptReferral', args: (body) => [validate(acceptReferralSchema, body ?? {}).note ?? ''] },
  reject: {
    transaction: 'RejectReferral',
    args: (body) => {
      const b = validate(rejectReferralSchema, body);
      return [b.reasonCode, b.reasonText];
    },
  },
  cancel: { transaction: 'CancelReferral', args: (body) => [validate(cancelReferralSchema, body).reasonText] },
  arrive: { transaction: 'MarkArrived', args: (body) => (validate(noteSchema, body ?? {}), []) },
  complete: {
    transaction: 'CompleteReferral',
    args: (body) => {
      const b = validate(completeReferralSchema, body);
      return [b.resultCode, b.note ?? ''];
    },
  },
  'no-show': { transaction: 'MarkNoShow', args: (body) => [validate(noteSchema, body ?? {}).note ?? ''] },
};

/** /api/referrals: create, read, lifecycle steps, back/onward referral, history, clinical summary. */
export function referralsRouter(service: ReferralsService): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = validate(createReferralSchema, req.body);
    const result = await service.create(principalOf(req), body);
    res.status(201).location(`/api/referrals/${result.referral.id}`).json(result);
  });

  router.get('/:id', async (req, res) => {
    res.json({ referral: await service.get(principalOf(req), idOf(req)) });
  });

  for (const [path, step] of Object.entries(STEPS)) {
    router.post(`/:id/${path}`, async (req, res) => {
      const id = idOf(req);
      const args = step.args(req.body);
      res.json(await service.step(principalOf(req), id, step.transaction, args));
    });
  }

  router.post('/:id/back-referral', async (req, res) => {
    const id = idOf(req);
    const result = await service.createChild(principalOf(req), id, 'back-referral', validate(backReferralSchema, req.body));
    res.status(201).location(`/api/referrals/${result.referral.id}`).json(result);
  });

  router.post('/:id/onward', async (req, res) => {
    const id = idOf(req);
    const result = await service.createChild(principalOf(req), id, 'onward', validate(onwardReferralSchema, req.body));
    res.status(201).location(`/api/referrals/${result.referral.id}`).json(result);
  });

  router.get('/:id/history', async (req, res) => {
    res.json({ history: await service.history(principalOf(req), idOf(req)) });
  });

  router.get('/:id/clinical-summary', async (req, res) => {
    res.json(await service.clinicalSummary(principalOf(req), idOf(req)));
  });

  return router;
}
