// Validates a process spec ({name, command, args, env, cwd, health, group, ...}) arriving as unknown JSON.
import path from 'node:path';
import { DEFAULT_BACKOFF } from './backoff.mjs';
import { DAEMON_NAME } from './runtime-paths.mjs';

/** A spec that cannot be run, with a stable code. */
export class SpecError extends Error {
    /** @param {string} message */
    constructor(message) {
        super(`INVALID_SPEC: ${message}`);
        this.name = 'SpecError';
        this.code = 'INVALID_SPEC';
    }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const RESTART = ['always', 'on-failure', 'never'];

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses a health check: an http(s) URL, or tcp host:port (written `tcp://host:port` or `host:port`).
 * @param {unknown} value
 * @returns {null | {kind: 'http', url: string} | {kind: 'tcp', host: string, port: number}}
 */
export function parseHealth(value) {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string') throw new SpecError('health must be a string (http URL or tcp host:port)');
    if (/^https?:\/\//.test(value)) {
        try {
            return { kind: 'http', url: new URL(value).toString() };
        } catch {
            throw new SpecError(`health URL ${value} is not a valid URL`);
        }
    }
    const m = /^(?:tcp:\/\/)?(\[[^\]]+\]|[^:/\s]+):(\d{1,5})$/.exec(value);
    const port = m ? Number(m[2]) : 0;
    if (!m || port < 1 || port > 65535) throw new SpecError(`health ${value} is neither an http URL nor tcp host:port`);
    return { kind: 'tcp', host: m[1].replace(/^\[|\]$/g, ''), port };
}

/** @param {unknown} v @param {string} field @param {number} min */
function optionalMs(v, field, min) {
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw new SpecError(`${field} must be a number >= ${min}`);
    return v;
}

/**
 * Narrows unknown JSON to a normalised spec; relative cwd is resolved against `baseDir`.
 * @param {unknown} raw
 * @param {string} [baseDir] directory for a relative cwd (default: the current directory)
 * @returns {{name: string, command: string, args: string[], env: Record<string,string>, cwd: string,
 *   health: string | null, group: string, restart: 'always'|'on-failure'|'never', stopTimeoutMs: number,
 *   backoff: {initialMs: number, maxMs: number, resetAfterMs: number}}}
 * @throws {SpecError}
 */
export function parseSpec(raw, baseDir = process.cwd()) {
    if (!isObject(raw)) throw new SpecError('a spec must be a JSON object');
    const { name, command, args = [], env = {}, cwd, health, group, restart = 'on-failure', stopTimeoutMs, backoff } = raw;
    if (typeof name !== 'string' || !NAME.test(name)) throw new SpecError(`name must match ${NAME} (got ${JSON.stringify(name)})`);
    if (name === DAEMON_NAME) throw new SpecError(`name ${DAEMON_NAME} is reserved for the daemon`);
    if (typeof command !== 'string' || command.trim() === '') throw new SpecError(`${name}: command must be a non-empty string`);
    if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) throw new SpecError(`${name}: args must be an array of strings`);
    if (!isObject(env) || !Object.values(env).every((v) => typeof v === 'string')) {
        throw new SpecError(`${name}: env must be an object of strings`);
    }
    if (cwd !== undefined && (typeof cwd !== 'string' || cwd === '')) throw new SpecError(`${name}: cwd must be a non-empty string`);
    if (group !== undefined && group !== '-' && (typeof group !== 'string' || !NAME.test(group))) throw new SpecError(`${name}: group must match ${NAME}`);
    if (typeof restart !== 'string' || !RESTART.includes(restart)) throw new SpecError(`${name}: restart must be one of ${RESTART.join(', ')}`);
    if (backoff !== undefined && !isObject(backoff)) throw new SpecError(`${name}: backoff must be an object`);
    parseHealth(health);
    const b = isObject(backoff) ? backoff : {};
    return {
        name,
        command,
        args: [...args],
        env: /** @type {Record<string,string>} */ (Object.fromEntries(Object.entries(env).sort(([a], [b]) => (a < b ? -1 : 1)))),
        cwd: path.resolve(baseDir, typeof cwd === 'string' ? cwd : '.'),
        health: typeof health === 'string' && health !== '' ? health : null,
        group: typeof group === 'string' ? group : '-',
        restart: /** @type {'always'|'on-failure'|'never'} */ (restart),
        stopTimeoutMs: optionalMs(stopTimeoutMs, `${name}: stopTimeoutMs`, 0) ?? 10_000,
        backoff: {
            initialMs: optionalMs(b.initialMs, `${name}: backoff.initialMs`, 1) ?? DEFAULT_BACKOFF.initialMs,
            maxMs: optionalMs(b.maxMs, `${name}: backoff.maxMs`, 1) ?? DEFAULT_BACKOFF.maxMs,
            resetAfterMs: optionalMs(b.resetAfterMs, `${name}: backoff.resetAfterMs`, 0) ?? DEFAULT_BACKOFF.resetAfterMs,
        },
    };
}

/**
 * True when two normalised specs would run the same process the same way.
 * @param {object} a @param {object} b
 */
export function sameSpec(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
