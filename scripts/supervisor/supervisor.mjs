// The set of supervised processes of one runtime directory: add/start/stop/restart by name, status with
// health probes, shutdown in reverse start order, log rotation, and a state file that lets a new daemon
// adopt the processes an earlier one started.
import fs from 'node:fs';
import path from 'node:path';
import { ManagedProcess } from './managed-process.mjs';
import { parseSpec, sameSpec } from './process-spec.mjs';
import { probeHealth } from './health-probe.mjs';
import { DEFAULT_ROTATION, rotateIfLarger } from './log-rotation.mjs';
import { commandLineOf, isSameProcess, startTimeOf } from './process-identity.mjs';

/** An operation on a process name the supervisor does not know, or a conflicting request. */
export class SupervisorError extends Error {
    /** @param {string} code @param {string} message */
    constructor(code, message) {
        super(`${code}: ${message}`);
        this.name = 'SupervisorError';
        this.code = code;
    }
}

/** Supervises the processes of one runtime directory. */
export class Supervisor {
    /** @type {ReturnType<typeof import('./runtime-paths.mjs').runtimePaths>} */ #paths;
    /** @type {Map<string, ManagedProcess>} insertion order = start order */ #procs = new Map();
    /** @type {{maxBytes: number, keep: number}} */ #rotation;
    #rotateCheckMs;
    /** @type {NodeJS.Timeout | null} */ #rotateTimer = null;
    /** @type {(line: string) => void} */ #log;

    /**
     * @param {Readonly<{paths: ReturnType<typeof import('./runtime-paths.mjs').runtimePaths>,
     *   rotation?: {maxBytes: number, keep: number}, rotateCheckMs?: number, log?: (line: string) => void}>} options
     */
    constructor(options) {
        this.#paths = options.paths;
        this.#rotation = options.rotation ?? DEFAULT_ROTATION;
        this.#rotateCheckMs = options.rotateCheckMs ?? 5000;
        this.#log = options.log ?? (() => {});
        for (const dir of [this.#paths.logs, this.#paths.pids, path.dirname(this.#paths.state)]) fs.mkdirSync(dir, { recursive: true });
    }

    /** Reloads the state file: adopts processes that still run, restarts those that should run but died. */
    boot() {
        for (const entry of this.#readState()) {
            let spec;
            try {
                spec = parseSpec(entry.spec);
            } catch (err) {
                this.#log(`state: skipping an invalid spec (${err instanceof Error ? err.message : err})`);
                continue;
            }
            const proc = this.#create(spec);
            proc.restarts = typeof entry.restarts === 'number' ? entry.restarts : 0;
            if (entry.wanted !== 'running') continue;
            if (typeof entry.pid === 'number' && isSameProcess(entry.pid, entry.startTime ?? null)) {
                proc.adopt({ pid: entry.pid, startTime: entry.startTime ?? null, startedAt: entry.startedAt, restarts: proc.restarts });
                this.#log(`adopted ${spec.name} (pid ${entry.pid})`);
            } else {
                this.#log(`${spec.name} died while no daemon watched it: starting it again`);
                proc.restarts++;
                proc.start();
            }
        }
        this.#rotateTimer = setInterval(() => this.rotateLogs(), this.#rotateCheckMs);
        this.#persist();
    }

    /**
     * Adds a spec and starts it. Idempotent: the same spec already running is left alone; a changed spec replaces
     * the old process (stop, then start); a process of that name found running from its pid file (started before
     * the daemon, or by a daemon that lost its state) is adopted instead of started twice.
     * @param {unknown} raw spec JSON
     * @param {{restart?: boolean, baseDir?: string}} [options] restart: restart even when unchanged
     * @returns {Promise<{name: string, action: 'started'|'unchanged'|'replaced'|'restarted'|'adopted', pid: number | null}>}
     */
    async add(raw, options = {}) {
        const spec = parseSpec(raw, options.baseDir);
        const existing = this.#procs.get(spec.name);
        if (existing && sameSpec(existing.spec, spec)) {
            if (options.restart) {
                await existing.restart();
                return { name: spec.name, action: 'restarted', pid: existing.pid };
            }
            const action = existing.state === 'running' || existing.state === 'backoff' ? 'unchanged' : 'started';
            existing.start();
            return { name: spec.name, action, pid: existing.pid };
        }
        if (existing) {
            await existing.stop();
            existing.detach();
        }
        const proc = this.#create(spec);
        const found = existing ? null : this.#runningFromPidFile(spec);
        if (found) {
            proc.adopt({ pid: found, startTime: startTimeOf(found) });
            return { name: spec.name, action: 'adopted', pid: found };
        }
        proc.start();
        return { name: spec.name, action: existing ? 'replaced' : 'started', pid: proc.pid };
    }

    /** @param {string} name */
    start(name) {
        const proc = this.#get(name);
        proc.start();
        return { name, state: proc.state, pid: proc.pid };
    }

    /** @param {string} name */
    async stop(name) {
        const proc = this.#get(name);
        await proc.stop();
        return { name, state: proc.state };
    }

    /** @param {string} name */
    async restart(name) {
        const proc = this.#get(name);
        await proc.restart();
        return { name, state: proc.state, pid: proc.pid };
    }

    /** Stops a process and forgets its spec. @param {string} name */
    async remove(name) {
        const proc = this.#get(name);
        await proc.stop();
        proc.detach();
        this.#procs.delete(name);
        this.#persist();
        return { name, removed: true };
    }

    /**
     * Status of every process in start order, each with a live health probe when `probe` is set.
     * @param {{probe?: boolean, timeoutMs?: number}} [options]
     */
    async status(options = {}) {
        const procs = [...this.#procs.values()];
        return Promise.all(
            procs.map(async (proc) => {
                const snap = proc.snapshot();
                const health =
                    options.probe && proc.spec.health && snap.state === 'running'
                        ? await probeHealth(proc.spec.health, options.timeoutMs)
                        : { ok: proc.spec.health ? false : null, detail: proc.spec.health ? snap.state : 'no check' };
                return { ...snap, health: { check: proc.spec.health, ...health } };
            }),
        );
    }

    /**
     * One health verdict: running and (when a check is configured) answering it.
     * @param {string} name
     */
    async health(name) {
        const proc = this.#get(name);
        const snap = proc.snapshot();
        if (snap.state !== 'running') return { name, healthy: false, state: snap.state, detail: snap.state, lastExit: snap.lastExit };
        const probe = await probeHealth(proc.spec.health);
        return { name, healthy: probe.ok !== false, state: snap.state, detail: probe.detail, lastExit: snap.lastExit };
    }

    /**
     * Stops everything in reverse start order; consecutive processes of one group stop together.
     * The state file is removed: nothing is left to adopt.
     */
    async shutdownAll() {
        const order = [...this.#procs.values()].reverse();
        const stopped = [];
        for (let i = 0; i < order.length; ) {
            const batch = [order[i++]];
            const group = batch[0].spec.group;
            while (group !== '-' && i < order.length && order[i].spec.group === group) batch.push(order[i++]);
            this.#log(`shutdown: stopping ${batch.map((p) => p.spec.name).join(', ')}`);
            await Promise.all(batch.map((p) => p.stop()));
            stopped.push(...batch.map((p) => p.spec.name));
        }
        this.close();
        fs.rmSync(this.#paths.state, { force: true });
        return { stopped };
    }

    /** Rotates every log in the logs folder that grew past the limit (the daemon's own included). */
    rotateLogs() {
        let names;
        try {
            names = fs.readdirSync(this.#paths.logs).filter((f) => f.endsWith('.log'));
        } catch {
            return;
        }
        for (const file of names) {
            try {
                if (rotateIfLarger(path.join(this.#paths.logs, file), this.#rotation)) this.#log(`rotated ${file}`);
            } catch (err) {
                this.#log(`rotation of ${file} failed: ${err instanceof Error ? err.message : err}`);
            }
        }
    }

    /** Stops watching (timers) but leaves every process running; the state file lets the next daemon adopt them. */
    close() {
        if (this.#rotateTimer) clearInterval(this.#rotateTimer);
        this.#rotateTimer = null;
        for (const proc of this.#procs.values()) proc.detach();
    }

    /** @param {ReturnType<typeof parseSpec>} spec */
    #create(spec) {
        const proc = new ManagedProcess({ spec, paths: this.#paths, onChange: () => this.#persist() });
        this.#procs.set(spec.name, proc);
        return proc;
    }

    /** @param {string} name */
    #get(name) {
        const proc = this.#procs.get(name);
        if (!proc) throw new SupervisorError('UNKNOWN_PROCESS', `no process named ${name}`);
        return proc;
    }

    /**
     * Pid from <pids>/<name>.pid when that process runs the spec's command with its arguments.
     * @param {ReturnType<typeof parseSpec>} spec
     * @returns {number | null}
     */
    #runningFromPidFile(spec) {
        let pid;
        try {
            pid = Number(fs.readFileSync(this.#paths.pidOf(spec.name), 'utf8').trim());
        } catch {
            return null;
        }
        if (!isSameProcess(pid)) return null;
        const cmdline = commandLineOf(pid);
        if (cmdline === null) return null;
        const argv = cmdline.split(' ');
        const tail = spec.args.join(' ');
        const sameCommand = path.basename(argv[0] ?? '') === path.basename(spec.command);
        return sameCommand && argv.slice(1).join(' ') === tail ? pid : null;
    }

    /** @returns {Array<{spec: unknown, wanted?: string, pid?: number, startTime?: string | null, startedAt?: number, restarts?: number}>} */
    #readState() {
        try {
            const parsed = JSON.parse(fs.readFileSync(this.#paths.state, 'utf8'));
            return Array.isArray(parsed?.processes) ? parsed.processes : [];
        } catch {
            return [];
        }
    }

    #persist() {
        const processes = [...this.#procs.values()].map((p) => ({
            spec: p.spec,
            wanted: p.wanted,
            pid: p.pid,
            startTime: p.startTime,
            startedAt: p.startedAt,
            restarts: p.restarts,
        }));
        const tmp = `${this.#paths.state}.${process.pid}.tmp`;
        try {
            fs.writeFileSync(tmp, `${JSON.stringify({ version: 1, processes }, null, 2)}\n`);
            fs.renameSync(tmp, this.#paths.state);
        } catch (err) {
            this.#log(`could not write ${this.#paths.state}: ${err instanceof Error ? err.message : err}`);
        }
    }
}
