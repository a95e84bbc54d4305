import { Router } from 'express';
import type { NetworkTopology } from '../../fabric/network-topology';
import type { DiscoveryStatus } from './discovery-monitor';
import { probeSystem } from './health-probe';

/**
 * GET /api/health: 200 when every component is reachable and every organisation's peer can see every other
 * organisation (discovery), 503 otherwise; lists each component, and names the organisations not seen.
 */
export function healthRouter(
  deps: Readonly<{ topology: NetworkTopology; store: { host: string; port: number }; projector?: () => unknown; discovery?: () => DiscoveryStatus }>,
): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const components = await probeSystem(deps.topology, deps.store);
    const down = components.filter((c) => !c.reachable).length;
    const discovery = deps.discovery?.();
    const unseen = discovery?.degraded.length ?? 0;
    const ok = down === 0 && unseen === 0;
    // the projector's own state (following, catching up, retrying after an error) and its last block
    const projector = deps.projector?.();
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      unreachable: down,
      ...(discovery === undefined ? {} : { discovery }),
      components,
      ...(projector === undefined ? {} : { projector }),
    });
  });
  return router;
}
