"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createApp = createApp;
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const express_1 = __importDefault(require("express"));
const error_handler_1 = require("./http/error-handler");
const openapi_1 = require("./http/openapi");
const require_auth_1 = require("./http/require-auth");
const auth_router_1 = require("./modules/auth/auth.router");
const referrals_router_1 = require("./modules/referrals/referrals.router");
/** Builds the Express application without listening. */
function createApp(deps) {
    const app = (0, express_1.default)();
    app.disable('x-powered-by');
    app.use(express_1.default.json({ limit: '256kb' }));
    const openapi = (0, openapi_1.openApiDocument)();
    app.get('/api/openapi.json', (_req, res) => {
        res.json(openapi);
    });
    app.use('/api/health', deps.health);
    app.use('/api/auth', (0, auth_router_1.authRouter)({ users: deps.users, tokens: deps.tokens }));
    app.get('/api/units', (_req, res) => {
        res.json({ units: deps.units.all() });
    });
    app.use('/api/referrals', (0, require_auth_1.requireAuth)(deps.tokens), (0, referrals_router_1.referralsRouter)(deps.referrals));
    app.use('/api', error_handler_1.notFoundHandler);
    if (deps.webClientDir !== undefined && (0, node_fs_1.existsSync)(node_path_1.default.join(deps.webClientDir, 'index.html'))) {
        const dir = deps.webClientDir;
        app.use(express_1.default.static(dir, { index: 'index.html', maxAge: '1h' }));
        // client-side routes: any other GET gets the app shell
        app.get(/^\/(?!api\/).*/, (_req, res) => {
            res.sendFile(node_path_1.default.join(dir, 'index.html'));
        });
    }
    app.use((0, error_handler_1.errorHandler)(deps.log));
    return app;
}
//# sourceMappingURL=app.js.map