"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_path_1 = __importDefault(require("node:path"));
const app_1 = require("./app");
const config_1 = require("./config/config");
const gateway_pool_1 = require("./fabric/gateway-pool");
const network_topology_1 = require("./fabric/network-topology");
const auth_token_1 = require("./modules/auth/auth-token");
const user_directory_1 = require("./modules/auth/user-directory");
const health_router_1 = require("./modules/health/health.router");
const referrals_service_1 = require("./modules/referrals/referrals.service");
const patient_pseudonym_1 = require("./patient/patient-pseudonym");
const unit_registry_1 = require("./units/unit-registry");
const log = (line) => {
    process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};
async function main() {
    const config = (0, config_1.loadConfig)();
    const topology = (0, network_topology_1.loadTopology)(config.rootDir);
    const units = unit_registry_1.UnitRegistry.fromFile(node_path_1.default.join(config.rootDir, 'fixtures', 'units.json'));
    const users = user_directory_1.UserDirectory.fromFile(node_path_1.default.join(config.rootDir, 'fixtures', 'users.json'));
    const pool = new gateway_pool_1.GatewayPool({ topology, runtimeDir: config.runtimeDir });
    const store = config.mongoUri ? new URL(config.mongoUri) : new URL(`mongodb://127.0.0.1:${topology.store.port}`);
    const app = (0, app_1.createApp)({
        users,
        tokens: new auth_token_1.AuthToken({ secret: config.jwtSecret, ttlSeconds: config.jwtTtlSeconds }),
        units,
        referrals: new referrals_service_1.ReferralsService({ pool, units, pseudonyms: new patient_pseudonym_1.PatientPseudonym(config.pseudonymKey) }),
        health: (0, health_router_1.healthRouter)({ topology, store: { host: store.hostname, port: Number(store.port || 27017) } }),
        log,
        webClientDir: process.env.WEB_CLIENT_DIR ?? node_path_1.default.join(config.rootDir, 'web-client', 'dist', 'web-client', 'browser'),
    });
    const server = app.listen(config.port, config.host, () => {
        log(`gateway listening on http://${config.host}:${config.port}/api (channel ${topology.channel}, ${topology.peerOrgs.length} organisations)`);
    });
    const shutdown = () => {
        log('shutting down');
        server.close();
        void pool.close().finally(() => {
            process.exitCode = 0;
        });
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
}
main().catch((err) => {
    log(`gateway failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
});
//# sourceMappingURL=main.js.map