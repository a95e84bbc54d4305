import { addDays, daysBetween } from './coc-dates';
import { TEAM_ROLES, type AdlGroup, type TeamRole } from './coc.schemas';
import type { CaseRecord } from './coc.read-model';
import type { VisitSchedule } from './visit-schedule';

/** How a visit stands on the day asked about. */
export type DueStatus = 'overdue' | 'due' | 'upcoming';

/** One visit a team member owes a patient. */
export interface DueItem {
  readonly caseId: string;
  readonly patientPseudonym: string;
  readonly healthCentreHcode: string;
  readonly adlGroup: AdlGroup;
  readonly teamRole: TeamRole;
  readonly username: string;
  readonly intervalDays: number;
  readonly lastVisitOn: string | null;
  readonly dueOn: string;
  readonly status: DueStatus;
  /** Days past the due date (0 when not overdue). */
  readonly daysOverdue: number;
}

/** Days before the due date from which a visit counts as `due` (shown as "due this week"). */
export const DUE_SOON_DAYS = 7;

/**
 * The visits owed on `asOf` for open cases, by the rule table in force that day: a member's next
 * visit is due `intervalDays` after their last visit (or after the case opened). Overdue first
 * (most overdue first), then by due date.
 *
 * @param only - keep only items of this username (a team member's own list)
 */
export function dueList(cases: readonly CaseRecord[], schedule: VisitSchedule, asOf: string, only?: string): DueItem[] {
  const items: DueItem[] = [];
  for (const c of cases) {
    if (c.status !== 'open') continue;
    for (const role of TEAM_ROLES) {
      const username = c.team[role].username;
      if (only !== undefined && username !== only) continue;
      const intervalDays = schedule.intervalDays(c.adl.group, role, asOf);
      if (intervalDays === undefined) continue;
      const lastVisitOn = c.lastVisitOn[role] ?? null;
      const dueOn = addDays(lastVisitOn ?? c.openedOn, intervalDays);
      const late = daysBetween(dueOn, asOf);
      const status: DueStatus = late > 0 ? 'overdue' : -late <= DUE_SOON_DAYS ? 'due' : 'upcoming';
      items.push({
        caseId: c.id,
        patientPseudonym: c.patientPseudonym,
        healthCentreHcode: c.healthCentreHcode,
        adlGroup: c.adl.group,
        teamRole: role,
        username,
        intervalDays,
        lastVisitOn,
        dueOn,
        status,
        daysOverdue: Math.max(0, late),
      });
    }
  }
  return items.sort((a, b) => b.daysOverdue - a.daysOverdue || a.dueOn.localeCompare(b.dueOn) || a.caseId.localeCompare(b.caseId));
}
