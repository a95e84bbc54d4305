/** The few MQTT 3.1.1 packets the telemetry bridge needs (OASIS MQTT 3.1.1, §2-3). */

export const PACKET = { CONNECT: 1, CONNACK: 2, PUBLISH: 3, PUBACK: 4, SUBSCRIBE: 8, SUBACK: 9, PINGREQ: 12, PINGRESP: 13, DISCONNECT: 14 } as const;

function remainingLength(n: number): Buffer {
  const bytes: number[] = [];
  let x = n;
  do {
    let b = x % 128;
    x = Math.floor(x / 128);
    if (x > 0) b |= 0x80;
    bytes.push(b);
  } while (x > 0);
  return Buffer.from(bytes);
}

function str(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(b.length);
  return Buffer.concat([len, b]);
}

function packet(typeAndFlags: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([typeAndFlags]), remainingLength(body.length), body]);
}

/** CONNECT with a client id, optional credentials, keep-alive in seconds and the clean-session flag. */
export function connectPacket(o: { clientId: string; username?: string; password?: string; keepAliveSeconds: number; cleanSession: boolean }): Buffer {
  let flags = o.cleanSession ? 0x02 : 0;
  if (o.username !== undefined) flags |= 0x80;
  if (o.password !== undefined) flags |= 0x40;
  const keepAlive = Buffer.alloc(2);
  keepAlive.writeUInt16BE(o.keepAliveSeconds);
  const parts = [str('MQTT'), Buffer.from([4, flags]), keepAlive, str(o.clientId)];
  if (o.username !== undefined) parts.push(str(o.username));
  if (o.password !== undefined) parts.push(str(o.password));
  return packet(PACKET.CONNECT << 4, Buffer.concat(parts));
}

export function subscribePacket(packetId: number, topicFilter: string, qos: 0 | 1): Buffer {
  const id = Buffer.alloc(2);
  id.writeUInt16BE(packetId);
  return packet((PACKET.SUBSCRIBE << 4) | 0x02, Buffer.concat([id, str(topicFilter), Buffer.from([qos])]));
}

export function publishPacket(topic: string, payload: Buffer, qos: 0 | 1, packetId = 0): Buffer {
  const parts = [str(topic)];
  if (qos > 0) {
    const id = Buffer.alloc(2);
    id.writeUInt16BE(packetId);
    parts.push(id);
  }
  parts.push(payload);
  return packet((PACKET.PUBLISH << 4) | (qos << 1), Buffer.concat(parts));
}

export function pubackPacket(packetId: number): Buffer {
  const id = Buffer.alloc(2);
  id.writeUInt16BE(packetId);
  return packet(PACKET.PUBACK << 4, id);
}

export const PINGREQ = Buffer.from([PACKET.PINGREQ << 4, 0]);
export const PINGRESP = Buffer.from([PACKET.PINGRESP << 4, 0]);
export const DISCONNECT = Buffer.from([PACKET.DISCONNECT << 4, 0]);

/** One decoded packet: its type, flags and body. */
export interface Packet {
  readonly type: number;
  readonly flags: number;
  readonly body: Buffer;
}

/** Splits a byte stream into packets (keeps a partial packet for the next chunk). */
export class PacketReader {
  #buffer = Buffer.alloc(0);

  public push(chunk: Buffer): Packet[] {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const out: Packet[] = [];
    for (;;) {
      if (this.#buffer.length < 2) break;
      let length = 0;
      let multiplier = 1;
      let i = 1;
      let complete = false;
      while (i < this.#buffer.length && i <= 4) {
        const b = this.#buffer[i] ?? 0;
        length += (b & 0x7f) * multiplier;
        multiplier *= 128;
        i += 1;
        if ((b & 0x80) === 0) {
          complete = true;
          break;
        }
      }
      if (!complete) break;
      if (this.#buffer.length < i + length) break;
      const first = this.#buffer[0] ?? 0;
      out.push({ type: first >> 4, flags: first & 0x0f, body: this.#buffer.subarray(i, i + length) });
      this.#buffer = this.#buffer.subarray(i + length);
    }
    return out;
  }
}

/** Topic, payload, QoS and packet id of a PUBLISH body. */
export function parsePublish(p: Packet): { topic: string; payload: Buffer; qos: number; packetId: number } {
  const topicLength = p.body.readUInt16BE(0);
  const topic = p.body.subarray(2, 2 + topicLength).toString('utf8');
  const qos = (p.flags >> 1) & 0x03;
  let offset = 2 + topicLength;
  let packetId = 0;
  if (qos > 0) {
    packetId = p.body.readUInt16BE(offset);
    offset += 2;
  }
  return { topic, payload: p.body.subarray(offset), qos, packetId };
}
