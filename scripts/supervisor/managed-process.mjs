// One supervised process: spawns it in its own process group with output appended to its log, restarts it
// with backoff when it dies unexpectedly, stops it with TERM then KILL, and keeps its pid file current.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { nextCrashCount, restartDelay } from './backoff.mjs';
import { groupAlive, isSameProcess, signalGroup, startTimeOf } from './process-identity.mjs';

/** How often an adopted process (not our child, so no exit event) is checked. */
const ADOPTED_POLL_MS = 250;
/** How long to wait after KILL before giving up on a process. */
const KILL_WAIT_MS = 5000;

/**
 * @typedef {ReturnType<typeof import('./process-spec.mjs').parseSpec>} ProcessSpec
 * @typedef {'running'|'backoff'|'stopping'|'stopped'|'exited'} ProcessState
 */

/** A process under supervision. */
export class ManagedProcess {
    /** @type {ProcessSpec} */ #spec;
    /** @type {{logOf: (n: string) => string, pidOf: (n: string) => string}} */ #paths;
    /** @type {() => void} */ #onChange;
    /** @type {import('node:child_process').ChildProcess | null} */ #child = null;
    /** @type {NodeJS.Timeout | null} */ #restartTimer = null;
    /** @type {NodeJS.Timeout | null} */ #pollTimer = null;
    /** @type {'running'|'stopped'} */ #wanted = 'stopped';
    /** @type {Array<() => void>} */ #exitWaiters = [];
    #generation = 0;

    /** @type {ProcessState} */ state = 'stopped';
    /** @type {number | null} */ pid = null;
    /** @type {string | null} */ startTime = null;
    /** @type {number | null} */ startedAt = null;
    restarts = 0;
    crashes = 0;
    /** @type {number | null} */ lastDelayMs = null;
    /** @type {number | null} */ nextRestartAt = null;
    /** @type {{code: number | null, signal: string | null, error: string | null, at: string, uptimeMs: number} | null} */
    lastExit = null;

    /**
     * @param {Readonly<{spec: ProcessSpec, paths: {logOf: (n: string) => string, pidOf: (n: string) => string},
     *   onChange?: () => void}>} options
     */
    constructor(options) {
        this.#spec = options.spec;
        this.#paths = options.paths;
        this.#onChange = options.onChange ?? (() => {});
    }

    get spec() {
        return this.#spec;
    }

    get wanted() {
        return this.#wanted;
    }

    /** Starts the process unless it is already running or waiting to restart. */
    start() {
        this.#wanted = 'running';
        if (this.state === 'running' || this.state === 'backoff' || this.state === 'stopping') return;
        this.crashes = 0;
        this.#spawn();
    }

    /**
     * Takes over a process that an earlier daemon started (it is not our child: its exit is noticed by polling).
     * @param {{pid: number, startTime: string | null, startedAt?: number | null, restarts?: number}} running
     */
    adopt(running) {
        this.#wanted = 'running';
        this.pid = running.pid;
        this.startTime = running.startTime ?? startTimeOf(running.pid);
        this.startedAt = running.startedAt ?? Date.now();
        this.restarts = running.restarts ?? 0;
        this.state = 'running';
        this.#writePidFile();
        this.#note(`adopted running process (pid ${running.pid})`);
        const generation = ++this.#generation;
        this.#pollTimer = setInterval(() => {
            if (!isSameProcess(running.pid, this.startTime)) this.#exited(generation, null, null, 'exit status unknown (adopted process)');
        }, ADOPTED_POLL_MS);
        this.#onChange();
    }

    /**
     * Stops the process and does not restart it: TERM to its process group, KILL after spec.stopTimeoutMs.
     * @returns {Promise<void>} when the process is gone
     */
    async stop() {
        this.#wanted = 'stopped';
        if (this.#restartTimer) {
            clearTimeout(this.#restartTimer);
            this.#restartTimer = null;
            this.nextRestartAt = null;
        }
        const pid = this.pid;
        if (pid === null) {
            this.state = this.state === 'exited' ? 'exited' : 'stopped';
            this.#onChange();
            return;
        }
        this.state = 'stopping';
        this.#onChange();
        const gone = this.#waitForExit();
        this.#note(`stopping (TERM to process group ${pid})`);
        signalGroup(pid, 'SIGTERM');
        if (!(await within(gone, this.#spec.stopTimeoutMs))) {
            this.#note(`still running after ${this.#spec.stopTimeoutMs} ms: KILL`);
            signalGroup(pid, 'SIGKILL');
            await within(gone, KILL_WAIT_MS);
        }
        if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
    }

    /** Stops the process (if running) and starts it again; counts as a restart. */
    async restart() {
        await this.stop();
        this.#wanted = 'running';
        this.crashes = 0;
        this.restarts++;
        this.#spawn();
    }

    /** Forgets timers without touching the process (the daemon is going away; the process keeps running). */
    detach() {
        if (this.#restartTimer) clearTimeout(this.#restartTimer);
        if (this.#pollTimer) clearInterval(this.#pollTimer);
        this.#restartTimer = null;
        this.#pollTimer = null;
        this.#child?.unref();
    }

    /** Plain status for the control channel and the state file. */
    snapshot() {
        const now = Date.now();
        return {
            name: this.#spec.name,
            group: this.#spec.group,
            state: this.state,
            wanted: this.#wanted,
            pid: this.pid,
            startTime: this.startTime,
            startedAt: this.startedAt,
            uptimeMs: this.state === 'running' && this.startedAt ? now - this.startedAt : null,
            restarts: this.restarts,
            crashes: this.crashes,
            lastDelayMs: this.lastDelayMs,
            nextRestartInMs: this.nextRestartAt ? Math.max(0, this.nextRestartAt - now) : null,
            lastExit: this.lastExit,
            health: this.#spec.health,
            log: this.#paths.logOf(this.#spec.name),
        };
    }

    #spawn() {
        this.#restartTimer = null;
        this.nextRestartAt = null;
        const spec = this.#spec;
        const logFile = this.#paths.logOf(spec.name);
        const generation = ++this.#generation;
        let fd;
        /** @type {import('node:child_process').ChildProcess} */
        let child;
        try {
            fd = fs.openSync(logFile, 'a');
            fs.writeSync(fd, `[supervisor ${new Date().toISOString()}] starting ${spec.name}: ${[spec.command, ...spec.args].join(' ')}\n`);
            child = spawn(spec.command, spec.args, {
                cwd: spec.cwd,
                env: { ...process.env, ...spec.env },
                stdio: ['ignore', fd, fd],
                detached: true, // setsid: its own session and process group, so it outlives the daemon
            });
        } catch (err) {
            this.#exited(generation, null, null, err instanceof Error ? err.message : String(err));
            return;
        } finally {
            if (fd !== undefined) fs.closeSync(fd);
        }
        if (child.pid === undefined) {
            // could not start (e.g. ENOENT): the 'error' event follows; it counts as a crash
            child.once('error', (err) => this.#exited(generation, null, null, err.message));
            return;
        }
        child.on('error', () => {}); // we never signal through the ChildProcess, so later errors carry nothing
        this.#child = child;
        this.pid = child.pid;
        this.startTime = startTimeOf(child.pid);
        this.startedAt = Date.now();
        this.state = 'running';
        this.#writePidFile();
        child.once('exit', (code, signal) => this.#exited(generation, code, signal, null));
        this.#onChange();
    }

    /**
     * @param {number} generation spawn this exit belongs to (ignores a second event for the same spawn)
     * @param {number | null} code @param {string | null} signal @param {string | null} error
     */
    #exited(generation, code, signal, error) {
        if (generation !== this.#generation) return;
        this.#generation++;
        if (this.#pollTimer) clearInterval(this.#pollTimer);
        this.#pollTimer = null;
        const oldPid = this.pid;
        const uptimeMs = this.startedAt && oldPid ? Date.now() - this.startedAt : 0;
        this.#child = null;
        this.pid = null;
        this.startTime = null;
        this.lastExit = { code, signal, error, at: new Date().toISOString(), uptimeMs };
        this.#removePidFile();
        if (oldPid && groupAlive(oldPid)) signalGroup(oldPid, 'SIGKILL'); // leftovers of the group would hold its ports
        this.#note(`exited (${describeExit(this.lastExit)}) after ${uptimeMs} ms`);
        const waiters = this.#exitWaiters.splice(0);
        waiters.forEach((resolve) => resolve());
        const clean = isCleanExit(this.lastExit);
        if (this.#wanted !== 'running') {
            this.state = 'stopped';
        } else if (this.#spec.restart === 'never' || (this.#spec.restart === 'on-failure' && clean)) {
            this.state = 'exited';
            this.#wanted = 'stopped'; // a later daemon must not start it again on its own
        } else {
            this.crashes = nextCrashCount(this.crashes, uptimeMs, this.#spec.backoff);
            const delay = restartDelay(this.crashes, this.#spec.backoff);
            this.state = 'backoff';
            this.lastDelayMs = delay;
            this.nextRestartAt = Date.now() + delay;
            this.#note(`restarting in ${delay} ms (crash ${this.crashes} in a row)`);
            this.#restartTimer = setTimeout(() => {
                this.restarts++;
                this.#spawn();
            }, delay);
        }
        this.#onChange();
    }

    /** @returns {Promise<void>} */
    #waitForExit() {
        return new Promise((resolve) => this.#exitWaiters.push(resolve));
    }

    #writePidFile() {
        if (this.pid !== null) fs.writeFileSync(this.#paths.pidOf(this.#spec.name), `${this.pid}\n`);
    }

    #removePidFile() {
        fs.rmSync(this.#paths.pidOf(this.#spec.name), { force: true });
    }

    /** Appends a supervisor line to the process's own log, so its history reads in one place. */
    /** @param {string} message */
    #note(message) {
        try {
            fs.appendFileSync(this.#paths.logOf(this.#spec.name), `[supervisor ${new Date().toISOString()}] ${message}\n`);
        } catch {
            // the log folder vanished (npm stop -- --purge): nothing to record
        }
    }
}

/** Signals that, as under systemd's Restart=on-failure, mean "asked to stop" rather than "crashed". */
export const CLEAN_SIGNALS = Object.freeze(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGPIPE']);

/**
 * True for an exit that is not a crash: code 0, or death by TERM/INT/HUP/PIPE (someone asked it to stop, e.g. an
 * old-style stop script killing it by its pid file). SIGKILL, SIGSEGV, a non-zero code, a failed spawn or an
 * unknown status (adopted process) are crashes.
 * @param {{code: number | null, signal: string | null, error: string | null}} exit
 */
export function isCleanExit(exit) {
    if (exit.error) return false;
    if (exit.signal) return CLEAN_SIGNALS.includes(exit.signal);
    return exit.code === 0;
}

/**
 * Human text of an exit record.
 * @param {{code: number | null, signal: string | null, error: string | null} | null} exit
 */
export function describeExit(exit) {
    if (!exit) return '-';
    if (exit.error) return exit.error;
    if (exit.signal) return `signal ${exit.signal}`;
    return `code ${exit.code}`;
}

/**
 * @param {Promise<void>} promise @param {number} ms
 * @returns {Promise<boolean>} true when the promise settled first
 */
function within(promise, ms) {
    return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        promise.then(() => {
            clearTimeout(timer);
            resolve(true);
        });
    });
}
