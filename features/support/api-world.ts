import { randomUUID } from 'node:crypto';
import { World, setWorldConstructor, setDefaultTimeout, type IWorldOptions } from '@cucumber/cucumber';
import { DEMO_PASSWORD } from './staff';

/** An HTTP answer as the steps see it. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

const tokens = new Map<string, string>();
setDefaultTimeout(60_000);

/** Scenario state: who is signed in, the last API answer and the referrals made so far. */
export class ApiWorld extends World {
  public readonly baseUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
  public currentUser: string | undefined;
  public last: ApiResponse | undefined;
  public referralId: string | undefined;

  public constructor(options: IWorldOptions) {
    super(options);
  }

  /** A new referral ID unique to this run. */
  public newReferralId(): string {
    return `R-bdd-${randomUUID()}`;
  }

  /** Signs `username` in (once per run) and makes them the current user. */
  public async signIn(username: string): Promise<void> {
    if (!tokens.has(username)) {
      const res = await this.call('POST', '/api/auth/login', { username, password: DEMO_PASSWORD }, null);
      if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(username, (res.body as { token: string }).token);
    }
    this.currentUser = username;
  }

  /** Calls the API as `as` (default: the current user; null: no token) and remembers the answer. */
  public async call(method: string, path: string, body?: unknown, as?: string | null, rawBody?: string): Promise<ApiResponse> {
    const user = as === undefined ? this.currentUser : as;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (user) {
      if (!tokens.has(user)) await this.signIn(user);
      headers.authorization = `Bearer ${tokens.get(user) ?? ''}`;
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
    this.last = { status: res.status, body: parsed };
    return this.last;
  }

  /** The error code of the last answer, if it was an error. */
  public lastErrorCode(): string | undefined {
    return (this.last?.body as { error?: { code?: string } } | undefined)?.error?.code;
  }
}

setWorldConstructor(ApiWorld);
