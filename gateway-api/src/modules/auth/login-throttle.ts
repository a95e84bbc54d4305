import { ApiError } from '../../http/api-error';

/** Limits of failed sign-ins (identity, issue 15); every figure can be set through the environment. */
export interface ThrottleLimits {
  /** Failed sign-ins of one account within `windowMs` that lock it. */
  readonly perAccount: number;
  /** Failed sign-ins from one address within `windowMs` that block the address. */
  readonly perAddress: number;
  readonly windowMs: number;
  /** How long a locked account or blocked address waits. */
  readonly lockMs: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { perAccount: 5, perAddress: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export function limitsFromEnv(env: NodeJS.ProcessEnv): ThrottleLimits {
  const n = (name: string, fallback: number): number => {
    const v = Number(env[name]);
    return Number.isInteger(v) && v > 0 ? v : fallback;
  };
  return {
    perAccount: n('LOGIN_MAX_FAILURES_PER_ACCOUNT', DEFAULT_LIMITS.perAccount),
    perAddress: n('LOGIN_MAX_FAILURES_PER_ADDRESS', DEFAULT_LIMITS.perAddress),
    windowMs: n('LOGIN_FAILURE_WINDOW_SECONDS', DEFAULT_LIMITS.windowMs / 1000) * 1000,
    lockMs: n('LOGIN_LOCK_SECONDS', DEFAULT_LIMITS.lockMs / 1000) * 1000,
  };
}

interface Counter {
  failures: number[];
  lockedUntil: number;
}

/**
 * Failed sign-in limits per account and per client address (in memory, one gateway process). A locked account
 * answers 429 ACCOUNT_LOCKED even with the right password, until the lock ends; a blocked address answers 429
 * TOO_MANY_ATTEMPTS. A successful sign-in clears the account's failures (not the address's).
 */
export class LoginThrottle {
  readonly #limits: ThrottleLimits;
  readonly #now: () => number;
  readonly #accounts = new Map<string, Counter>();
  readonly #addresses = new Map<string, Counter>();

  public constructor(limits: ThrottleLimits = DEFAULT_LIMITS, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  /** @throws ApiError ACCOUNT_LOCKED or TOO_MANY_ATTEMPTS before the password is even checked. */
  public check(username: string, address: string): void {
    const now = this.#now();
    const addr = this.#addresses.get(address);
    if (addr !== undefined && addr.lockedUntil > now) {
      throw new ApiError('TOO_MANY_ATTEMPTS', `too many failed sign-ins from this address; try again in ${Math.ceil((addr.lockedUntil - now) / 1000)} s`, { retryAfterSeconds: Math.ceil((addr.lockedUntil - now) / 1000) });
    }
    const acc = this.#accounts.get(username);
    if (acc !== undefined && acc.lockedUntil > now) {
      throw new ApiError('ACCOUNT_LOCKED', `the account is locked after ${this.#limits.perAccount} failed sign-ins; try again in ${Math.ceil((acc.lockedUntil - now) / 1000)} s`, { retryAfterSeconds: Math.ceil((acc.lockedUntil - now) / 1000) });
    }
  }

  public failed(username: string, address: string): void {
    this.#count(this.#accounts, username, this.#limits.perAccount);
    this.#count(this.#addresses, address, this.#limits.perAddress);
  }

  public succeeded(username: string): void {
    this.#accounts.delete(username);
  }

  #count(map: Map<string, Counter>, key: string, limit: number): void {
    const now = this.#now();
    const counter = map.get(key) ?? { failures: [], lockedUntil: 0 };
    counter.failures = counter.failures.filter((t) => t > now - this.#limits.windowMs);
    counter.failures.push(now);
    if (counter.failures.length >= limit) {
      counter.lockedUntil = now + this.#limits.lockMs;
      counter.failures = [];
    }
    map.set(key, counter);
    if (map.size > 100_000) map.delete(map.keys().next().value as string); // bounded memory under a spray
  }
}
