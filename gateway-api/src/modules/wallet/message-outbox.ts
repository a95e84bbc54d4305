import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** A message to a citizen, queued for the SMS or LINE adapter. */
export interface OutboxMessage {
  readonly channel: 'sms' | 'line';
  /** Mobile number (SMS) or LINE user id. */
  readonly to: string;
  readonly kind: 'otp' | 'booking-confirmed' | 'reminder' | 'waiting-list-seat' | 'booking-cancelled';
  readonly textTh: string;
  readonly bookingId?: string;
  readonly queuedAt: string;
  /** For a LINE message: the mobile number to use by SMS when LINE is off or fails. */
  readonly fallbackTo?: string;
  /** How a LINE message went out (set by the dispatching outbox). */
  readonly delivery?: 'line-sent' | 'line-failed' | 'sms-fallback';
}

/** Where the wallet queues messages; a real adapter drains it, development reads it. */
export interface MessageOutbox {
  queue(message: OutboxMessage): Promise<void>;
}

/** Keeps messages in memory (tests). */
export class InMemoryOutbox implements MessageOutbox {
  public readonly messages: OutboxMessage[] = [];

  public async queue(message: OutboxMessage): Promise<void> {
    this.messages.push(message);
    return Promise.resolve();
  }
}

/** Development SMS/LINE simulator: appends one JSON line per message to `file` (read it with `tail -f`). */
export class JsonLinesOutbox implements MessageOutbox {
  readonly #file: string;

  public constructor(file: string) {
    this.#file = file;
  }

  public async queue(message: OutboxMessage): Promise<void> {
    await mkdir(path.dirname(this.#file), { recursive: true });
    await appendFile(this.#file, `${JSON.stringify(message)}\n`, 'utf8');
  }
}
