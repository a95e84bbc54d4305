import { Router } from 'express';
import { validate } from '../../http/validate';
import { icd10QuerySchema } from './codes.schemas';
import type { Icd10Catalogue } from './icd10-catalogue';
import { REFERRAL_CODE_TABLES } from './referral-code-tables';

/** Code tables change only with a deployment: let clients cache them for an hour. */
const CACHE = 'public, max-age=3600';

/** /api/codes: the Thai referral code tables and ICD-10 search for the web client's pickers. No authentication. */
export function codesRouter(deps: Readonly<{ icd10: Icd10Catalogue }>): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.set('Cache-Control', CACHE).json({ tables: REFERRAL_CODE_TABLES });
  });

  router.get('/icd10', (req, res) => {
    const query = validate(icd10QuerySchema, req.query);
    res.set('Cache-Control', CACHE).json(deps.icd10.search(query.q, query.limit));
  });

  return router;
}
