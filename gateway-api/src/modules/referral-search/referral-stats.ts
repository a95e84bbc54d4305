import { REFERRAL_STATUSES, type ReferralDocument, type ReferralStatus } from '../../store/read-model';

/** The fields statistics need. */
export type StatsReferral = Pick<ReferralDocument, 'id' | 'fromHcode' | 'toHcode' | 'status' | 'createdAt' | 'steps'> & { readonly rejection?: unknown };

/** Figures for one unit (or the whole scope). */
export interface ReferralStats {
  readonly total: number;
  readonly byStatus: Readonly<Record<ReferralStatus, number>>;
  /** From the create step to the first accept step, over referrals accepted at some point. */
  readonly timeToAcceptance: { readonly count: number; readonly medianMinutes: number | null; readonly p90Minutes: number | null };
  /** `rate` = rejected ÷ referrals answered (accepted at some point, or rejected); per reason, share of the rejections. */
  readonly rejections: {
    readonly count: number;
    readonly rate: number | null;
    readonly byReason: readonly { readonly reasonCode: string; readonly count: number; readonly share: number }[];
  };
  readonly noShows: number;
  readonly cancellations: number;
}

const MINUTE_MS = 60_000;

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Median of sorted values (mean of the middle two for an even count). */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

function minutesToAcceptance(referral: StatsReferral): number | undefined {
  const created = referral.steps.find((s) => s.action === 'create');
  const accepted = referral.steps.find((s) => s.action === 'accept');
  if (created === undefined || accepted === undefined) return undefined;
  const ms = Date.parse(accepted.at) - Date.parse(created.at);
  return Number.isFinite(ms) && ms >= 0 ? ms / MINUTE_MS : undefined;
}

function rejectionReason(referral: StatsReferral): string {
  const rejection = referral.rejection;
  if (typeof rejection === 'object' && rejection !== null) {
    const code = (rejection as { reasonCode?: unknown }).reasonCode;
    if (typeof code === 'string' && code !== '') return code;
  }
  return 'unknown';
}

/** Counts by status, time to acceptance (median, p90), rejection rate by reason, no-shows, cancellations. */
export function referralStats(referrals: readonly StatsReferral[]): ReferralStats {
  const byStatus = Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, 0])) as Record<ReferralStatus, number>;
  const acceptanceMinutes: number[] = [];
  const reasons = new Map<string, number>();
  let answered = 0;
  for (const referral of referrals) {
    const status = referral.status as ReferralStatus;
    if (status in byStatus) byStatus[status]++;
    const minutes = minutesToAcceptance(referral);
    if (minutes !== undefined) acceptanceMinutes.push(minutes);
    if (status === 'rejected') {
      const reason = rejectionReason(referral);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    if (status === 'rejected' || referral.steps.some((s) => s.action === 'accept')) answered++;
  }
  acceptanceMinutes.sort((a, b) => a - b);
  const rejected = byStatus.rejected;
  const med = median(acceptanceMinutes);
  const p90 = percentile(acceptanceMinutes, 90);
  return {
    total: referrals.length,
    byStatus,
    timeToAcceptance: { count: acceptanceMinutes.length, medianMinutes: med === null ? null : round(med), p90Minutes: p90 === null ? null : round(p90) },
    rejections: {
      count: rejected,
      rate: answered === 0 ? null : round(rejected / answered, 4),
      byReason: [...reasons.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([reasonCode, count]) => ({ reasonCode, count, share: round(count / rejected, 4) })),
    },
    noShows: byStatus['no-show'],
    cancellations: byStatus.cancelled,
  };
}
