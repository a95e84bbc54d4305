// Tests of the supervisor with real processes: a daemon in a temporary runtime directory, driven through
// supervisorctl, supervising short `node -e` children. The .mjs modules are ESM, which ts-jest (CommonJS) cannot
// load in-process, so pure functions are exercised in a child `node --input-type=module` too.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const HERE = __dirname;
const CTL = path.join(HERE, 'supervisorctl.mjs');
const NODE = process.execPath;

/** Runs ESM code with the supervisor modules importable as ./x.mjs and returns its JSON output. */
function runModule(code: string): unknown {
    const r = spawnSync(NODE, ['--input-type=module', '-e', code], { cwd: HERE, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`module code failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
}

function ctl(runtime: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(NODE, [CTL, '--runtime', runtime, ...args], { encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Row {
    name: string;
    group: string;
    state: string;
    pid: number | null;
    restarts: number;
    lastDelayMs: number | null;
    lastExit: { code: number | null; signal: string | null } | null;
    health: { ok: boolean | null; detail: string };
}

function rows(runtime: string): Row[] {
    const r = ctl(runtime, 'status', '--json');
    if (r.status !== 0) throw new Error(`status failed: ${r.stderr}`);
    return (JSON.parse(r.stdout) as { processes: Row[] }).processes;
}

function row(runtime: string, name: string): Row {
    const found = rows(runtime).find((p) => p.name === name);
    if (!found) throw new Error(`no ${name} in status`);
    return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 8000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
        const v = probe();
        if (v) return v;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await sleep(50);
    }
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return !/\) [ZX] /.test(stat);
    } catch {
        return false;
    }
}

function freePort(): Promise<number> {
    return new Promise((resolve) => {
        const server = net.createServer();
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

const readPid = (runtime: string, name: string) => Number(fs.readFileSync(path.join(runtime, 'pids', `${name}.pid`), 'utf8'));
const LONG_RUNNING = 'setInterval(() => {}, 1000)';

describe('backoff (pure)', () => {
    it('doubles from 0.5 s and caps at 5 s; a run of 60 s resets the count', () => {
        const out = runModule(`
            import { restartDelay, nextCrashCount } from './backoff.mjs';
            console.log(JSON.stringify({
                delays: [1, 2, 3, 4, 5, 6, 50].map((n) => restartDelay(n)),
                afterShortRun: nextCrashCount(4, 59_999),
                afterLongRun: nextCrashCount(4, 60_000),
            }));`);
        expect(out).toEqual({ delays: [500, 1000, 2000, 4000, 5000, 5000, 5000], afterShortRun: 5, afterLongRun: 1 });
    });
});

describe('process specs (pure)', () => {
    it('accepts http and tcp health checks and rejects bad specs with INVALID_SPEC', () => {
        const out = runModule(`
            import { parseSpec, parseHealth } from './process-spec.mjs';
            const err = (raw) => { try { parseSpec(raw); return 'accepted'; } catch (e) { return e.code; } };
            console.log(JSON.stringify({
                http: parseHealth('http://127.0.0.1:7051/healthz'),
                tcp: parseHealth('127.0.0.1:27017'),
                tcpUrl: parseHealth('tcp://localhost:7050'),
                badName: err({ name: 'a b', command: 'x' }),
                reserved: err({ name: 'supervisord', command: 'x' }),
                noCommand: err({ name: 'a' }),
                badArgs: err({ name: 'a', command: 'x', args: [1] }),
                badHealth: err({ name: 'a', command: 'x', health: 'nope' }),
                defaults: parseSpec({ name: 'a', command: 'x' }, '/tmp'),
                reparsed: (() => { const s = parseSpec({ name: 'a', command: 'x', env: { B: '1', A: '2' } }); return JSON.stringify(parseSpec(s)) === JSON.stringify(s); })(),
            }));`) as Record<string, unknown>;
        expect(out.http).toEqual({ kind: 'http', url: 'http://127.0.0.1:7051/healthz' });
        expect(out.tcp).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 27017 });
        expect(out.tcpUrl).toEqual({ kind: 'tcp', host: 'localhost', port: 7050 });
        for (const k of ['badName', 'reserved', 'noCommand', 'badArgs', 'badHealth']) expect(out[k]).toBe('INVALID_SPEC');
        expect(out.reparsed).toBe(true); // the state file holds parsed specs; a new daemon parses them again
        expect(out.defaults).toMatchObject({ cwd: '/tmp', group: '-', restart: 'on-failure', stopTimeoutMs: 10_000, backoff: { initialMs: 500, maxMs: 5000 } });
    });
});

describe('log rotation (pure)', () => {
    it('shifts name.log -> .1 -> .2 -> .3, truncates the live file and keeps at most 3', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-rot-'));
        const file = path.join(dir, 'p.log');
        const out = runModule(`
            import fs from 'node:fs';
            import { rotateIfLarger } from './log-rotation.mjs';
            const file = ${JSON.stringify(file)};
            const results = [];
            fs.writeFileSync(file, 'x'.repeat(50));
            results.push(rotateIfLarger(file, { maxBytes: 100, keep: 3 }));
            for (const gen of ['A', 'B', 'C', 'D']) {
                fs.writeFileSync(file, gen.repeat(150));
                results.push(rotateIfLarger(file, { maxBytes: 100, keep: 3 }));
            }
            console.log(JSON.stringify(results));`);
        expect(out).toEqual([false, true, true, true, true]);
        expect(fs.statSync(file).size).toBe(0);
        expect(fs.readFileSync(`${file}.1`, 'utf8')).toBe('D'.repeat(150));
        expect(fs.readFileSync(`${file}.2`, 'utf8')).toBe('C'.repeat(150));
        expect(fs.readFileSync(`${file}.3`, 'utf8')).toBe('B'.repeat(150));
        expect(fs.existsSync(`${file}.4`)).toBe(false);
        fs.rmSync(dir, { recursive: true, force: true });
    });
});

describe('supervisor daemon with real processes', () => {
    let runtime: string;

    beforeAll(() => {
        runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-'));
        const r = ctl(runtime, 'ensure', '--max-log-bytes', '20000', '--rotate-check-ms', '100');
        expect(r.status).toBe(0);
    });

    afterAll(() => {
        ctl(runtime, 'shutdown');
        fs.rmSync(runtime, { recursive: true, force: true });
    });

    it('restarts a process killed with SIGKILL within 5 s, with a new pid in its pid file', async () => {
        expect(ctl(runtime, 'start', '--name', 'victim', '--group', 'g', '--', NODE, '-e', LONG_RUNNING).status).toBe(0);
        const first = readPid(runtime, 'victim');
        expect(alive(first)).toBe(true);
        const killedAt = Date.now();
        process.kill(first, 'SIGKILL');
        const restarted = await until('restart', () => {
            const r = row(runtime, 'victim');
            return r.state === 'running' && r.pid !== first ? r : null;
        });
        expect(Date.now() - killedAt).toBeLessThan(5000);
        expect(restarted.restarts).toBe(1);
        expect(restarted.lastExit).toMatchObject({ signal: 'SIGKILL' });
        expect(readPid(runtime, 'victim')).toBe(restarted.pid);
    }, 20_000);

    it('backs off exponentially while a process keeps crashing, up to the cap', async () => {
        const spec = path.join(runtime, 'crasher.json');
        fs.writeFileSync(
            spec,
            JSON.stringify({ name: 'crasher', command: NODE, args: ['-e', 'process.exit(3)'], backoff: { initialMs: 100, maxMs: 400 } }),
        );
        expect(ctl(runtime, 'start', spec).status).toBe(0);
        const log = path.join(runtime, 'logs', 'crasher.log');
        const delays = await until('five restarts', () => {
            const found = [...fs.readFileSync(log, 'utf8').matchAll(/restarting in (\d+) ms/g)].map((m) => Number(m[1]));
            return found.length >= 5 ? found.slice(0, 5) : null;
        });
        expect(delays).toEqual([100, 200, 400, 400, 400]);
        const r = row(runtime, 'crasher');
        expect(r.lastExit).toMatchObject({ code: 3 });
        expect(r.restarts).toBeGreaterThanOrEqual(4);
        expect(ctl(runtime, 'stop', 'crasher').status).toBe(0);
        expect(row(runtime, 'crasher').state).toBe('stopped');
    }, 20_000);

    it('stop does not restart: the process stays down and its pid file is gone', async () => {
        expect(ctl(runtime, 'start', '--name', 'stoppable', '--', NODE, '-e', LONG_RUNNING).status).toBe(0);
        const pid = readPid(runtime, 'stoppable');
        const r = ctl(runtime, 'stop', 'stoppable');
        expect(r.status).toBe(0);
        expect(r.stdout).toContain('stoppable: stopped');
        expect(alive(pid)).toBe(false);
        await sleep(1500); // longer than the first restart delay
        const after = row(runtime, 'stoppable');
        expect(after).toMatchObject({ state: 'stopped', pid: null, restarts: 0 });
        expect(fs.existsSync(path.join(runtime, 'pids', 'stoppable.pid'))).toBe(false);
        expect(ctl(runtime, 'start', 'stoppable').stdout).toMatch(/stoppable: running \(pid \d+\)/);
    }, 20_000);

    it('a TERM from outside (an old-style stop script) is not a crash, unless the policy is "always"', async () => {
        expect(ctl(runtime, 'start', '--name', 'termed', '--', NODE, '-e', LONG_RUNNING).status).toBe(0);
        expect(ctl(runtime, 'start', '--name', 'stubborn', '--restart-policy', 'always', '--', NODE, '-e', LONG_RUNNING).status).toBe(0);
        const termed = readPid(runtime, 'termed');
        const stubborn = readPid(runtime, 'stubborn');
        process.kill(termed, 'SIGTERM');
        process.kill(stubborn, 'SIGTERM');
        const back = await until('restart of stubborn', () => {
            const r = row(runtime, 'stubborn');
            return r.state === 'running' && r.pid !== stubborn ? r : null;
        });
        expect(back.restarts).toBe(1);
        expect(row(runtime, 'termed')).toMatchObject({ state: 'exited', pid: null, lastExit: { signal: 'SIGTERM' } });
        expect(fs.existsSync(path.join(runtime, 'pids', 'termed.pid'))).toBe(false);
        expect(ctl(runtime, 'remove', 'termed').stdout).toContain('termed: removed');
        expect(ctl(runtime, 'remove', 'stubborn').stdout).toContain('stubborn: removed');
        expect(alive(back.pid as number)).toBe(false);
    }, 20_000);

    it('adopts a process already running under its pid file (started before the supervisor) instead of starting it twice', async () => {
        const before = spawn(NODE, ['-e', LONG_RUNNING], { detached: true, stdio: 'ignore' });
        before.unref();
        fs.writeFileSync(path.join(runtime, 'pids', 'legacy.pid'), `${before.pid}\n`);
        const r = ctl(runtime, 'start', '--name', 'legacy', '--', NODE, '-e', LONG_RUNNING);
        expect(r.stdout).toContain(`legacy: adopted (pid ${before.pid})`);
        expect(row(runtime, 'legacy')).toMatchObject({ state: 'running', pid: before.pid });
        expect(ctl(runtime, 'remove', 'legacy').status).toBe(0);
        await until('legacy gone', () => !alive(before.pid as number));
    }, 20_000);

    it('an unchanged spec is not started twice; a changed one replaces the process', () => {
        const args = ['start', '--name', 'idem', '--env', 'A=1', '--', NODE, '-e', LONG_RUNNING];
        expect(ctl(runtime, ...args).stdout).toContain('idem: started');
        const pid = readPid(runtime, 'idem');
        expect(ctl(runtime, ...args).stdout).toContain('idem: unchanged');
        expect(readPid(runtime, 'idem')).toBe(pid);
        const changed = ctl(runtime, 'start', '--name', 'idem', '--env', 'A=2', '--', NODE, '-e', LONG_RUNNING);
        expect(changed.stdout).toContain('idem: replaced');
        expect(alive(pid)).toBe(false);
        expect(readPid(runtime, 'idem')).not.toBe(pid);
    }, 30_000);

    it('status prints name, group, pid, uptime, restarts and the health probe; wait-healthy waits for it', async () => {
        const port = await freePort();
        const server = `setTimeout(() => require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1'), 700)`;
        expect(ctl(runtime, 'start', '--name', 'web', '--group', 'frontend', '--health', `http://127.0.0.1:${port}/`, '--', NODE, '-e', server).status).toBe(0);
        const waited = ctl(runtime, 'wait-healthy', 'web', '10');
        expect(waited.status).toBe(0);
        expect(waited.stdout).toMatch(/web healthy after \d+\.\d s \(http 200\)/);
        const table = ctl(runtime, 'status');
        expect(table.status).toBe(0);
        const [header, ...lines] = table.stdout.split('\n');
        expect(header.split(/\s{2,}/)).toEqual(['NAME', 'GROUP', 'STATE', 'PID', 'UPTIME', 'RESTARTS', 'HEALTH', 'LAST EXIT']);
        const web = lines.find((l) => l.startsWith('web '));
        expect(web?.split(/\s+/).slice(0, 7)).toEqual(['web', 'frontend', 'running', String(readPid(runtime, 'web')), expect.stringMatching(/^\d+s$/), '0', 'ok']);
        expect(row(runtime, 'web').health).toMatchObject({ ok: true, detail: 'http 200' });
    }, 20_000);

    it('wait-healthy fails with the log tail when the check never passes', () => {
        expect(ctl(runtime, 'start', '--name', 'deaf', '--health', '127.0.0.1:1', '--', NODE, '-e', `console.log('deaf here'); ${LONG_RUNNING}`).status).toBe(0);
        const r = ctl(runtime, 'wait-healthy', 'deaf', '1');
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('deaf is not healthy after 1 s: running, ECONNREFUSED');
        expect(r.stderr).toContain('deaf here');
        expect(ctl(runtime, 'stop', 'no-such-process')).toMatchObject({ status: 1, stderr: expect.stringContaining('UNKNOWN_PROCESS') });
    }, 20_000);

    it('rotates a growing log to .1 .. .3', async () => {
        const chatty = `const line = 'x'.repeat(1000) + '\\n'; setInterval(() => { for (let i = 0; i < 5; i++) process.stdout.write(line); }, 20)`;
        expect(ctl(runtime, 'start', '--name', 'chatty', '--', NODE, '-e', chatty).status).toBe(0);
        const log = path.join(runtime, 'logs', 'chatty.log');
        await until('third rotation', () => fs.existsSync(`${log}.3`), 15_000);
        ctl(runtime, 'stop', 'chatty');
        expect(fs.existsSync(`${log}.4`)).toBe(false);
        for (const f of [`${log}.1`, `${log}.2`, `${log}.3`]) expect(fs.statSync(f).size).toBeGreaterThan(20_000);
        expect(fs.statSync(log).size).toBeLessThan(200_000);
    }, 30_000);

    it('children survive the daemon; the next daemon adopts them and still restarts them', async () => {
        expect(ctl(runtime, 'start', '--name', 'orphan', '--', NODE, '-e', LONG_RUNNING).status).toBe(0);
        const child = readPid(runtime, 'orphan');
        const daemon = readPid(runtime, 'supervisord');
        process.kill(daemon, 'SIGKILL');
        await until('daemon gone', () => !alive(daemon));
        expect(alive(child)).toBe(true);
        expect(ctl(runtime, 'status').status).toBe(3); // not running: lists the pid files instead
        expect(ctl(runtime, 'ensure').status).toBe(0);
        expect(row(runtime, 'orphan')).toMatchObject({ state: 'running', pid: child });
        process.kill(child, 'SIGKILL');
        const again = await until('restart of the adopted process', () => {
            const r = row(runtime, 'orphan');
            return r.state === 'running' && r.pid !== child ? r : null;
        });
        expect(again.restarts).toBe(1);
    }, 30_000);

    it('shutdown stops everything in reverse start order, removes the pid files and ends the daemon', () => {
        const before = rows(runtime).filter((r) => r.pid !== null);
        expect(before.length).toBeGreaterThan(0);
        const daemon = readPid(runtime, 'supervisord');
        const r = ctl(runtime, 'shutdown');
        expect(r.status).toBe(0);
        for (const p of before) expect(alive(p.pid as number)).toBe(false);
        expect(alive(daemon)).toBe(false);
        expect(fs.readdirSync(path.join(runtime, 'pids'))).toEqual([]);
        const order = [...fs.readFileSync(path.join(runtime, 'logs', 'supervisord.log'), 'utf8').matchAll(/shutdown: stopping (.*)/g)].map((m) => m[1]);
        const startOrder = ['victim', 'crasher', 'stoppable', 'idem', 'web', 'deaf', 'chatty', 'orphan'];
        expect(order.join(', ').split(', ')).toEqual(startOrder.reverse());
    }, 60_000);
});
