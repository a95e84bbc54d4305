import type { Direction, ReferralFilter } from '../modules/referral-search/referral-filter';
import { REFERRAL_STATUSES, type ReferralDocument, type ReferralStatus } from './read-model';

/**
 * Read-model shapes for the lists and statistics (docs/store.md).
 *
 * A referral is listed in five scopes: `<to>|incoming`, `<from>|outgoing`, `<to>|all`, `<from>|all` and
 * `*` (every unit, for provincial auditors). In each scope it sits in one bucket
 * `<scope>|<status>|<fast-track 1/0>|<priority>|<YYYY-MM of createdAt>`; the referral document carries
 * its bucket keys in `listKeys` (an indexed array). One counter document per scope (`cnt|<scope>`) holds
 * the size of each bucket and the statistics' running sums, so a list reads one counter document and
 * then only the buckets that hold the requested page, and statistics read counter documents only.
 */

/** The scope of the whole province (no unit filter). */
export const PROVINCE_SCOPE = '*';

/** The scope a filter reads: a unit on one side, or the province. */
export function scopeOf(unit: string | undefined, direction: Direction): string {
  return unit === undefined ? PROVINCE_SCOPE : `${unit}|${direction}`;
}

/** The scopes a referral is listed in (a unit referring to itself is listed once per scope). */
export function scopesOfReferral(referral: Pick<ReferralDocument, 'fromHcode' | 'toHcode'>): string[] {
  return [
    ...new Set([
      scopeOf(referral.toHcode, 'incoming'),
      scopeOf(referral.fromHcode, 'outgoing'),
      scopeOf(referral.toHcode, 'all'),
      scopeOf(referral.fromHcode, 'all'),
      PROVINCE_SCOPE,
    ]),
  ];
}

/** Id of the list counter document of a scope and status: bucket sizes `g.<ft>_<priority>.<month>`. */
export function counterId(scope: string, status: string): string {
  return `cnt|${scope}|${status}`;
}

/** Id of the statistics document of a scope: `s.<month>.{st.<status>, answered, rej.<reason>, tta.<bin>}`. */
export function statsId(scope: string): string {
  return `sta|${scope}`;
}

/** Kind, scope, direction (`province` for the province) and status of a counter document id. */
export function parseCounterId(id: string): { kind: string; scope: string; dir: string; status?: string } {
  const [kind = '', a = '', b, c] = id.split('|');
  if (a === PROVINCE_SCOPE) return { kind, scope: a, dir: 'province', ...(b === undefined ? {} : { status: b }) };
  return { kind, scope: `${a}|${b ?? ''}`, dir: b ?? '', ...(c === undefined ? {} : { status: c }) };
}

/** `1` for fast-track, else `0`. */
export function fastTrackPart(isFastTrack: boolean): '1' | '0' {
  return isFastTrack ? '1' : '0';
}

/** Priority as stored in keys: 1..5, or 0 when absent. */
export function priorityPart(priority: unknown): number {
  return typeof priority === 'number' && Number.isInteger(priority) && priority >= 0 && priority < 100 ? priority : 0;
}

/** `YYYY-MM` of an ISO instant (UTC); `0000-00` when it is not one. */
export function monthOf(iso: unknown): string {
  return typeof iso === 'string' && /^\d{4}-\d{2}/.test(iso) ? iso.slice(0, 7) : '0000-00';
}

/** Key of one list bucket. */
export function bucketKey(scope: string, status: string, fastTrack: string, priority: number, month: string): string {
  return `${scope}|${status}|${fastTrack}|${priority}|${month}`;
}

/** The bucket keys of a referral, one per scope (the `listKeys` field). */
export function listKeysOf(referral: ReferralDocument): string[] {
  const ft = fastTrackPart(referral.isFastTrack);
  const priority = priorityPart(referral.priority);
  const month = monthOf(referral.createdAt);
  return scopesOfReferral(referral).map((scope) => bucketKey(scope, referral.status, ft, priority, month));
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

/** Field-name-safe text (no dots or dollars). */
function safe(text: string): string {
  return text.replace(/[.$]/g, '_');
}

/** Minutes from create to the first accept, or undefined. */
export function acceptanceMinutes(referral: Pick<ReferralDocument, 'steps'>): number | undefined {
  const created = referral.steps.find((s) => s.action === 'create');
  const accepted = referral.steps.find((s) => s.action === 'accept');
  if (created === undefined || accepted === undefined) return undefined;
  const ms = Date.parse(accepted.at) - Date.parse(created.at);
  return Number.isFinite(ms) && ms >= 0 ? ms / MINUTE_MS : undefined;
}

/**
 * Histogram bin of a time to acceptance (its lower bound in minutes): 5-minute bins below an hour,
 * 15-minute bins below 4 hours, hourly below a day, 6-hourly above.
 */
export function acceptanceBin(minutes: number): number {
  const step = minutes < 60 ? 5 : minutes < 240 ? 15 : minutes < DAY_MINUTES ? 60 : 360;
  return Math.floor(minutes / step) * step;
}

/** The rejection reason code, or `unknown`. */
export function rejectionReasonOf(referral: { readonly rejection?: unknown }): string {
  const rejection = referral.rejection;
  if (typeof rejection === 'object' && rejection !== null) {
    const code = (rejection as { reasonCode?: unknown }).reasonCode;
    if (typeof code === 'string' && code !== '') return code;
  }
  return 'unknown';
}

/**
 * What a referral adds to the counters: `<counter id>#<field path>` strings, each worth 1. Per scope:
 * its list bucket size (`cnt|<scope>|<status>#g.<ft>_<priority>.<month>`) and its statistics
 * (`sta|<scope>#s.<month>.st.<status>`, `.answered` when accepted at some point or rejected,
 * `.rej.<reason>` when rejected, `.tta.<bin>` time to acceptance).
 */
export function contributionsOf(referral: ReferralDocument): string[] {
  const ft = fastTrackPart(referral.isFastTrack);
  const priority = priorityPart(referral.priority);
  const month = monthOf(referral.createdAt);
  const status = safe(referral.status);
  const stats = [`s.${month}.st.${status}`];
  const accepted = referral.steps.some((s) => s.action === 'accept');
  if (referral.status === 'rejected' || accepted) stats.push(`s.${month}.answered`);
  if (referral.status === 'rejected') stats.push(`s.${month}.rej.${safe(rejectionReasonOf(referral as { rejection?: unknown }))}`);
  const minutes = acceptanceMinutes(referral);
  if (minutes !== undefined) stats.push(`s.${month}.tta.${acceptanceBin(minutes)}`);
  return scopesOfReferral(referral).flatMap((scope) => [`${counterId(scope, status)}#g.${ft}_${priority}.${month}`, ...stats.map((field) => `${statsId(scope)}#${field}`)]);
}

/** Per counter document, the `$inc` that turns the `before` contributions into the `after` ones. */
export function counterDeltas(before: readonly string[], after: readonly string[], into = new Map<string, Map<string, number>>()): Map<string, Map<string, number>> {
  const add = (entry: string, by: number): void => {
    const hash = entry.indexOf('#');
    const id = entry.slice(0, hash);
    const field = entry.slice(hash + 1);
    const fields = into.get(id) ?? new Map<string, number>();
    fields.set(field, (fields.get(field) ?? 0) + by);
    into.set(id, fields);
  };
  const was = new Set(before);
  const now = new Set(after);
  for (const entry of was) if (!now.has(entry)) add(entry, -1);
  for (const entry of now) if (!was.has(entry)) add(entry, 1);
  return into;
}

/** A list counter document as read back: bucket sizes by `<ft>_<priority>` then month. */
export interface CounterDocument {
  readonly g?: Record<string, Record<string, number>>;
}

/** A statistics document as read back. */
export interface StatsDocument {
  readonly s?: Record<string, { st?: Record<string, number>; answered?: number; rej?: Record<string, number>; tta?: Record<string, number> }>;
}

/** One slot of the inbox order: a (fast-track, priority, month), and its buckets (one per status). */
export interface ListSlot {
  readonly keys: readonly string[];
  readonly count: number;
}

/** True when `iso` is the first instant of a UTC month (`YYYY-MM-01T00:00:00.000Z` or shorter forms). */
export function isMonthStart(iso: string): boolean {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return false;
  const d = new Date(t);
  return d.getUTCDate() === 1 && d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
}

/** True when the counters can answer this filter (no id search, date bounds on month starts). */
export function countersCanAnswer(filter: Pick<ReferralFilter, 'idPrefix' | 'createdFrom' | 'createdBefore'>): boolean {
  if (filter.idPrefix !== undefined) return false;
  if (filter.createdFrom !== undefined && !isMonthStart(filter.createdFrom)) return false;
  if (filter.createdBefore !== undefined && !isMonthStart(filter.createdBefore)) return false;
  return true;
}

/** True when `month` (YYYY-MM) lies in the filter's [createdFrom, createdBefore) (bounds on month starts). */
export function monthInRange(month: string, filter: Pick<ReferralFilter, 'createdFrom' | 'createdBefore'>): boolean {
  if (filter.createdFrom !== undefined && month < monthOf(new Date(Date.parse(filter.createdFrom)).toISOString())) return false;
  if (filter.createdBefore !== undefined && month >= monthOf(new Date(Date.parse(filter.createdBefore)).toISOString())) return false;
  return true;
}

/**
 * The non-empty slots of a scope that match the filter, in inbox order: fast-track first, priority
 * ascending (absent last, as compareInboxOrder), month descending. Each slot lists the bucket keys of
 * the wanted statuses. `counters` has the list counter document of each wanted status.
 */
export function slotsInOrder(scope: string, counters: ReadonlyMap<string, CounterDocument | null | undefined>, filter: ReferralFilter): ListSlot[] {
  const slots = new Map<string, { ft: string; priority: number; month: string; keys: string[]; count: number }>();
  for (const [status, counter] of counters) {
    for (const [group, months] of Object.entries(counter?.g ?? {})) {
      const [ft = '0', p = '0'] = group.split('_');
      const priority = Number(p);
      if (filter.fastTrack !== undefined && ft !== fastTrackPart(filter.fastTrack)) continue;
      if (filter.priority !== undefined && priority !== filter.priority) continue;
      for (const [month, count] of Object.entries(months)) {
        if (typeof count !== 'number' || count <= 0 || !monthInRange(month, filter)) continue;
        const id = `${ft}|${priority}|${month}`;
        const slot = slots.get(id) ?? { ft, priority, month, keys: [], count: 0 };
        slot.keys.push(bucketKey(scope, status, ft, priority, month));
        slot.count += count;
        slots.set(id, slot);
      }
    }
  }
  return [...slots.values()]
    .sort((a, b) => (a.ft !== b.ft ? (a.ft === '1' ? -1 : 1) : a.priority !== b.priority ? (a.priority || 100) - (b.priority || 100) : a.month < b.month ? 1 : a.month > b.month ? -1 : 0))
    .map(({ keys, count }) => ({ keys, count }));
}

/** The statuses a list reads. */
export function statusesOf(filter: Pick<ReferralFilter, 'statuses'>): readonly ReferralStatus[] {
  return filter.statuses ?? REFERRAL_STATUSES;
}
