import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Validated gateway configuration, read once at start-up. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly rootDir: string;
  readonly runtimeDir: string;
  readonly jwtSecret: string;
  readonly jwtTtlSeconds: number;
  readonly pseudonymKey: Buffer;
  readonly mongoUri: string | undefined;
}

/** Thrown when an environment variable has an unusable value; names the variable. */
export class ConfigError extends Error {
  public constructor(name: string, problem: string) {
    super(`configuration ${name}: ${problem}`);
    this.name = 'ConfigError';
  }
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(name, `expected a positive integer, got "${raw}"`);
  return value;
}

/** A secret from the environment, or one generated once and kept under the runtime folder. */
function secret(env: NodeJS.ProcessEnv, name: string, runtimeDir: string): string {
  const fromEnv = env[name];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < 32) throw new ConfigError(name, 'must be at least 32 characters');
    return fromEnv;
  }
  const dir = path.join(runtimeDir, 'secrets');
  const file = path.join(dir, `${name.toLowerCase()}.txt`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const value = randomBytes(32).toString('hex');
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}

/** Reads and validates the configuration; a bad variable fails fast, by name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const rootDir = path.resolve(env.PROJECT_ROOT ?? path.join(__dirname, '../../..'));
  const runtimeDir = path.resolve(env.RUNTIME_DIR ?? path.join(rootDir, '.runtime'));
  if (!existsSync(path.join(rootDir, 'fixtures', 'network.json'))) {
    throw new ConfigError('PROJECT_ROOT', `${rootDir} does not contain fixtures/network.json`);
  }
  return {
    port: int(env, 'PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    rootDir,
    runtimeDir,
    jwtSecret: secret(env, 'JWT_SECRET', runtimeDir),
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 15 * 60), // access tokens live 15 minutes; clients renew them (POST /api/auth/refresh)
    pseudonymKey: Buffer.from(secret(env, 'PSEUDONYM_KEY', runtimeDir), 'utf8'),
    mongoUri: env.MONGODB_URI === '' ? undefined : env.MONGODB_URI,
  };
}
