import { addDays, daysBetween, periodOf } from './coc-dates';
import { ADL_GROUPS, TEAM_ROLES, type AdlGroup } from './coc.schemas';
import type { CaseRecord, VisitRecord } from './coc.read-model';
import type { VisitSchedule } from './visit-schedule';

/** Provincial goals (seed report): ≥ 90 % visited per standard; ≥ 10 % with a better ADL group. */
export const VISITED_GOAL = 0.9;
export const IMPROVED_GOAL = 0.1;

/** The groups the visit indicator counts. */
const FOLLOWED_GROUPS: readonly AdlGroup[] = ['bedridden', 'homebound'];

/** Counts and rates for one unit (or overall). */
export interface IndicatorRow {
  readonly hcode: string | null;
  /** Open bedridden or homebound cases during the period. */
  readonly registered: number;
  readonly visitedPerStandard: number;
  readonly visitedRate: number | null;
  /** Cases (registered as bedridden or homebound at baseline) whose current ADL group is better than at baseline. */
  readonly baselineDependent: number;
  readonly improved: number;
  readonly improvedRate: number | null;
}

/** The indicators of one period. */
export interface Indicators {
  readonly period: { kind: 'month' | 'quarter'; from: string; to: string };
  readonly by: 'health-centre' | 'district';
  readonly goals: { visited: number; improved: number };
  readonly scheduleVersion: string | null;
  readonly overall: IndicatorRow;
  readonly rows: IndicatorRow[];
}

function rank(group: AdlGroup): number {
  return ADL_GROUPS.length - 1 - ADL_GROUPS.indexOf(group);
}

function activeDuring(c: CaseRecord, from: string, to: string): boolean {
  const closedOn = c.closedAt?.slice(0, 10);
  return c.openedOn <= to && (closedOn === undefined || closedOn >= from);
}

/**
 * Whether one case was visited per standard in [from, to] (see fixtures/coc/visit-schedule.json
 * `indicatorRule`), over the days the case was open in the period: each role with a rule made
 * floor(activeDays / interval) visits in those days, or, when its interval is longer, was not overdue
 * at their end (its latest visit, or the opening, at most interval days before).
 */
export function visitedPerStandard(c: CaseRecord, visits: readonly VisitRecord[], schedule: VisitSchedule, period: { from: string; to: string }, asOf?: string): boolean {
  const from = c.openedOn > period.from ? c.openedOn : period.from;
  const closedOn = c.closedAt?.slice(0, 10);
  // a period still running counts only the days up to asOf: no visit is missed in the future
  const end = asOf !== undefined && asOf < period.to ? asOf : period.to;
  const to = closedOn !== undefined && closedOn < end ? closedOn : end;
  const activeDays = daysBetween(from, to) + 1;
  if (activeDays <= 0) return false;
  return TEAM_ROLES.every((role) => {
    const interval = schedule.intervalDays(c.adl.group, role, to);
    if (interval === undefined) return true;
    const own = visits.filter((v) => v.caseId === c.id && v.author.teamRole === role && v.visitedOn <= to);
    if (interval <= activeDays) {
      return own.filter((v) => v.visitedOn >= from).length >= Math.floor(activeDays / interval);
    }
    const latest = own.map((v) => v.visitedOn).sort().at(-1) ?? c.openedOn;
    return daysBetween(latest, to) <= interval;
  });
}

function row(hcode: string | null, cases: readonly CaseRecord[], visits: readonly VisitRecord[], schedule: VisitSchedule, period: { from: string; to: string }, asOf?: string): IndicatorRow {
  const followed = cases.filter((c) => FOLLOWED_GROUPS.includes(c.adl.group));
  const visited = followed.filter((c) => visitedPerStandard(c, visits, schedule, period, asOf)).length;
  const dependent = cases.filter((c) => FOLLOWED_GROUPS.includes(c.baselineAdl.group));
  const improved = dependent.filter((c) => rank(c.adl.group) > rank(c.baselineAdl.group)).length;
  return {
    hcode,
    registered: followed.length,
    visitedPerStandard: visited,
    visitedRate: followed.length === 0 ? null : visited / followed.length,
    baselineDependent: dependent.length,
    improved,
    improvedRate: dependent.length === 0 ? null : improved / dependent.length,
  };
}

/** The earliest visit date that can matter for a period (the longest interval before its end). */
export function visitWindowStart(schedule: VisitSchedule, periodTo: string, periodFrom: string): string {
  const longest = Math.max(0, ...(schedule.versionOn(periodTo)?.rules.map((r) => r.intervalDays) ?? []));
  const back = addDays(periodTo, -longest);
  return back < periodFrom ? back : periodFrom;
}

/** The COC indicators of the month or quarter containing `at`, per health centre or district. */
export function cocIndicators(
  cases: readonly CaseRecord[],
  visits: readonly VisitRecord[],
  schedule: VisitSchedule,
  options: { period: 'month' | 'quarter'; at: string; by: 'health-centre' | 'district'; asOf?: string },
): Indicators {
  const period = periodOf(options.period, options.at);
  const active = cases.filter((c) => activeDuring(c, period.from, options.asOf !== undefined && options.asOf < period.to ? options.asOf : period.to));
  const key = (c: CaseRecord): string => (options.by === 'district' ? c.districtHcode : c.healthCentreHcode);
  const units = [...new Set(active.map(key))].sort();
  return {
    period: { kind: period.kind, from: period.from, to: period.to },
    by: options.by,
    goals: { visited: VISITED_GOAL, improved: IMPROVED_GOAL },
    scheduleVersion: schedule.versionOn(period.to)?.version ?? null,
    overall: row(null, active, visits, schedule, period, options.asOf),
    rows: units.map((hcode) => row(hcode, active.filter((c) => key(c) === hcode), visits, schedule, period, options.asOf)),
  };
}
