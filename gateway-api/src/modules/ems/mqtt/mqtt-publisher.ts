import net from 'node:net';
import { DISCONNECT, PACKET, PacketReader, connectPacket, publishPacket } from './mqtt-packets';

/** A minimal MQTT 3.1.1 publisher (QoS 1) for the device simulator and the load benchmark. */
export class MqttPublisher {
  readonly #socket: net.Socket;
  readonly #pending = new Map<number, () => void>();
  #nextId = 1;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
  }

  /** Connects and waits for the broker's CONNACK. */
  public static async connect(o: { host: string; port: number; clientId: string; username?: string; password?: string }): Promise<MqttPublisher> {
    const socket = net.connect({ host: o.host, port: o.port });
    const publisher = new MqttPublisher(socket);
    const reader = new PacketReader();
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.on('connect', () => {
        socket.write(
          connectPacket({
            clientId: o.clientId,
            ...(o.username === undefined ? {} : { username: o.username }),
            ...(o.password === undefined ? {} : { password: o.password }),
            keepAliveSeconds: 60,
            cleanSession: true,
          }),
        );
      });
      socket.on('data', (chunk: Buffer) => {
        for (const p of reader.push(chunk)) {
          if (p.type === PACKET.CONNACK) {
            if (p.body[1] === 0) resolve();
            else reject(new Error(`broker refused ${o.clientId} (code ${String(p.body[1])})`));
          } else if (p.type === PACKET.PUBACK) {
            const id = p.body.readUInt16BE(0);
            publisher.#pending.get(id)?.();
            publisher.#pending.delete(id);
          }
        }
      });
    });
    return publisher;
  }

  /** Publishes with QoS 1 and resolves on the broker's PUBACK. */
  public publish(topic: string, payload: Buffer): Promise<void> {
    const id = this.#nextId;
    this.#nextId = this.#nextId >= 65535 ? 1 : this.#nextId + 1;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#socket.write(publishPacket(topic, payload, 1, id));
    });
  }

  public close(): void {
    this.#socket.end(DISCONNECT);
  }
}
