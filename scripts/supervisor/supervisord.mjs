#!/usr/bin/env node
// The supervisor daemon: node scripts/supervisor/supervisord.mjs --runtime <dir> [--detach]
// Watches the processes registered through <runtime>/supervisor.sock (see docs/supervisor.md).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startControlServer, AlreadyRunningError } from './control-server.mjs';
import { DEFAULT_ROTATION } from './log-rotation.mjs';
import { resolveRuntime, runtimePaths } from './runtime-paths.mjs';
import { Supervisor } from './supervisor.mjs';

const USAGE = `usage: supervisord.mjs [--runtime DIR] [--detach] [--max-log-bytes N] [--log-keep N] [--rotate-check-ms N]`;

/** @param {string} line */
const log = (line) => console.log(`[supervisord ${new Date().toISOString()}] ${line}`);

/** @param {string | undefined} value @param {string} flag @param {number} fallback */
function positiveNumber(value, flag, fallback) {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag} must be a positive number (got ${value})`);
    return n;
}

async function main() {
    const { values } = parseArgs({
        options: {
            runtime: { type: 'string' },
            detach: { type: 'boolean', default: false },
            'max-log-bytes': { type: 'string' },
            'log-keep': { type: 'string' },
            'rotate-check-ms': { type: 'string' },
            help: { type: 'boolean', default: false },
        },
    });
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const paths = runtimePaths(resolveRuntime(values.runtime));
    const rotation = {
        maxBytes: positiveNumber(values['max-log-bytes'], 'max-log-bytes', DEFAULT_ROTATION.maxBytes),
        keep: positiveNumber(values['log-keep'], 'log-keep', DEFAULT_ROTATION.keep),
    };
    const rotateCheckMs = positiveNumber(values['rotate-check-ms'], 'rotate-check-ms', 5000);
    fs.mkdirSync(paths.logs, { recursive: true });
    fs.mkdirSync(paths.pids, { recursive: true });

    if (values.detach) {
        const args = process.argv.slice(2).filter((a) => a !== '--detach');
        const out = fs.openSync(paths.daemonLog, 'a');
        const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args], { detached: true, stdio: ['ignore', out, out] });
        fs.closeSync(out);
        child.unref();
        console.log(child.pid);
        return;
    }

    const supervisor = new Supervisor({ paths, rotation, rotateCheckMs, log });
    let shuttingDown = false;
    /** @type {import('node:net').Server | null} */
    let server = null;
    const exit = (/** @type {number} */ code) => {
        server?.close();
        fs.rmSync(paths.socket, { force: true });
        fs.rmSync(paths.daemonPid, { force: true });
        process.exitCode = code;
        setImmediate(() => process.exit(code));
    };

    /** @param {Record<string, unknown>} req */
    const handle = async (req) => {
        const name = typeof req.name === 'string' ? req.name : '';
        switch (req.cmd) {
            case 'ping':
                return { pid: process.pid, runtime: paths.runtime };
            case 'add':
                return supervisor.add(req.spec, { restart: req.restart === true, baseDir: typeof req.baseDir === 'string' ? req.baseDir : undefined });
            case 'start':
                return supervisor.start(name);
            case 'stop':
                return supervisor.stop(name);
            case 'restart':
                return supervisor.restart(name);
            case 'remove':
                return supervisor.remove(name);
            case 'status':
                return supervisor.status({ probe: req.probe !== false });
            case 'health':
                return supervisor.health(name);
            case 'shutdown': {
                if (shuttingDown) throw Object.assign(new Error('SHUTTING_DOWN: a shutdown is already under way'), { code: 'SHUTTING_DOWN' });
                shuttingDown = true;
                log('shutdown requested: stopping every process');
                const result = await supervisor.shutdownAll();
                log(`stopped ${result.stopped.length} processes; exiting`);
                setTimeout(() => exit(0), 50);
                return result;
            }
            default:
                throw Object.assign(new Error(`UNKNOWN_COMMAND: ${String(req.cmd)}`), { code: 'UNKNOWN_COMMAND' });
        }
    };

    try {
        server = await startControlServer(paths.socket, handle);
    } catch (err) {
        if (err instanceof AlreadyRunningError) {
            log(err.message);
            return;
        }
        throw err;
    }
    fs.writeFileSync(paths.daemonPid, `${process.pid}\n`);
    supervisor.boot();
    log(`listening on ${paths.socket} (pid ${process.pid})`);

    // TERM/INT/HUP end the daemon only: the processes keep running in their own sessions and the next daemon
    // (supervisorctl ensure) adopts them from the state file. `supervisorctl shutdown` is how to stop everything.
    for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGTERM', 'SIGINT', 'SIGHUP'])) {
        process.on(signal, () => {
            if (shuttingDown) return;
            log(`${signal}: leaving the processes running and exiting`);
            supervisor.close();
            exit(0);
        });
    }
    process.on('uncaughtException', (err) => {
        log(`uncaught: ${err.stack ?? err}`);
        supervisor.close();
        exit(1);
    });
}

main().catch((err) => {
    console.error(`supervisord: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
});
