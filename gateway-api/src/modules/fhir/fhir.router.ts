import { Router } from 'express';
import { principalOf } from '../../http/require-auth';
import { validate } from '../../http/validate';
import { referralIdParam } from '../referrals/referrals.schemas';
import type { ReferralsService } from '../referrals/referrals.service';
import { ReferralFhirBundle, type UnitLookup } from './referral-fhir-bundle';

/** The FHIR JSON media type (FHIR R4 §2.6.5). */
export const FHIR_JSON = 'application/fhir+json';

/**
 * GET /api/referrals/:id/fhir: the referral as a FHIR R4 Bundle. Same access as GET /api/referrals/:id
 * (the referral is read through ReferralsService.get as the caller). Authentication is applied by the app.
 */
export function fhirRouter(deps: Readonly<{ referrals: Pick<ReferralsService, 'get'>; units: UnitLookup; baseUrl?: string }>): Router {
  const router = Router();
  const bundles = new ReferralFhirBundle({ units: deps.units, baseUrl: deps.baseUrl });

  router.get('/:id/fhir', async (req, res) => {
    const id = validate(referralIdParam, req.params.id);
    const referral = await deps.referrals.get(principalOf(req), id);
    res.type(FHIR_JSON).json(bundles.build(referral));
  });

  return router;
}
