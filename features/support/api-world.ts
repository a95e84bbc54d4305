import { randomUUID } from 'node:crypto';
import { World, setWorldConstructor, setDefaultTimeout, type IWorldOptions } from '@cucumber/cucumber';
import { DEMO_PASSWORD } from './staff';

/** An HTTP answer as the steps see it. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/** A signed-in user's tokens (access tokens live 15 minutes; the refresh token renews them). */
interface Tokens {
  token: string;
  refreshToken: string | undefined;
  expiresAt: number;
}

const tokens = new Map<string, Tokens>();
/** Renew this long before the access token expires. */
const RENEW_AHEAD_MS = 60_000;
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
    if (!tokens.has(username)) await this.#login(username);
    this.currentUser = username;
  }

  async #login(username: string): Promise<void> {
    const res = await this.call('POST', '/api/auth/login', { username, password: DEMO_PASSWORD }, null);
    if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    tokens.set(username, tokensOf(res.body));
  }

  /** The user's access token, renewed through POST /api/auth/refresh (or a new sign-in) when it is about to expire. */
  async #tokenOf(user: string): Promise<string> {
    const held = tokens.get(user);
    if (held === undefined) {
      await this.#login(user);
    } else if (Date.now() >= held.expiresAt - RENEW_AHEAD_MS) {
      const res = held.refreshToken === undefined ? undefined : await fetch(`${this.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: held.refreshToken }) });
      if (res?.status === 200) tokens.set(user, tokensOf(await res.json()));
      else await this.#login(user);
    }
    return tokens.get(user)?.token ?? '';
  }

  /** Forgets a user's tokens (e.g. after a scenario revoked or suspended them). */
  public forgetTokens(username: string): void {
    tokens.delete(username);
  }

  /** Calls the API as `as` (default: the current user; null: no token) and remembers the answer. */
  public async call(method: string, path: string, body?: unknown, as?: string | null, rawBody?: string): Promise<ApiResponse> {
    const user = as === undefined ? this.currentUser : as;
    return this.callWithToken(method, path, user ? await this.#tokenOf(user) : undefined, body, rawBody);
  }

  /** Calls the API with this bearer token (none: undefined), e.g. a citizen's or a just-issued one, and remembers the answer. */
  public async callWithToken(method: string, path: string, token: string | undefined, body?: unknown, rawBody?: string): Promise<ApiResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
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

function tokensOf(body: unknown): Tokens {
  const b = body as { token: string; refreshToken?: string; expiresIn?: number };
  return { token: b.token, refreshToken: b.refreshToken, expiresAt: Date.now() + (b.expiresIn ?? 900) * 1000 };
}

setWorldConstructor(ApiWorld);
