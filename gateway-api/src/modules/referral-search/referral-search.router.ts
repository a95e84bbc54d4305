import { Router } from 'express';
import { principalOf } from '../../http/require-auth';
import { validate } from '../../http/validate';
import { referralIdParam } from '../referrals/referrals.schemas';
import { listReferralsQuerySchema, referralStatsQuerySchema } from './referral-search.schemas';
import type { ReferralSearchService } from './referral-search.service';

/**
 * GET /api/referrals (list), /api/referrals/stats, /api/referrals/:id/time-in-state, read from the
 * query store. Mount before the ledger router so `stats` is not taken for a referral id;
 * authentication is applied by the app.
 */
export function referralSearchRouter(service: ReferralSearchService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await service.list(principalOf(req), validate(listReferralsQuerySchema, req.query)));
  });

  router.get('/stats', async (req, res) => {
    res.json(await service.stats(principalOf(req), validate(referralStatsQuerySchema, req.query)));
  });

  router.get('/:id/time-in-state', async (req, res) => {
    res.json(await service.timeInState(principalOf(req), validate(referralIdParam, req.params.id)));
  });

  return router;
}
