import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EmsRules } from './modules/ems/ems-rules';
import { TambonGazetteer } from './modules/ems/ems-geo';
import { MqttPublisher } from './modules/ems/mqtt/mqtt-publisher';
import { deviceMessages, roadRoute, seededRandom, type RoadNetwork, type SimulatedUnit } from './modules/ems/simulator/device-model';
import { UnitRegistry } from './units/unit-registry';

// Ambulance device simulator: each unit of fixtures/ems (or N copies for a load test) publishes GPS, and the first
// M units monitor readings (a deteriorating patient on every other one), at 1 Hz over MQTT, QoS 1.
// Usage: node dist/ems-sim-cli.js [mqtt://user:password@127.0.0.1:1883] [--units N] [--monitors M] [--seconds S]
// Devices log in as their unit id with EMS_DEVICE_PASSWORD, or with their own password derived from the device key of
// network-config/scripts/mqtt-up.sh (.runtime/secrets/ems_mqtt_device_key.txt). Units beyond the fleet are SIM-001…
// (the gateway and the broker know them when started with EMS_SIM_UNITS).
const ROOT_DIR = path.resolve(process.env.PROJECT_ROOT ?? path.join(__dirname, '../..'));

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? undefined : Number(process.argv[i + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

async function main(): Promise<void> {
  const broker = new URL(process.argv.slice(2).find((a) => a.startsWith('mqtt://')) ?? process.env.EMS_MQTT_DEVICE_URL ?? 'mqtt://127.0.0.1:1883');
  const rules = EmsRules.fromDir(path.join(ROOT_DIR, 'fixtures', 'ems'));
  const registry = UnitRegistry.fromFile(path.join(ROOT_DIR, 'fixtures', 'units.json'));
  const targets = new TambonGazetteer(registry.all()).points();
  // the illustrative road graph of fixtures/ems/road-network.json (units drive town to town)
  const roads = JSON.parse(readFileSync(path.join(ROOT_DIR, 'fixtures', 'ems', 'road-network.json'), 'utf8')) as RoadNetwork;
  const count = flag('units', rules.fleet.units.length);
  const monitors = flag('monitors', Math.min(count, 10));
  const seconds = flag('seconds', 300);
  const random = seededRandom(flag('seed', 1669));
  const units: SimulatedUnit[] = Array.from({ length: count }, (_, i) => {
    const unit = rules.fleet.units[i % rules.fleet.units.length];
    if (unit === undefined) throw new Error('empty fleet');
    const target = targets[Math.floor(random() * targets.length)] ?? unit.base;
    return {
      unitId: i < rules.fleet.units.length ? unit.unitId : `SIM-${String(i - rules.fleet.units.length + 1).padStart(3, '0')}`,
      route: roadRoute(roads, unit.base, target),
      speedKmh: rules.fleet.averageSpeedKmh[unit.level] ?? 50,
      course: i % 2 === 0 ? 'deteriorating' : 'stable',
      monitor: i < monitors,
    };
  });
  const keyFile = path.join(process.env.RUNTIME_DIR ?? path.join(ROOT_DIR, '.runtime'), 'secrets', 'ems_mqtt_device_key.txt');
  const deviceKey = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : undefined;
  const fixed = process.env.EMS_DEVICE_PASSWORD ?? (broker.password === '' ? undefined : decodeURIComponent(broker.password));
  const passwordOf = (unitId: string): string | undefined => fixed ?? (deviceKey === undefined ? undefined : createHmac('sha256', deviceKey).update(unitId).digest('hex').slice(0, 32));
  const publishers = await Promise.all(
    units.map(async (u) =>
      MqttPublisher.connect({
        host: broker.hostname,
        port: Number(broker.port || 1883),
        clientId: `device-${u.unitId}`,
        username: broker.username === '' ? u.unitId : decodeURIComponent(broker.username),
        ...(passwordOf(u.unitId) === undefined ? {} : { password: passwordOf(u.unitId) }),
      }),
    ),
  );
  const start = new Date();
  let sent = 0;
  for (let t = 0; t < seconds; t += 1) {
    const due = start.getTime() + t * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
    const messages = deviceMessages(units, t, new Date(start), random).map((m) => ({ ...m, message: { ...m.message, at: new Date().toISOString() } }));
    await Promise.all(messages.map(async (m, i) => publishers[i]?.publish(`ems/units/${m.unitId}/telemetry`, Buffer.from(JSON.stringify(m.message)))));
    sent += messages.length;
  }
  for (const p of publishers) p.close();
  process.stdout.write(`${String(sent)} messages from ${String(units.length)} units (${String(monitors)} monitors) in ${String(seconds)} s\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`ems simulator failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
