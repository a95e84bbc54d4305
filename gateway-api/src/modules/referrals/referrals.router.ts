import { Router } from 'express';
import { principalOf } from '../../http/require-auth';
import { validate } from '../../http/validate';
import { acceptReferralSchema, createReferralSchema, referralIdParam, rejectReferralSchema } from './referrals.schemas';
import type { ReferralsService } from './referrals.service';

/** /api/referrals: create, read, accept, reject, history. Authentication is applied by the app. */
export function referralsRouter(service: ReferralsService): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = validate(createReferralSchema, req.body);
    const result = await service.create(principalOf(req), body);
    res.status(201).location(`/api/referrals/${result.referral.id}`).json(result);
  });

  router.get('/:id', async (req, res) => {
    res.json({ referral: await service.get(principalOf(req), validate(referralIdParam, req.params.id)) });
  });

  router.post('/:id/accept', async (req, res) => {
    const body = validate(acceptReferralSchema, req.body ?? {});
    res.json(await service.accept(principalOf(req), validate(referralIdParam, req.params.id), body.note ?? ''));
  });

  router.post('/:id/reject', async (req, res) => {
    const body = validate(rejectReferralSchema, req.body);
    res.json(await service.reject(principalOf(req), validate(referralIdParam, req.params.id), body.reasonCode, body.reasonText));
  });

  router.get('/:id/history', async (req, res) => {
    res.json({ history: await service.history(principalOf(req), validate(referralIdParam, req.params.id)) });
  });

  return router;
}
