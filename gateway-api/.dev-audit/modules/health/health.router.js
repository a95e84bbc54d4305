"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.healthRouter = healthRouter;
const express_1 = require("express");
const health_probe_1 = require("./health-probe");
/** GET /api/health: 200 when every component is reachable, 503 otherwise; lists each component. */
function healthRouter(deps) {
    const router = (0, express_1.Router)();
    router.get('/', async (_req, res) => {
        const components = await (0, health_probe_1.probeSystem)(deps.topology, deps.store);
        const down = components.filter((c) => !c.reachable).length;
        res.status(down === 0 ? 200 : 503).json({ status: down === 0 ? 'ok' : 'degraded', unreachable: down, components });
    });
    return router;
}
//# sourceMappingURL=health.router.js.map