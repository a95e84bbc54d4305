#!/usr/bin/env node
// Command line for the supervisor daemon (see docs/supervisor.md):
//   supervisorctl.mjs [--runtime DIR] ensure | start | stop | restart | remove | wait-healthy | status | shutdown
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ControlError, request } from './control-client.mjs';
import { describeExit } from './managed-process.mjs';
import { groupAlive, isSameProcess, signalGroup } from './process-identity.mjs';
import { DAEMON_NAME, resolveRuntime, runtimePaths } from './runtime-paths.mjs';
import { formatStatusTable } from './status-table.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const USAGE = `usage: supervisorctl.mjs [--runtime DIR] <command>
  ensure [daemon flags]            start the daemon unless it runs (flags: --max-log-bytes N --log-keep N --rotate-check-ms N)
  start <spec.json>                add and start the spec(s) in the file (one object or an array)
  start --name N [--group G] [--cwd D] [--health URL|host:port] [--env K=V]... [--pass-env 'PAT*,...']
        [--restart] [--restart-policy always|on-failure|never] [--stop-timeout-ms N] -- command [args...]
  start <name>                     start a known, stopped process
  stop <name>                      stop it (TERM, KILL after 10 s); it is not restarted
  restart <name>                   stop and start it again
  remove <name>                    stop it and forget its spec
  wait-healthy <name> <seconds>    wait until it runs and its health check passes (exit 1 on timeout)
  status [--json]                  name, group, state, pid, uptime, restarts, health, last exit
  shutdown                         stop everything in reverse start order, then the daemon`;

/** A usage error or failed command: message printed, exit status set. */
class CliError extends Error {
    /** @param {string} message @param {number} [status] */
    constructor(message, status = 1) {
        super(message);
        this.status = status;
    }
}

/** @param {string[]} argv @returns {{runtime: string | undefined, rest: string[]}} */
function takeRuntime(argv) {
    const rest = [];
    let runtime;
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === '--') {
            rest.push(...argv.slice(i));
            break;
        }
        if (a === '--runtime') runtime = argv[++i];
        else if (a.startsWith('--runtime=')) runtime = a.slice('--runtime='.length);
        else rest.push(a);
    }
    return { runtime, rest };
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {ReturnType<typeof runtimePaths>} paths @returns {Promise<number | null>} daemon pid or null */
async function ping(paths) {
    try {
        return (await request(paths.socket, { cmd: 'ping' }, 5000)).pid;
    } catch (err) {
        if (err instanceof ControlError && err.code === 'NOT_RUNNING') return null;
        throw err;
    }
}

/** @param {ReturnType<typeof runtimePaths>} paths @param {string[]} daemonFlags @param {boolean} quiet */
async function ensure(paths, daemonFlags, quiet = false) {
    const running = await ping(paths);
    if (running) {
        if (!quiet) console.log(`supervisor running (pid ${running})`);
        return;
    }
    fs.mkdirSync(paths.logs, { recursive: true });
    const out = fs.openSync(paths.daemonLog, 'a');
    const child = spawn(process.execPath, [path.join(HERE, 'supervisord.mjs'), '--runtime', paths.runtime, ...daemonFlags], {
        cwd: paths.runtime,
        detached: true,
        stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    child.unref();
    for (let i = 0; i < 100; i++) {
        await sleep(100);
        const pid = await ping(paths);
        if (pid) {
            if (!quiet) console.log(`supervisor started (pid ${pid}, socket ${paths.socket})`);
            return;
        }
    }
    throw new CliError(`the supervisor did not start within 10 s (see ${paths.daemonLog})`);
}

/** Glob with * over environment variable names. @param {string} patterns comma-separated */
function passEnv(patterns) {
    const res = patterns
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`));
    return Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && res.some((re) => re.test(k))));
}

/** @param {ReturnType<typeof runtimePaths>} paths @param {string[]} args */
async function start(paths, args) {
    const cut = args.indexOf('--');
    const before = cut < 0 ? args : args.slice(0, cut);
    const command = cut < 0 ? [] : args.slice(cut + 1);
    const { values, positionals } = parseArgs({
        args: before,
        allowPositionals: true,
        options: {
            name: { type: 'string' },
            group: { type: 'string' },
            cwd: { type: 'string' },
            health: { type: 'string' },
            env: { type: 'string', multiple: true },
            'pass-env': { type: 'string' },
            restart: { type: 'boolean', default: false },
            'restart-policy': { type: 'string' },
            'stop-timeout-ms': { type: 'string' },
        },
    });
    await ensure(paths, [], true);
    /** @type {Array<{spec: unknown, baseDir: string}>} */
    let specs;
    if (values.name !== undefined) {
        if (command.length === 0) throw new CliError('start --name needs the command after --', 2);
        const env = values['pass-env'] ? passEnv(values['pass-env']) : {};
        for (const kv of values.env ?? []) {
            const eq = kv.indexOf('=');
            if (eq <= 0) throw new CliError(`--env expects KEY=VALUE (got ${kv})`, 2);
            env[kv.slice(0, eq)] = kv.slice(eq + 1);
        }
        /** @type {Record<string, unknown>} */
        const spec = { name: values.name, command: command[0], args: command.slice(1), env, cwd: path.resolve(values.cwd ?? '.') };
        if (values.group) spec.group = values.group;
        if (values.health) spec.health = values.health;
        if (values['restart-policy']) spec.restart = values['restart-policy'];
        if (values['stop-timeout-ms']) spec.stopTimeoutMs = Number(values['stop-timeout-ms']);
        specs = [{ spec, baseDir: process.cwd() }];
    } else if (positionals.length === 1 && fs.existsSync(positionals[0]) && fs.statSync(positionals[0]).isFile()) {
        const file = path.resolve(positionals[0]);
        let parsed;
        try {
            parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch (err) {
            throw new CliError(`${file} is not valid JSON: ${err instanceof Error ? err.message : err}`, 2);
        }
        specs = (Array.isArray(parsed) ? parsed : [parsed]).map((spec) => ({ spec, baseDir: path.dirname(file) }));
    } else if (positionals.length === 1) {
        const r = await request(paths.socket, { cmd: 'start', name: positionals[0] });
        console.log(`${r.name}: ${r.state}${r.pid ? ` (pid ${r.pid})` : ''}`);
        return;
    } else {
        throw new CliError(USAGE, 2);
    }
    for (const { spec, baseDir } of specs) {
        const r = await request(paths.socket, { cmd: 'add', spec, baseDir, restart: values.restart });
        console.log(`${r.name}: ${r.action}${r.pid ? ` (pid ${r.pid})` : ''}`);
    }
}

/** Last `lines` lines of a file. @param {string} file @param {number} lines */
function tail(file, lines) {
    try {
        const fd = fs.openSync(file, 'r');
        const size = fs.fstatSync(fd).size;
        const length = Math.min(size, 8192);
        const buf = Buffer.alloc(length);
        fs.readSync(fd, buf, 0, length, size - length);
        fs.closeSync(fd);
        return buf.toString('utf8').split('\n').slice(-lines - 1).join('\n');
    } catch {
        return '';
    }
}

/** @param {ReturnType<typeof runtimePaths>} paths @param {string} name @param {string} secondsText */
async function waitHealthy(paths, name, secondsText) {
    const seconds = Number(secondsText);
    if (!name || !Number.isFinite(seconds) || seconds <= 0) throw new CliError('usage: wait-healthy <name> <seconds>', 2);
    const began = Date.now();
    const deadline = began + seconds * 1000;
    let last;
    for (;;) {
        last = await request(paths.socket, { cmd: 'health', name }, 10_000);
        if (last.healthy) {
            console.log(`${name} healthy after ${((Date.now() - began) / 1000).toFixed(1)} s (${last.detail})`);
            return;
        }
        if (last.state === 'stopped' || last.state === 'exited') break;
        if (Date.now() >= deadline) break;
        await sleep(Math.min(500, Math.max(0, deadline - Date.now())));
    }
    const log = paths.logOf(name);
    throw new CliError(
        `${name} is not healthy after ${seconds} s: ${last.state}, ${last.detail}; last exit: ${describeExit(last.lastExit)}\n` +
            `--- last lines of ${log} ---\n${tail(log, 20)}`,
    );
}

/** Processes recorded in pid files (for when the daemon is not running). @param {ReturnType<typeof runtimePaths>} paths */
function pidFiles(paths) {
    let files = [];
    try {
        files = fs.readdirSync(paths.pids).filter((f) => f.endsWith('.pid'));
    } catch {
        return [];
    }
    return files.map((f) => {
        const name = f.slice(0, -'.pid'.length);
        const pid = Number(fs.readFileSync(path.join(paths.pids, f), 'utf8').trim());
        return { name, pid, alive: isSameProcess(pid) };
    });
}

/** @param {ReturnType<typeof runtimePaths>} paths @param {string[]} args */
async function status(paths, args) {
    const json = args.includes('--json');
    const daemon = await ping(paths);
    if (!daemon) {
        const recorded = pidFiles(paths);
        if (json) console.log(JSON.stringify({ daemon: null, pidFiles: recorded }, null, 2));
        else {
            console.log(`supervisor is not running (runtime ${paths.runtime}); \`supervisorctl ensure\` restarts it and adopts`);
            console.log('the processes still running. Pid files:');
            for (const p of recorded) console.log(`  ${p.name.padEnd(24)} ${String(p.pid).padEnd(8)} ${p.alive ? 'alive' : 'gone'}`);
        }
        throw new CliError('', 3);
    }
    const rows = await request(paths.socket, { cmd: 'status' });
    if (json) console.log(JSON.stringify({ daemon: { pid: daemon }, processes: rows }, null, 2));
    else {
        console.log(formatStatusTable(rows));
        console.log(`(supervisor pid ${daemon}, logs in ${paths.logs})`);
    }
}

/** @param {ReturnType<typeof runtimePaths>} paths */
async function shutdown(paths) {
    const daemon = await ping(paths);
    if (daemon) {
        const r = await request(paths.socket, { cmd: 'shutdown' }, 15 * 60_000);
        for (let i = 0; i < 50 && isSameProcess(daemon); i++) await sleep(100);
        console.log(`stopped ${r.stopped.length} processes and the supervisor`);
        return;
    }
    // No daemon: stop what the pid files record, in reverse start order when the state file still knows it.
    let order = [];
    try {
        order = JSON.parse(fs.readFileSync(paths.state, 'utf8')).processes.map((/** @type {any} */ p) => p.spec.name).reverse();
    } catch {
        // no state: pid-file order
    }
    const recorded = pidFiles(paths).filter((p) => p.name !== DAEMON_NAME);
    recorded.sort((a, b) => (order.indexOf(a.name) + 1 || Infinity) - (order.indexOf(b.name) + 1 || Infinity));
    let stopped = 0;
    for (const p of recorded) {
        if (p.alive) {
            stopped++;
            signalGroup(p.pid, 'SIGTERM');
            for (let i = 0; i < 100 && isSameProcess(p.pid); i++) await sleep(100);
            if (groupAlive(p.pid)) signalGroup(p.pid, 'SIGKILL');
        }
        fs.rmSync(paths.pidOf(p.name), { force: true });
    }
    fs.rmSync(paths.state, { force: true });
    console.log(`supervisor was not running; stopped ${stopped} processes from their pid files`);
}

async function main() {
    const { runtime, rest } = takeRuntime(process.argv.slice(2));
    const [command, ...args] = rest;
    const paths = runtimePaths(resolveRuntime(runtime));
    switch (command) {
        case 'ensure':
            return ensure(paths, args);
        case 'start':
            return start(paths, args);
        case 'stop':
        case 'restart':
        case 'remove': {
            if (args.length !== 1) throw new CliError(`usage: ${command} <name>`, 2);
            const r = await request(paths.socket, { cmd: command, name: args[0] }, 60_000);
            console.log(`${r.name}: ${r.removed ? 'removed' : r.state}${r.pid ? ` (pid ${r.pid})` : ''}`);
            return;
        }
        case 'wait-healthy':
            return waitHealthy(paths, args[0], args[1]);
        case 'status':
            return status(paths, args);
        case 'shutdown':
            return shutdown(paths);
        case undefined:
        case 'help':
        case '--help':
            console.log(USAGE);
            return;
        default:
            throw new CliError(`unknown command ${command}\n${USAGE}`, 2);
    }
}

main().catch((err) => {
    if (err instanceof CliError) {
        if (err.message) console.error(err.message);
        process.exitCode = err.status;
    } else {
        console.error(`supervisorctl: ${err instanceof Error ? err.message : err}`);
        process.exitCode = err instanceof ControlError && err.code === 'NOT_RUNNING' ? 3 : 1;
    }
});
