/**
 * Against a real Mosquitto (Debian's package: /usr/sbin/mosquitto when installed, or MOSQUITTO_BIN), the short form of
 * the load test that `npm test` runs: per-device passwords and a topic ACL, a forged message refused by the broker, a
 * broker restart with the bridge reconnecting by itself and nothing lost, and a short load (EMS_LOAD_SECONDS, default
 * 10) of 200 ambulances with 50 monitors at 1 Hz, measuring publish → stored latency. Into MongoEmsStore when
 * MONGODB_TEST_URI is set, else the in-memory store. Skipped otherwise.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { EmsRules } from '../ems-rules';
import { harness, rules } from '../test-support/ems-harness';
import type { EmsStore } from '../ems-store';
import { MongoEmsStore } from '../mongo-ems-store';
import { MqttPublisher } from './mqtt-publisher';
import { MqttSubscriber } from './mqtt-subscriber';
import { TELEMETRY_FILTER, telemetryHandler, type BridgeCounters } from './telemetry-bridge';

// Debian's broker when installed (npm start needs it anyway); MOSQUITTO_BIN='' skips the suite
const bin = process.env.MOSQUITTO_BIN ?? (existsSync('/usr/sbin/mosquitto') ? '/usr/sbin/mosquitto' : undefined);
const suite = bin === undefined || bin === '' ? describe.skip : describe;
const PASSWORD = 'device-secret';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

suite('telemetry through a real Mosquitto', () => {
  let dir: string;
  let port: number;
  let broker: ChildProcess | undefined;
  let connection: Connection | undefined;
  // the demo fleet plus simulated units up to 200 (each a device with its own broker login)
  const loadUnits = Array.from({ length: 200 - rules.fleet.units.length }, (_, i) => ({
    ...rules.fleet.units[i % rules.fleet.units.length],
    unitId: `LOAD-${String(i + 1).padStart(3, '0')}`,
  })) as typeof rules.fleet.units;
  const loadRules = new EmsRules(rules.criteria, rules.cards, rules.vitals, { ...rules.fleet, units: [...rules.fleet.units, ...loadUnits] });
  const ids = loadRules.fleet.units.map((u) => u.unitId);

  async function startBroker(): Promise<void> {
    broker = spawn(bin ?? '', ['-c', path.join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
    for (let i = 0; i < 100; i += 1) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, '127.0.0.1', () => {
          s.destroy();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('mosquitto did not start');
  }

  async function stopBroker(): Promise<void> {
    const b = broker;
    broker = undefined;
    if (b === undefined || b.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      b.once('exit', () => resolve());
      b.kill('SIGTERM');
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ems-mosquitto-'));
    port = await freePort();
    const deviceIds = ids;
    const passwords = path.join(dir, 'passwords');
    writeFileSync(passwords, [...deviceIds, 'gateway'].map((u) => `${u}:${PASSWORD}`).join('\n') + '\n');
    execFileSync('mosquitto_passwd', ['-U', passwords]);
    writeFileSync(path.join(dir, 'acl'), 'user gateway\ntopic read ems/units/+/telemetry\n\npattern write ems/units/%u/telemetry\n');
    writeFileSync(
      path.join(dir, 'mosquitto.conf'),
      [`listener ${String(port)} 127.0.0.1`, `user ${os.userInfo().username}`, 'allow_anonymous false', `password_file ${passwords}`, `acl_file ${path.join(dir, 'acl')}`, 'persistence true', `persistence_location ${dir}/`, 'max_queued_messages 100000', ''].join('\n'),
    );
    await startBroker();
    const uri = process.env.MONGODB_TEST_URI;
    if (uri !== undefined && uri !== '') {
      connection = await mongoose.createConnection(uri, { bufferCommands: false }).asPromise();
      await connection.dropDatabase();
    }
  }, 30_000);

  afterAll(async () => {
    await stopBroker();
    await connection?.dropDatabase();
    await connection?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('authenticates devices, refuses forged topics, survives a broker restart and carries the load', async () => {
    let store: EmsStore | undefined;
    if (connection !== undefined) {
      const mongoStore = new MongoEmsStore(connection);
      await mongoStore.ensureIndexes();
      store = mongoStore;
    }
    const h = await harness(undefined, store, loadRules);
    const counters: BridgeCounters = { stored: 0, rejected: 0 };
    const latencies: number[] = [];
    const handler = telemetryHandler(h.service, counters, () => undefined);
    const sub = new MqttSubscriber(
      { host: '127.0.0.1', port, clientId: 'cco-gateway-ems', username: 'gateway', password: PASSWORD, topicFilter: TELEMETRY_FILTER, initialRetryMs: 100, maxRetryMs: 500, log: () => undefined },
      async (topic, payload) => {
        await handler(topic, payload);
        // the device's `at` is its publish time (same clock here)
        const at = Date.parse((JSON.parse(payload.toString('utf8')) as { at?: string }).at ?? '');
        if (Number.isFinite(at)) latencies.push(Date.now() - at);
      },
    );
    sub.start();
    await until(() => sub.connected, 5000);

    // a device with a wrong password is refused; a device writing another unit's topic is dropped by the ACL
    await expect(MqttPublisher.connect({ host: '127.0.0.1', port, clientId: 'intruder', username: 'BSH-ALS-1', password: 'wrong' })).rejects.toThrow(/refused/);
    const device = await MqttPublisher.connect({ host: '127.0.0.1', port, clientId: 'device-BSH-ALS-1', username: 'BSH-ALS-1', password: PASSWORD });
    await device.publish('ems/units/BKL-ALS-1/telemetry', Buffer.from(JSON.stringify({ at: new Date().toISOString(), vitals: { hr: 1 } })));
    await device.publish('ems/units/BSH-ALS-1/telemetry', Buffer.from(JSON.stringify({ at: new Date().toISOString(), vitals: { hr: 81 } })));
    await until(() => counters.stored === 1, 5000);
    await new Promise((r) => setTimeout(r, 300));
    expect(counters.stored).toBe(1);
    expect((await h.store.getUnit('BKL-ALS-1'))?.position ?? null).toBeNull();
    device.close();

    // broker restart: the bridge reconnects by itself; what was published while it was away arrives
    await stopBroker();
    await until(() => !sub.connected, 5000);
    await startBroker();
    const again = await MqttPublisher.connect({ host: '127.0.0.1', port, clientId: 'device-BSH-ALS-1b', username: 'BSH-ALS-1', password: PASSWORD });
    await again.publish('ems/units/BSH-ALS-1/telemetry', Buffer.from(JSON.stringify({ at: new Date().toISOString(), vitals: { hr: 82 } })));
    again.close();
    await until(() => sub.connected && counters.stored === 2, 10_000);

    // load: 200 ambulances (GPS) and 50 monitors at 1 Hz
    const seconds = Number(process.env.EMS_LOAD_SECONDS ?? 10);
    const publishers = await Promise.all(ids.map(async (id) => MqttPublisher.connect({ host: '127.0.0.1', port, clientId: `load-${id}`, username: id, password: PASSWORD })));
    latencies.length = 0;
    const before = counters.stored;
    const rejectedBefore = counters.rejected;
    const t0 = Date.now();
    for (let t = 0; t < seconds; t += 1) {
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + t * 1000 - Date.now())));
      await Promise.all(
        publishers.map(async (p, i) => {
          const message = { at: new Date().toISOString(), position: { lat: 13.6 + i / 1000, lng: 101.1 }, ...(i < 50 ? { vitals: { hr: 90, sbp: 120, dbp: 80, spo2: 97, rr: 18 } } : {}) };
          await p.publish(`ems/units/${ids[i] ?? ''}/telemetry`, Buffer.from(JSON.stringify(message)));
        }),
      );
    }
    const expected = ids.length * seconds;
    await until(() => counters.stored + counters.rejected - before - rejectedBefore >= expected, 60_000);
    for (const p of publishers) p.close();
    sub.stop();
    const sorted = [...latencies].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    const rss = Math.round(process.memoryUsage().rss / 1048576);
    process.stdout.write(
      `ems load: ${String(ids.length)} units x ${String(seconds)} s = ${String(expected)} messages; stored ${String(counters.stored - before)}, rejected ${String(counters.rejected - rejectedBefore)}; publish->stored p95 ${String(p95)} ms, max ${String(sorted.at(-1) ?? 0)} ms; store ${connection === undefined ? 'in-memory' : 'FerretDB'}; test process RSS ${String(rss)} MiB\n`,
    );
    // at-least-once: a message whose PUBACK was lost in the broker restart may come twice, never zero times
    expect(counters.stored - before).toBeGreaterThanOrEqual(expected);
    expect(counters.rejected - rejectedBefore).toBe(0);
  }, 180_000);
});
