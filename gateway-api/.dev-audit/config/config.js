"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigError = void 0;
exports.loadConfig = loadConfig;
const node_fs_1 = require("node:fs");
const node_crypto_1 = require("node:crypto");
const node_path_1 = __importDefault(require("node:path"));
/** Thrown when an environment variable has an unusable value; names the variable. */
class ConfigError extends Error {
    constructor(name, problem) {
        super(`configuration ${name}: ${problem}`);
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
function int(env, name, fallback) {
    const raw = env[name];
    if (raw === undefined || raw === '')
        return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0)
        throw new ConfigError(name, `expected a positive integer, got "${raw}"`);
    return value;
}
/** A secret from the environment, or one generated once and kept under the runtime folder. */
function secret(env, name, runtimeDir) {
    const fromEnv = env[name];
    if (fromEnv !== undefined && fromEnv !== '') {
        if (fromEnv.length < 32)
            throw new ConfigError(name, 'must be at least 32 characters');
        return fromEnv;
    }
    const dir = node_path_1.default.join(runtimeDir, 'secrets');
    const file = node_path_1.default.join(dir, `${name.toLowerCase()}.txt`);
    if ((0, node_fs_1.existsSync)(file))
        return (0, node_fs_1.readFileSync)(file, 'utf8').trim();
    (0, node_fs_1.mkdirSync)(dir, { recursive: true });
    const value = (0, node_crypto_1.randomBytes)(32).toString('hex');
    (0, node_fs_1.writeFileSync)(file, value + '\n', { mode: 0o600 });
    return value;
}
/** Reads and validates the configuration; a bad variable fails fast, by name. */
function loadConfig(env = process.env) {
    const rootDir = node_path_1.default.resolve(env.PROJECT_ROOT ?? node_path_1.default.join(__dirname, '../../..'));
    const runtimeDir = node_path_1.default.resolve(env.RUNTIME_DIR ?? node_path_1.default.join(rootDir, '.runtime'));
    if (!(0, node_fs_1.existsSync)(node_path_1.default.join(rootDir, 'fixtures', 'network.json'))) {
        throw new ConfigError('PROJECT_ROOT', `${rootDir} does not contain fixtures/network.json`);
    }
    return {
        port: int(env, 'PORT', 3000),
        host: env.HOST ?? '127.0.0.1',
        rootDir,
        runtimeDir,
        jwtSecret: secret(env, 'JWT_SECRET', runtimeDir),
        jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 8 * 3600),
        pseudonymKey: Buffer.from(secret(env, 'PSEUDONYM_KEY', runtimeDir), 'utf8'),
        mongoUri: env.MONGODB_URI === '' ? undefined : env.MONGODB_URI,
    };
}
//# sourceMappingURL=config.js.map