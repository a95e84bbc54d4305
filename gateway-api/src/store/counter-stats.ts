import type { Direction, ReferralFilter } from '../modules/referral-search/referral-filter';
import type { ReferralStats } from '../modules/referral-search/referral-stats';
import { REFERRAL_STATUSES, type ReferralStatus } from './read-model';
import { monthInRange, parseCounterId, type StatsDocument } from './list-buckets';

const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Middle of a time-to-acceptance bin (see acceptanceBin). */
function binMiddle(bin: number): number {
  const step = bin < 60 ? 5 : bin < 240 ? 15 : bin < 1440 ? 60 : 360;
  return bin + step / 2;
}

/** Value of the 1-based `rank` in a histogram (bin value → count), bins ascending. */
function valueAtRank(bins: readonly (readonly [number, number])[], rank: number): number | null {
  let seen = 0;
  for (const [value, count] of bins) {
    seen += count;
    if (seen >= rank) return value;
  }
  return null;
}

/**
 * The figures of referralStats() from a scope's counter document, over the months of the filter.
 * Time to acceptance comes from a histogram (whole minutes below a day, whole hours above), so its
 * median and p90 are the middles of those bins.
 */
export function statsFromCounter(counter: StatsDocument | null | undefined, filter: Pick<ReferralFilter, 'createdFrom' | 'createdBefore'>): ReferralStats {
  const byStatus = Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, 0])) as Record<ReferralStatus, number>;
  let answered = 0;
  const reasons = new Map<string, number>();
  const tta = new Map<number, number>();
  for (const [month, sums] of Object.entries(counter?.s ?? {})) {
    if (!monthInRange(month, filter)) continue;
    for (const [status, n] of Object.entries(sums.st ?? {})) if (status in byStatus) byStatus[status as ReferralStatus] += n;
    answered += sums.answered ?? 0;
    for (const [reason, n] of Object.entries(sums.rej ?? {})) reasons.set(reason, (reasons.get(reason) ?? 0) + n);
    for (const [bin, n] of Object.entries(sums.tta ?? {})) tta.set(binMiddle(Number(bin)), (tta.get(binMiddle(Number(bin))) ?? 0) + n);
  }
  const bins = [...tta.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const count = bins.reduce((acc, [, n]) => acc + n, 0);
  let median: number | null = null;
  if (count > 0) {
    const mid = Math.floor(count / 2);
    median = count % 2 === 1 ? valueAtRank(bins, mid + 1) : ((valueAtRank(bins, mid) ?? 0) + (valueAtRank(bins, mid + 1) ?? 0)) / 2;
  }
  const p90 = count === 0 ? null : valueAtRank(bins, Math.max(1, Math.ceil(0.9 * count)));
  const rejected = byStatus.rejected;
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return {
    total,
    byStatus,
    timeToAcceptance: { count, medianMinutes: median === null ? null : round(median), p90Minutes: p90 === null ? null : round(p90) },
    rejections: {
      count: rejected,
      rate: answered === 0 ? null : round(rejected / answered, 4),
      byReason: [...reasons.entries()]
        .filter(([, n]) => n > 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([reasonCode, n]) => ({ reasonCode, count: n, share: round(n / rejected, 4) })),
    },
    noShows: byStatus['no-show'],
    cancellations: byStatus.cancelled,
  };
}

/** The hcode of a unit's statistics document (`sta|<hcode>|<direction>`), if it is one for `direction`. */
export function unitOfStats(id: string, direction: Direction): string | undefined {
  const parsed = parseCounterId(id);
  return parsed.kind === 'sta' && parsed.dir === direction ? parsed.scope.split('|')[0] : undefined;
}
