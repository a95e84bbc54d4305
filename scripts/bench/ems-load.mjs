// npm run bench:ems [-- --short] [-- --seconds 300 --units 200 --monitors 50 --after-restart 30]
// Smart EMS load and broker-restart benchmark against the running system (npm start): 200 ambulance devices (the
// fleet + simulated SIM-xxx units) publish GPS at 1 Hz and 50 of them monitor readings (HR, BP, SpO2, RR) over MQTT
// (QoS 1) to Mosquitto, each logged in as its own unit. The dispatcher's screen (/ems/dispatch) is open in Debian's
// Chromium; in that page an EventSource on /api/ems/stream stamps every event at the next animation frame, so the
// latency is device publish → browser frame (same machine, same clock). After the sustained phase the broker is
// restarted through the supervisor; the devices and the gateway reconnect by themselves and the run goes on for
// --after-restart seconds. At the end every reading acknowledged by the broker is looked up in the store (none may be
// missing). Figures: latency p50/p95/p99/max, throughput, losses, reconnection times, memory (RSS) of the broker and
// the gateway sampled every 5 s. Prints a table; JSON in reports/bench/ems-load.json. --short: 20 s + 10 s.
// When the gateway knows fewer units than --units, the script restarts the broker and the gateway with EMS_SIM_UNITS.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNTIME = process.env.RUNTIME_DIR ?? path.join(ROOT, '.runtime');
const BASE = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const MQTT_PORT = Number(process.env.EMS_MQTT_PORT ?? 1883);
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return Number(i >= 0 ? args[i + 1] : (args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback));
};
const SHORT = args.includes('--short');
const SECONDS = opt('seconds', SHORT ? 20 : 300);
const AFTER = opt('after-restart', SHORT ? 10 : 30);
const UNITS = opt('units', 200);
const MONITORS = opt('monitors', 50);
const PASSWORD = 'Referral#2026';

const requireGw = createRequire(path.join(ROOT, 'gateway-api', 'package.json'));
const packets = requireGw('./dist/modules/ems/mqtt/mqtt-packets.js');
const model = requireGw('./dist/modules/ems/simulator/device-model.js');
const { chromium } = createRequire(path.join(ROOT, 'package.json'))('playwright-core');

const pct = (sorted, p) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function login(username) {
  const res = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return (await res.json()).token;
}
async function units(token) {
  const res = await fetch(`${BASE}/api/ems/units`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /api/ems/units: ${res.status}`);
  const body = await res.json();
  return Array.isArray(body) ? body : body.units;
}
function rssKb(name) {
  try {
    const pid = readFileSync(path.join(RUNTIME, 'pids', `${name}.pid`), 'utf8').trim();
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** One ambulance device: MQTT 3.1.1, QoS 1, keeps unacknowledged messages and sends them again after reconnecting. */
class Device {
  constructor(unitId, password) {
    this.unitId = unitId;
    this.password = password;
    this.pending = new Map(); // packet id → buffer (sent, not yet acknowledged)
    this.queue = []; // written while disconnected
    this.nextId = 1;
    this.acked = 0;
    this.connected = false;
    this.connections = 0;
    this.onAck = () => undefined;
    this.stopped = false;
  }
  connect() {
    return new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port: MQTT_PORT });
      const reader = new packets.PacketReader();
      this.socket = socket;
      socket.on('connect', () => socket.write(packets.connectPacket({ clientId: `device-${this.unitId}`, username: this.unitId, password: this.password, keepAliveSeconds: 30, cleanSession: true })));
      socket.on('data', (chunk) => {
        for (const p of reader.push(chunk)) {
          if (p.type === packets.PACKET.CONNACK) {
            if (p.body[1] !== 0) {
              this.stopped = true;
              log(`broker refused ${this.unitId} (code ${p.body[1]})`);
              resolve(false);
              continue;
            }
            this.connected = true;
            this.connections += 1;
            for (const buf of this.pending.values()) socket.write(buf);
            for (const [id, buf] of this.queue.splice(0)) {
              this.pending.set(id, buf);
              socket.write(buf);
            }
            resolve(true);
          } else if (p.type === packets.PACKET.PUBACK) {
            const id = p.body.readUInt16BE(0);
            if (this.pending.delete(id)) {
              this.acked += 1;
              this.onAck(this, id);
            }
          }
        }
      });
      const lost = () => {
        if (this.socket !== socket) return;
        this.connected = false;
        this.socket = undefined;
        if (!this.stopped) setTimeout(() => void this.connect(), 250 + Math.random() * 500);
        resolve(false);
      };
      socket.on('error', lost);
      socket.on('close', lost);
    });
  }
  publish(payload) {
    const id = this.nextId;
    this.nextId = this.nextId >= 65535 ? 1 : this.nextId + 1;
    const buf = packets.publishPacket(`ems/units/${this.unitId}/telemetry`, Buffer.from(JSON.stringify(payload)), 1, id);
    if (this.connected && this.socket) {
      this.pending.set(id, buf);
      this.socket.write(buf);
    } else this.queue.push([id, buf]);
  }
  close() {
    this.stopped = true;
    this.socket?.end(packets.DISCONNECT);
  }
}

const summarise = (arr) => {
  const s = [...arr].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s.at(-1) ?? null };
};
const mb = (kbs) => (kbs.length === 0 ? null : { max: Math.round(Math.max(...kbs) / 102.4) / 10, last: Math.round(kbs.at(-1) / 102.4) / 10 });
function latencies(probe, markSteady) {
  return {
    vitalsSustained: summarise(probe.vitals.slice(0, markSteady?.vitals ?? probe.vitals.length)),
    positionsSustained: summarise(probe.unit.slice(0, markSteady?.unit ?? probe.unit.length)),
    vitalsWholeRunInclRestart: summarise(probe.vitals),
  };
}

/** The latency, restart and memory figures, printed before the (slower) store check. */
function printFigures(short, seconds, after, sent, devices, probe, markSteady, restart, memory) {
  const l = latencies(probe, markSteady);
  const row = (name, s) => `  ${name.padEnd(34)} n=${String(s.n).padStart(6)}  p50 ${s.p50} ms  p95 ${s.p95} ms  p99 ${s.p99} ms  max ${s.max} ms`;
  const mem = { mosquitto: mb(memory.mosquitto), gateway: mb(memory.gateway) };
  console.log(`\nSmart EMS load (${short ? 'short' : 'full'}): ${devices.length} devices (${MONITORS} monitors) at 1 Hz for ${seconds} s, broker restart, ${after} s more`);
  console.log(`  messages sent ${sent}, acknowledged by the broker ${devices.reduce((a, d) => a + d.acked, 0)}`);
  console.log('publish → dispatcher browser frame:');
  console.log(row('vitals (sustained phase)', l.vitalsSustained));
  console.log(row('positions (sustained phase)', l.positionsSustained));
  console.log(row('vitals (whole run, incl. restart)', l.vitalsWholeRunInclRestart));
  console.log(`broker restart: devices all back after ${restart?.devicesBackMs ?? 'n/a'} ms, first post-restart reading on screen ${restart?.streamBackMs ?? 'n/a'} ms after the restart began, longest gap on screen ${restart?.longestScreenGapMs ?? 'n/a'} ms`);
  console.log(`memory (RSS, MB): mosquitto max ${mem.mosquitto?.max} last ${mem.mosquitto?.last}; gateway max ${mem.gateway?.max} last ${mem.gateway?.last}`);
}

/**
 * The readings written since `since`, read straight from the store's PostgreSQL over its Unix socket: FerretDB 1.x
 * decodes every row a range filter matches, so the same check through the wire protocol took minutes. Null when
 * psql or the embedded store is not there (MONGODB_URI elsewhere).
 */
async function readingsViaPostgres(since) {
  const sock = path.join(RUNTIME, 'pgsock');
  const bin = ['/usr/lib/postgresql/15/bin/psql', '/usr/bin/psql'].find((p) => existsSync(p));
  if (process.env.MONGODB_URI || !bin || !existsSync(sock)) return null;
  const db = 'referrals';
  const psql = (sql) => execFileSync(bin, ['-X', '-At', '-F', '|', '-h', sock, '-U', 'ferretdb', '-d', 'postgres', '-c', sql], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  try {
    const table = psql(`SELECT _jsonb->>'table' FROM ${db}._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'ems_readings'`).trim();
    if (!/^[a-z0-9_]+$/.test(table)) return null;
    const out = psql(`SELECT _jsonb->>'unitId', _jsonb->>'at', _jsonb->>'code' FROM ${db}."${table}" WHERE _jsonb->>'at' >= '${since.replace(/'/g, '')}'`);
    return out.split('\n').filter(Boolean).map((line) => {
      const [unitId, at, code] = line.split('|');
      return { unitId, at, code };
    });
  } catch (err) {
    log(`store check through PostgreSQL failed (${String(err.message).split('\n')[0]}); using the wire protocol`);
    return null;
  }
}

/** The same rows through the MongoDB wire protocol, one equality query per monitored unit. */
async function readingsViaMongo(ids, since) {
  const mongoose = requireGw('mongoose');
  const conn = await mongoose.createConnection(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/referrals').asPromise();
  const out = [];
  try {
    for (const unitId of ids) {
      const docs = await conn.db.collection('ems_readings').find({ unitId }, { projection: { _id: 0, at: 1, code: 1 } }).toArray();
      for (const d of docs) if (typeof d.at === 'string' && d.at >= since) out.push({ unitId, at: d.at, code: d.code });
    }
  } finally {
    await conn.close();
  }
  return out;
}

async function main() {
  let token = await login('dispatcher.1669');
  let fleet = await units(token);
  if (fleet.length < UNITS) {
    const sim = String(UNITS - fleet.filter((u) => !u.unitId.startsWith('SIM-')).length);
    log(`the gateway knows ${fleet.length} units: restarting the broker and the gateway with EMS_SIM_UNITS=${sim}`);
    const env = { ...process.env, EMS_SIM_UNITS: sim };
    execFileSync('bash', [path.join(ROOT, 'network-config/scripts/mqtt-up.sh')], { env, stdio: 'inherit' });
    execFileSync('bash', [path.join(ROOT, 'network-config/scripts/gateway-up.sh'), '--restart'], { env, stdio: 'inherit' });
    for (let i = 0; i < 60; i += 1) {
      try {
        token = await login('dispatcher.1669');
        fleet = await units(token);
        if (fleet.length >= UNITS) break;
      } catch {
        // the gateway is still starting
      }
      await sleep(1000);
    }
  }
  if (fleet.length < UNITS) throw new Error(`the gateway knows only ${fleet.length} units`);
  const keyFile = path.join(RUNTIME, 'secrets', 'ems_mqtt_device_key.txt');
  if (!existsSync(keyFile)) throw new Error(`${keyFile} is missing: is the broker started by npm start (network-config/scripts/mqtt-up.sh)?`);
  const key = readFileSync(keyFile, 'utf8').trim();
  const chosen = [...fleet.filter((u) => !u.unitId.startsWith('SIM-')), ...fleet.filter((u) => u.unitId.startsWith('SIM-'))].slice(0, UNITS);

  // the dispatcher's live map in Chromium, with the latency probe in the same page
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'] });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok' })).newPage();
  await page.goto(`${BASE}/login`);
  await page.fill('#username', 'dispatcher.1669');
  await page.fill('#password', PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[data-testid=user-chip]');
  await page.goto(`${BASE}/ems/dispatch`);
  await page.waitForTimeout(1500);
  await page.evaluate((t) => {
    const probe = { vitals: [], unit: [], keys: [], arrivals: [], opened: 0, errors: 0 };
    window.__emsProbe = probe;
    const es = new EventSource(`/api/ems/stream?access_token=${encodeURIComponent(t)}`);
    es.addEventListener('open', () => (probe.opened += 1));
    es.addEventListener('error', () => (probe.errors += 1));
    es.addEventListener('vitals', (e) => {
      const d = JSON.parse(e.data);
      requestAnimationFrame(() => {
        const now = Date.now();
        probe.vitals.push(now - Date.parse(d.at));
        probe.keys.push(`${d.unitId}|${d.at}`);
        probe.arrivals.push(now);
      });
    });
    es.addEventListener('unit', (e) => {
      const d = JSON.parse(e.data);
      if (d.position?.at) requestAnimationFrame(() => probe.unit.push(Date.now() - Date.parse(d.position.at)));
    });
  }, token);

  const registry = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/units.json'), 'utf8'));
  const points = (Array.isArray(registry) ? registry : (registry.units ?? [])).filter((u) => typeof u.lat === 'number' && typeof u.lng === 'number');
  const roads = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/ems/road-network.json'), 'utf8'));
  const random = model.seededRandom(1669);
  const sims = chosen.map((u, i) => {
    const target = points[Math.floor(random() * points.length)] ?? u.base;
    return { unitId: u.unitId, route: model.roadRoute(roads, u.base, { lat: target.lat, lng: target.lng }), speedKmh: u.level === 'FR' ? 45 : 60, course: i % 2 === 0 ? 'deteriorating' : 'stable', monitor: i < MONITORS };
  });
  const devices = sims.map((s) => new Device(s.unitId, createHmac('sha256', key).update(s.unitId).digest('hex').slice(0, 32)));
  const vitalsSent = new Map(); // device → packet id → key, to know which vitals messages the broker acknowledged
  const ackedVitals = new Set();
  for (const d of devices) {
    vitalsSent.set(d, new Map());
    d.onAck = (dev, id) => {
      const k = vitalsSent.get(dev).get(id);
      if (k !== undefined) {
        ackedVitals.add(k);
        vitalsSent.get(dev).delete(id);
      }
    };
  }
  await Promise.all(devices.map(async (d) => d.connect()));
  const refused = devices.filter((d) => !d.connected).map((d) => d.unitId);
  if (refused.length > 0) throw new Error(`broker refused ${refused.length} devices, e.g. ${refused.slice(0, 3).join(', ')}`);
  log(`${devices.length} devices connected (${MONITORS} monitors); sustained phase ${SECONDS} s, then a broker restart and ${AFTER} s more`);

  const runStart = new Date();
  const memory = { mosquitto: [], gateway: [] };
  const sampleMemory = () => {
    for (const name of ['mosquitto', 'gateway']) {
      const kb = rssKb(name);
      if (kb !== null) memory[name].push(kb);
    }
  };
  sampleMemory();
  const memTimer = setInterval(sampleMemory, 5000);
  let sent = 0;
  let restart;
  const total = SECONDS + AFTER;
  let markSteady = 0;
  for (let t = 0; t < total; t += 1) {
    const due = runStart.getTime() + t * 1000;
    await sleep(Math.max(0, due - Date.now()));
    if (t === SECONDS) {
      markSteady = await page.evaluate(() => ({ vitals: window.__emsProbe.vitals.length, unit: window.__emsProbe.unit.length }));
      restart = { at: Date.now() };
      log('restarting the broker (supervisorctl restart mosquitto)');
      execFileSync(path.join(ROOT, 'node_modules/.bin/node'), [path.join(ROOT, 'scripts/supervisor/supervisorctl.mjs'), '--runtime', RUNTIME, 'restart', 'mosquitto'], { stdio: 'ignore' });
      restart.commandMs = Date.now() - restart.at;
    }
    const messages = model.deviceMessages(sims, t, runStart, random);
    const at = new Date().toISOString();
    messages.forEach((m, i) => {
      const d = devices[i];
      const payload = { ...m.message, at };
      if (payload.vitals !== undefined) vitalsSent.get(d).set(d.nextId, `${d.unitId}|${at}`);
      d.publish(payload);
      sent += 1;
    });
    if (restart !== undefined && restart.devicesBackMs === undefined && devices.every((d) => d.connected && d.connections >= 2)) restart.devicesBackMs = Date.now() - restart.at;
    if (t % 30 === 29) log(`${t + 1} s: ${sent} messages sent, ${devices.reduce((a, d) => a + d.acked, 0)} acknowledged by the broker`);
  }
  // let the last messages through
  for (let i = 0; i < 40 && devices.some((d) => d.pending.size + d.queue.length > 0); i += 1) await sleep(250);
  if (restart !== undefined && restart.devicesBackMs === undefined && devices.every((d) => d.connected && d.connections >= 2)) restart.devicesBackMs = Date.now() - restart.at;
  await sleep(2000);
  clearInterval(memTimer);
  sampleMemory();
  const probe = await page.evaluate(() => ({ ...window.__emsProbe }));
  mkdirSync(path.join(ROOT, 'reports', 'screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'reports', 'screenshots', 'ems-bench-dispatcher-live-map.png') });
  await browser.close();
  for (const d of devices) d.close();

  // the stream after the restart: when the browser first showed a reading published after it, and the longest
  // silence between two readings on screen
  if (restart !== undefined) {
    let first;
    let gap = 0;
    probe.keys.forEach((k, i) => {
      const at = Date.parse(k.split('|')[1]);
      if (at >= restart.at && (first === undefined || probe.arrivals[i] < first)) first = probe.arrivals[i];
      if (i > 0 && probe.arrivals[i - 1] >= restart.at - 5000) gap = Math.max(gap, probe.arrivals[i] - probe.arrivals[i - 1]);
    });
    restart.streamBackMs = first === undefined ? null : first - restart.at;
    restart.longestScreenGapMs = gap;
  }

  // every vitals message the broker acknowledged must be in the store (5 readings each), duplicates aside. The
  // latency and memory figures are printed first: the store check reads tens of thousands of rows.
  printFigures(SHORT, SECONDS, AFTER, sent, devices, probe, markSteady, restart, memory);
  log('checking the store: every acknowledged vitals message must be in ems_readings');
  const ids = sims.filter((s) => s.monitor).map((s) => s.unitId);
  const since = runStart.toISOString();
  let stored = new Set();
  let rows = 0;
  const otherRows = { sbp: 0, dbp: 0, spo2: 0, rr: 0 };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const t0 = Date.now();
    const readings = (await readingsViaPostgres(since)) ?? (await readingsViaMongo(ids, since));
    stored = new Set();
    rows = 0;
    for (const code of Object.keys(otherRows)) otherRows[code] = 0;
    const monitored = new Set(ids);
    for (const d of readings) {
      if (!monitored.has(d.unitId)) continue;
      if (d.code === 'hr') {
        rows += 1;
        stored.add(`${d.unitId}|${d.at}|hr`);
      } else if (d.code in otherRows) otherRows[d.code] += 1;
    }
    log(`store: ${readings.length} readings since the run began, read in ${Date.now() - t0} ms`);
    if ([...ackedVitals].every((k) => stored.has(`${k}|hr`))) break;
    await sleep(2000);
  }
  const expected = [...ackedVitals].map((k) => `${k}|hr`);
  const missing = expected.filter((k) => !stored.has(k));
  const otherMissing = Object.values(otherRows).filter((n) => n < expected.length).length;
  const seenKeys = new Set(probe.keys);
  const notStreamed = [...ackedVitals].filter((k) => !seenKeys.has(k)).length;

  const result = {
    at: runStart.toISOString(),
    mode: SHORT ? 'short' : 'full',
    devices: devices.length,
    monitors: MONITORS,
    sustainedSeconds: SECONDS,
    afterRestartSeconds: AFTER,
    messagesSent: sent,
    acknowledgedByBroker: devices.reduce((a, d) => a + d.acked, 0),
    vitalsMessagesAcknowledged: ackedVitals.size,
    vitalsMessagesExpectedInStore: expected.length,
    hrRowsStored: rows,
    messagesMissingInStore: missing.length,
    otherCodeRows: otherRows,
    codesWithFewerRows: otherMissing,
    duplicateRows: rows - stored.size,
    vitalsAcknowledgedButNotSeenInBrowser: notStreamed,
    latencyMs: latencies(probe, markSteady),
    restart,
    streamReconnects: probe.opened - 1,
    memoryMB: { mosquitto: mb(memory.mosquitto), gateway: mb(memory.gateway) },
  };
  mkdirSync(path.join(ROOT, 'reports', 'bench'), { recursive: true });
  writeFileSync(path.join(ROOT, 'reports', 'bench', `ems-load${SHORT ? '-short' : ''}.json`), JSON.stringify(result, null, 2) + '\n');
  console.log(`store: ${result.vitalsMessagesExpectedInStore} vitals messages acknowledged by the broker, ${result.messagesMissingInStore} missing in ems_readings (hr rows ${rows}, ${result.duplicateRows} duplicates; sbp/dbp/spo2/rr rows ${Object.values(otherRows).join('/')})`);
  console.log(`browser: ${notStreamed} acknowledged vitals messages never shown; EventSource reconnects ${result.streamReconnects}`);
  const ok = result.messagesMissingInStore === 0 && otherMissing === 0 && restart?.streamBackMs != null && devices.every((d) => d.connections >= 2);
  if (!ok) {
    console.log('FAILED: readings missing or the streams did not resume');
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(`ems bench failed: ${err.stack ?? err}`);
  process.exit(1);
});
