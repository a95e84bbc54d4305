import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { harness } from '../test-support/ems-harness';
import { MqttPublisher } from './mqtt-publisher';
import { MqttSubscriber } from './mqtt-subscriber';
import { PACKET, PacketReader, parsePublish, publishPacket } from './mqtt-packets';
import { TELEMETRY_FILTER, telemetryHandler, type BridgeCounters } from './telemetry-bridge';

/** A tiny broker for the test: accepts one subscriber, remembers unacknowledged QoS 1 messages, redelivers them. */
class FakeBroker {
  readonly server: net.Server;
  readonly sockets = new Set<net.Socket>();
  readonly unacked = new Map<number, { topic: string; payload: Buffer }>();
  subscriber: net.Socket | undefined;
  #nextId = 1;
  connects = 0;

  constructor() {
    this.server = net.createServer((socket) => {
      this.sockets.add(socket);
      const reader = new PacketReader();
      socket.on('data', (chunk: Buffer) => {
        for (const p of reader.push(chunk)) {
          if (p.type === PACKET.CONNECT) {
            this.connects += 1;
            socket.write(Buffer.from([PACKET.CONNACK << 4, 2, 1, 0]));
          } else if (p.type === PACKET.SUBSCRIBE) {
            socket.write(Buffer.from([PACKET.SUBACK << 4, 3, p.body[0] ?? 0, p.body[1] ?? 0, 1]));
            this.subscriber = socket;
            for (const [id, m] of this.unacked) socket.write(publishPacket(m.topic, m.payload, 1, id));
          } else if (p.type === PACKET.PUBACK) {
            this.unacked.delete(p.body.readUInt16BE(0));
          } else if (p.type === PACKET.PUBLISH) {
            const m = parsePublish(p);
            if (m.qos > 0) socket.write(Buffer.from([PACKET.PUBACK << 4, 2, m.packetId >> 8, m.packetId & 0xff]));
            this.publish(m.topic, m.payload);
          }
        }
      });
      socket.on('close', () => {
        this.sockets.delete(socket);
        if (this.subscriber === socket) this.subscriber = undefined;
      });
      socket.on('error', () => undefined);
    });
  }

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  publish(topic: string, payload: Buffer): void {
    const id = this.#nextId++;
    this.unacked.set(id, { topic, payload });
    this.subscriber?.write(publishPacket(topic, payload, 1, id));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const reading = (hr: number, at = '2026-11-30T03:00:00Z'): Buffer => Buffer.from(JSON.stringify({ at, vitals: { hr }, position: { lat: 13.69, lng: 101.08 } }));

describe('MQTT telemetry bridge', () => {
  it('stores device readings, rejects forged and malformed ones with a code, and resumes after a broker restart without loss', async () => {
    const h = await harness();
    const counters: BridgeCounters = { stored: 0, rejected: 0 };
    const lines: string[] = [];
    const broker = new FakeBroker();
    const port = await broker.listen();
    const sub = new MqttSubscriber(
      { host: '127.0.0.1', port, clientId: 'cco-gateway-ems', topicFilter: TELEMETRY_FILTER, initialRetryMs: 50, maxRetryMs: 200, log: (l) => lines.push(l) },
      telemetryHandler(h.service, counters, (l) => lines.push(l)),
    );
    sub.start();
    try {
      await until(() => broker.subscriber !== undefined);
      broker.publish('ems/units/BSH-ALS-1/telemetry', reading(80));
      broker.publish('ems/units/NOPE-9/telemetry', reading(80));
      broker.publish('ems/units/BSH-ALS-1/telemetry', Buffer.from('{not json'));
      broker.publish('ems/units/BSH-ALS-1/telemetry', Buffer.from(JSON.stringify({ at: 'now' })));
      broker.publish('ems/units/BSH-ALS-1/telemetry', reading(400, '2026-11-30T03:00:01Z'));
      await until(() => counters.stored + counters.rejected === 5);
      expect(counters.stored).toBe(2);
      expect(counters.rejected).toBe(3);
      expect(lines.some((l) => l.includes('UNKNOWN_EMS_UNIT'))).toBe(true);
      expect(lines.some((l) => l.includes('MALFORMED_JSON'))).toBe(true);
      expect((await h.store.getUnit('BSH-ALS-1'))?.position).toEqual(expect.objectContaining({ lat: 13.69 }));
      await until(() => broker.unacked.size === 0);

      // the broker restarts: messages published meanwhile are kept (persistent session) and delivered after reconnecting
      for (const s of broker.sockets) s.destroy();
      broker.publish('ems/units/BSH-ALS-1/telemetry', reading(90, '2026-11-30T03:00:02Z'));
      await until(() => sub.connections >= 2 && counters.stored === 3);
      expect(broker.connects).toBeGreaterThanOrEqual(2);
      await until(() => broker.unacked.size === 0);

      // a device publishes through the broker (QoS 1, acknowledged)
      const device = await MqttPublisher.connect({ host: '127.0.0.1', port, clientId: 'device-BSH-ALS-1', username: 'BSH-ALS-1', password: 'x' });
      await device.publish('ems/units/BSH-ALS-1/telemetry', reading(95, '2026-11-30T03:00:03Z'));
      device.close();
      await until(() => counters.stored === 4);
    } finally {
      sub.stop();
      await broker.close();
    }
  }, 20_000);

  it("accepts a unit's next message before the previous one is stored, and acknowledges each only once stored", async () => {
    const broker = new FakeBroker();
    const port = await broker.listen();
    const accepted: string[] = [];
    const releases: (() => void)[] = [];
    const sub = new MqttSubscriber({ host: '127.0.0.1', port, clientId: 'cco-gateway-ems', topicFilter: TELEMETRY_FILTER, log: () => undefined }, async (_topic, payload) => {
      accepted.push(payload.toString());
      return { stored: new Promise<void>((resolve) => releases.push(resolve)) };
    });
    sub.start();
    try {
      await until(() => broker.subscriber !== undefined);
      broker.publish('ems/units/BSH-ALS-1/telemetry', Buffer.from('1'));
      broker.publish('ems/units/BSH-ALS-1/telemetry', Buffer.from('2'));
      // both accepted in order while neither is stored: nothing acknowledged yet
      await until(() => accepted.length === 2);
      expect(accepted).toEqual(['1', '2']);
      await new Promise((r) => setTimeout(r, 50));
      expect(broker.unacked.size).toBe(2);
      // the second stored first: its PUBACK still waits for the first (acknowledgements in arrival order)
      releases[1]?.();
      await new Promise((r) => setTimeout(r, 50));
      expect(broker.unacked.size).toBe(2);
      releases[0]?.();
      await until(() => broker.unacked.size === 0);
    } finally {
      sub.stop();
      await broker.close();
    }
  }, 10_000);
});
