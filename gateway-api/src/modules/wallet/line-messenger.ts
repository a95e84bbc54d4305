import type { MessageOutbox, OutboxMessage } from './message-outbox';

/** Sends a text to a LINE user (the LINE Messaging API "push message"); behind an interface so tests use a fake. */
export interface LineMessenger {
  push(lineUserId: string, text: string): Promise<void>;
}

/** Settings of the real LINE adapter; off unless `enabled` and a channel access token are given. */
export interface LineSettings {
  readonly enabled: boolean;
  /** Push endpoint (default the LINE Messaging API's). */
  readonly endpoint: string;
  readonly channelAccessToken: string;
  readonly timeoutMs: number;
}

/** LINE settings from the environment: WALLET_LINE_ENABLED=1, WALLET_LINE_TOKEN, WALLET_LINE_ENDPOINT. */
export function lineSettingsFrom(env: NodeJS.ProcessEnv): LineSettings {
  const token = env.WALLET_LINE_TOKEN ?? '';
  return {
    enabled: env.WALLET_LINE_ENABLED === '1' && token !== '',
    endpoint: env.WALLET_LINE_ENDPOINT ?? 'https://api.line.me/v2/bot/message/push',
    channelAccessToken: token,
    timeoutMs: Number(env.WALLET_LINE_TIMEOUT_MS ?? 5000),
  };
}

/** The real adapter: `POST <endpoint> {to, messages:[{type:'text', text}]}` with the channel access token. */
export class HttpLineMessenger implements LineMessenger {
  readonly #settings: LineSettings;
  readonly #fetch: typeof fetch;

  public constructor(settings: LineSettings, fetchImpl: typeof fetch = fetch) {
    this.#settings = settings;
    this.#fetch = fetchImpl;
  }

  public async push(lineUserId: string, text: string): Promise<void> {
    const res = await this.#fetch(this.#settings.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.#settings.channelAccessToken}` },
      body: JSON.stringify({ to: lineUserId, messages: [{ type: 'text', text }] }),
      signal: AbortSignal.timeout(this.#settings.timeoutMs),
    });
    if (!res.ok) throw new Error(`LINE push answered ${String(res.status)}`);
  }
}

/** A LINE messenger for tests: records every push, and fails while `failing` is set. */
export class FakeLineMessenger implements LineMessenger {
  public readonly pushed: Array<{ to: string; text: string }> = [];
  public failing = false;

  public async push(lineUserId: string, text: string): Promise<void> {
    await Promise.resolve();
    if (this.failing) throw new Error('LINE unavailable (fake)');
    this.pushed.push({ to: lineUserId, text });
  }
}

/**
 * The wallet's outbox: every message is recorded in `record` (the development SMS/LINE simulator file, or
 * memory in tests); a `line` message is also pushed through the LINE adapter when one is configured. When the
 * push fails, or LINE is off, the message goes by SMS to `fallbackTo` (the citizen's mobile) instead.
 */
export class DispatchingOutbox implements MessageOutbox {
  readonly #record: MessageOutbox;
  readonly #line: LineMessenger | undefined;
  readonly #log: (line: string) => void;

  public constructor(record: MessageOutbox, line?: LineMessenger, log: (line: string) => void = () => undefined) {
    this.#record = record;
    this.#line = line;
    this.#log = log;
  }

  public get lineEnabled(): boolean {
    return this.#line !== undefined;
  }

  public async queue(message: OutboxMessage): Promise<void> {
    if (message.channel !== 'line') {
      await this.#record.queue(message);
      return;
    }
    if (this.#line !== undefined) {
      try {
        await this.#line.push(message.to, message.textTh);
        await this.#record.queue({ ...message, delivery: 'line-sent' });
        return;
      } catch (err) {
        this.#log(`wallet: LINE push failed (${err instanceof Error ? err.message : String(err)}); sending by SMS`);
      }
    }
    if (message.fallbackTo === undefined) {
      await this.#record.queue({ ...message, delivery: 'line-failed' });
      return;
    }
    const { fallbackTo, ...rest } = message;
    await this.#record.queue({ ...rest, channel: 'sms', to: fallbackTo, delivery: 'sms-fallback' });
  }
}
