/** Status of an ambulance unit, in the order of a normal mission. */
export const UNIT_STATUSES = ['available', 'dispatched', 'en-route', 'on-scene', 'transporting', 'at-hospital'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** Milestones of an EMS case as recorded on the ledger. */
export const MILESTONES = ['call-received', 'dispatched', 'departed', 'on-scene', 'left-scene', 'at-hospital', 'handed-over'] as const;
export type Milestone = (typeof MILESTONES)[number];

/**
 * Legal moves of a unit, with the ledger milestone each records. Going back to `available` before the hospital is a
 * stand-down (call cancelled, no transport needed, patient refused): it closes the case without a hand-over.
 */
export const UNIT_TRANSITIONS: Readonly<Record<UnitStatus, Readonly<Partial<Record<UnitStatus, Milestone | 'stand-down' | 'clear'>>>>> = {
  available: {},
  dispatched: { 'en-route': 'departed', available: 'stand-down' },
  'en-route': { 'on-scene': 'on-scene', available: 'stand-down' },
  'on-scene': { transporting: 'left-scene', available: 'stand-down' },
  transporting: { 'at-hospital': 'at-hospital' },
  'at-hospital': { available: 'clear' },
};

/** What moving from `from` to `to` means, or undefined when the move is illegal (dispatch itself goes through claim). */
export function transitionOf(from: UnitStatus, to: UnitStatus): Milestone | 'stand-down' | 'clear' | undefined {
  return UNIT_TRANSITIONS[from][to];
}

/** The statuses reachable from `from`. */
export function nextStatuses(from: UnitStatus): UnitStatus[] {
  return Object.keys(UNIT_TRANSITIONS[from]) as UnitStatus[];
}
