import type { LedgerStep } from '../../fabric/referral-client';

/** One stay in a status. */
export interface StatusPeriod {
  readonly status: string;
  readonly enteredAt: string;
  /** null for the current status. */
  readonly leftAt: string | null;
  readonly minutes: number;
}

/** How long a referral spent in each status, from its signed steps. */
export interface TimeInState {
  readonly id: string;
  readonly status: string;
  readonly periods: readonly StatusPeriod[];
  /** Total minutes per status (a status entered twice adds up). */
  readonly totalMinutes: Readonly<Record<string, number>>;
  readonly currentStatusSince: string | null;
  readonly currentStatusAgeMinutes: number | null;
}

const round = (minutes: number): number => Math.round(minutes * 100) / 100;

/**
 * Periods between consecutive steps (ordered by time): each step starts a period in the status it
 * set; the last one runs until `now`.
 */
export function timeInState(referral: { readonly id: string; readonly status: string; readonly steps: readonly LedgerStep[] }, now: Date): TimeInState {
  const steps = [...referral.steps].filter((s) => Number.isFinite(Date.parse(s.at))).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const periods: StatusPeriod[] = steps.map((step, i) => {
    const next = steps[i + 1];
    const end = next === undefined ? now.getTime() : Date.parse(next.at);
    return { status: step.status, enteredAt: step.at, leftAt: next?.at ?? null, minutes: round(Math.max(0, end - Date.parse(step.at)) / 60_000) };
  });
  const totalMinutes: Record<string, number> = {};
  for (const period of periods) totalMinutes[period.status] = round((totalMinutes[period.status] ?? 0) + period.minutes);
  const current = periods.at(-1);
  return {
    id: referral.id,
    status: referral.status,
    periods,
    totalMinutes,
    currentStatusSince: current?.enteredAt ?? null,
    currentStatusAgeMinutes: current?.minutes ?? null,
  };
}
