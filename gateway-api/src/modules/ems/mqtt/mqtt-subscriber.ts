import net from 'node:net';
import { DISCONNECT, PACKET, PINGREQ, PacketReader, connectPacket, parsePublish, pubackPacket, subscribePacket } from './mqtt-packets';

/** Options of {@link MqttSubscriber}. */
export interface MqttSubscriberOptions {
  readonly host: string;
  readonly port: number;
  /** Fixed id with a persistent session, so QoS 1 messages published while the gateway is away are delivered later. */
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
  readonly topicFilter: string;
  readonly keepAliveSeconds?: number;
  readonly initialRetryMs?: number;
  readonly maxRetryMs?: number;
  readonly log: (line: string) => void;
}

/** What a message handler may return: `stored` settles when the message is durable (then it is acknowledged). */
export interface Accepted {
  readonly stored: Promise<void>;
}

/** Handles one message; resolves when the next message of the same topic may be handled. */
export type MessageHandler = (topic: string, payload: Buffer) => Promise<Accepted | undefined | void>;

/**
 * A minimal MQTT 3.1.1 subscriber (QoS 1, persistent session) that reconnects by itself with backoff after the broker
 * restarts. Messages of one topic are handed to `onMessage` in order, each once the previous one is accepted (its
 * promise resolved); a message is acknowledged only after it is stored (`stored`, when the handler returns one), so
 * a reading the store has not taken is redelivered rather than lost.
 */
export class MqttSubscriber {
  readonly #o: MqttSubscriberOptions;
  readonly #onMessage: MessageHandler;
  #socket: net.Socket | undefined;
  #timer: NodeJS.Timeout | undefined;
  #ping: NodeJS.Timeout | undefined;
  #retryMs: number;
  #stopped = false;
  #connected = false;
  /** Connections made so far (1 after the first, 2 after one reconnect...). */
  public connections = 0;

  public constructor(options: Readonly<MqttSubscriberOptions>, onMessage: MessageHandler) {
    this.#o = options;
    this.#onMessage = onMessage;
    this.#retryMs = options.initialRetryMs ?? 500;
  }

  public get connected(): boolean {
    return this.#connected;
  }

  public start(): void {
    this.#stopped = false;
    this.#connect();
  }

  public stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearInterval(this.#ping);
    if (this.#socket !== undefined && !this.#socket.destroyed) this.#socket.end(DISCONNECT);
    this.#socket = undefined;
    this.#connected = false;
  }

  #connect(): void {
    const socket = net.connect({ host: this.#o.host, port: this.#o.port });
    this.#socket = socket;
    const reader = new PacketReader();
    // messages of one topic (one unit) are accepted in order, different units concurrently; PUBACKs leave in the order
    // the PUBLISH packets came (MQTT 3.1.1 §4.6), each after its message is stored
    const perTopic = new Map<string, Promise<void>>();
    let acks = Promise.resolve();
    socket.on('connect', () => {
      socket.write(
        connectPacket({
          clientId: this.#o.clientId,
          ...(this.#o.username === undefined ? {} : { username: this.#o.username }),
          ...(this.#o.password === undefined ? {} : { password: this.#o.password }),
          keepAliveSeconds: this.#o.keepAliveSeconds ?? 30,
          cleanSession: false,
        }),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      for (const p of reader.push(chunk)) {
        if (p.type === PACKET.CONNACK) {
          if (p.body[1] !== 0) {
            this.#o.log(`mqtt: broker refused the connection (code ${String(p.body[1])})`);
            socket.destroy();
            return;
          }
          this.#connected = true;
          this.connections += 1;
          this.#retryMs = this.#o.initialRetryMs ?? 500;
          socket.write(subscribePacket(1, this.#o.topicFilter, 1));
          clearInterval(this.#ping);
          this.#ping = setInterval(() => socket.write(PINGREQ), ((this.#o.keepAliveSeconds ?? 30) * 1000) / 2);
          this.#ping.unref();
        } else if (p.type === PACKET.PUBLISH) {
          const m = parsePublish(p);
          const accepted = (perTopic.get(m.topic) ?? Promise.resolve()).then(async () => this.#onMessage(m.topic, m.payload));
          const handled = accepted.then(
            async (result) => {
              if (result) await result.stored;
              return true;
            },
          ).catch((err: unknown) => {
            this.#o.log(`mqtt: message on ${m.topic} not stored, will be redelivered: ${err instanceof Error ? err.message : String(err)}`);
            return false;
          });
          // the topic's next message waits until this one is accepted, not until it is stored
          const tail = accepted.then(
            () => undefined,
            () => undefined,
          );
          perTopic.set(m.topic, tail);
          void tail.then(() => {
            if (perTopic.get(m.topic) === tail) perTopic.delete(m.topic);
          });
          acks = acks.then(async () => {
            const ok = await handled;
            if (socket.destroyed) return;
            if (!ok) socket.destroy();
            else if (m.qos > 0) socket.write(pubackPacket(m.packetId));
          });
        }
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.#connected = false;
      clearInterval(this.#ping);
      if (this.#stopped) return;
      const wait = this.#retryMs;
      this.#retryMs = Math.min(this.#retryMs * 2, this.#o.maxRetryMs ?? 10_000);
      this.#timer = setTimeout(() => this.#connect(), wait);
      this.#timer.unref();
    });
  }
}
