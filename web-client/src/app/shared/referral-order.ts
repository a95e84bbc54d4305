import type { Referral, ReferralPage, ReferralStatus } from './referral';

/**
 * Inbox order, the same as GET /api/referrals: fast-track first, then priority
 * (1 = life threatening first), then newest. Returns a new array.
 */
export function sortForInbox<T extends Pick<Referral, 'fastTrack' | 'priority' | 'createdAt'>>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    const fa = a.fastTrack ? 0 : 1;
    const fb = b.fastTrack ? 0 : 1;
    if (fa !== fb) return fa - fb;
    if (a.priority !== b.priority) return a.priority - b.priority;
    return b.createdAt.localeCompare(a.createdAt);
  });
}

/** Statuses still waiting for someone to act. */
export const OPEN_STATUSES: readonly ReferralStatus[] = ['requested', 'received', 'accepted', 'arrived'];

/** The `status` query value for a list filter: 'open' means every open status; '' means all. */
export function statusQuery(filter: string): string | undefined {
  if (filter === '') return undefined;
  return filter === 'open' ? OPEN_STATUSES.join(',') : filter;
}

/** When the referral entered its current status: the last step's time, else updatedAt. */
export function enteredStateAt(r: Pick<Referral, 'steps' | 'updatedAt'>): string {
  return r.steps.at(-1)?.at ?? r.updatedAt;
}

/**
 * Reads a GET /api/referrals answer into a page. Accepts `{ items|referrals|data|results, total, page, pageSize }`
 * or a bare array; entries without an id are dropped.
 */
export function normaliseReferralPage(body: unknown): ReferralPage {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const list = Array.isArray(body) ? body : (['items', 'referrals', 'data', 'results'].map((k) => b[k]).find((v) => Array.isArray(v)) as unknown[] | undefined) ?? [];
  const items = list.filter((r): r is Referral => typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string').map(withDefaults);
  const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return { items, total: num(b['total'], items.length), page: num(b['page'], 1), pageSize: num(b['pageSize'], items.length) };
}

/** Fills fields a list projection may leave out so the views need no guards. */
export function withDefaults(r: Referral): Referral {
  return { ...r, steps: Array.isArray(r.steps) ? r.steps : [], priority: Number(r.priority), createdAt: r.createdAt ?? r.updatedAt ?? '', updatedAt: r.updatedAt ?? r.createdAt ?? '' };
}
