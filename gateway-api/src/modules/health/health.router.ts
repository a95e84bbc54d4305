import { Router } from 'express';
import type { NetworkTopology } from '../../fabric/network-topology';
import { probeSystem } from './health-probe';

/** GET /api/health: 200 when every component is reachable, 503 otherwise; lists each component. */
export function healthRouter(
  deps: Readonly<{ topology: NetworkTopology; store: { host: string; port: number }; projector?: () => unknown }>,
): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const components = await probeSystem(deps.topology, deps.store);
    const down = components.filter((c) => !c.reachable).length;
    // the projector's own state (following, catching up, retrying after an error) and its last block
    const projector = deps.projector?.();
    res.status(down === 0 ? 200 : 503).json({ status: down === 0 ? 'ok' : 'degraded', unreachable: down, components, ...(projector === undefined ? {} : { projector }) });
  });
  return router;
}
