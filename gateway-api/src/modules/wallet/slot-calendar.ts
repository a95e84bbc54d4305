import type { Unit } from '../../units/unit-registry';
import type { PublishedSession } from './session-store';
import type { BookableService, ServiceCatalogue, SessionTemplate } from './wallet-fixtures';
import { addDays, isCalendarDate, thaiDate, thaiInstant, weekdayOf } from './thai-time';

/** One bookable slot: a unit's service at a date and time, with `capacity` seats. */
export interface Slot {
  /** `<hcode>.<service>.<YYYYMMDD>.<HHMM>`, e.g. `03889.flu-vaccine.20261203.0900`. */
  readonly id: string;
  readonly hcode: string;
  readonly service: string;
  readonly date: string;
  readonly time: string;
  /** Start instant (UTC ISO). */
  readonly startsAt: string;
  readonly capacity: number;
}

const SLOT_ID = /^(\d{5})\.([a-z0-9-]+)\.(\d{4})(\d{2})(\d{2})\.(\d{2})(\d{2})$/;

/** Parses a slot id into its parts; undefined when malformed. */
export function parseSlotId(id: string): { hcode: string; service: string; date: string; time: string } | undefined {
  const m = SLOT_ID.exec(id);
  if (m === null) return undefined;
  const [, hcode, service, y, mo, d, h, mi] = m as unknown as [string, string, string, string, string, string, string, string];
  const date = `${y}-${mo}-${d}`;
  if (!isCalendarDate(date) || Number(h) > 23 || Number(mi) > 59) return undefined;
  return { hcode, service, date, time: `${h}:${mi}` };
}

/** The slot id of a unit's service at `date` `time`. */
export function slotIdOf(hcode: string, service: string, date: string, time: string): string {
  return `${hcode}.${service}.${date.replaceAll('-', '')}.${time.replace(':', '')}`;
}

/** Answers which slots units publish, from the weekly session templates of fixtures/wallet/services.json. */
export class SlotCalendar {
  readonly #catalogue: ServiceCatalogue;
  readonly #services: ReadonlyMap<string, BookableService>;
  readonly #units: (hcode: string) => Unit | undefined;
  /** Sessions units published through the API, by id `<hcode>.<service>.<YYYYMMDD>`. */
  readonly #published = new Map<string, PublishedSession>();

  public constructor(options: Readonly<{ catalogue: ServiceCatalogue; unit: (hcode: string) => Unit | undefined }>) {
    this.#catalogue = options.catalogue;
    this.#services = new Map(options.catalogue.services.map((s) => [s.code, s]));
    this.#units = options.unit;
  }

  public get horizonDays(): number {
    return this.#catalogue.horizonDays;
  }

  public service(code: string): BookableService | undefined {
    return this.#services.get(code);
  }

  public services(): readonly BookableService[] {
    return this.#catalogue.services;
  }

  /** The session templates in force at `hcode` (an hcode template replaces the unit-type one for its service). */
  public templatesOf(hcode: string): SessionTemplate[] {
    const unit = this.#units(hcode);
    if (unit === undefined || unit.type === 'provincial-office') return [];
    const own = this.#catalogue.sessions.filter((s) => s.hcode === hcode);
    const ownServices = new Set(own.map((s) => s.service));
    return [...own, ...this.#catalogue.sessions.filter((s) => s.unitType === unit.type && !ownServices.has(s.service))];
  }

  /** Services a unit offers (its templates and the sessions it published). */
  public servicesAt(hcode: string): string[] {
    const published = [...this.#published.values()].filter((p) => p.hcode === hcode).map((p) => p.service);
    return [...new Set([...this.templatesOf(hcode).map((t) => t.service), ...published])];
  }

  /** Adds (or replaces) published sessions. */
  public publish(...sessions: readonly PublishedSession[]): void {
    for (const s of sessions) this.#published.set(s.id, s);
  }

  public withdraw(id: string): void {
    this.#published.delete(id);
  }

  public published(id: string): PublishedSession | undefined {
    return this.#published.get(id);
  }

  /** Published sessions of a unit on or after `fromDate`, in date order. */
  public publishedAt(hcode: string, fromDate: string): PublishedSession[] {
    return [...this.#published.values()].filter((p) => p.hcode === hcode && p.date >= fromDate).sort((a, b) => a.date.localeCompare(b.date) || a.service.localeCompare(b.service));
  }

  /** The slot a weekly template gives at this unit, service, date and time (published sessions aside). */
  public templateSlot(hcode: string, service: string, date: string, time: string): boolean {
    return this.templatesOf(hcode).some((t) => t.service === service && t.weekdays.includes(weekdayOf(date)) && t.times.includes(time));
  }

  /** Opening hours of a unit (by its type). */
  public openingHoursOf(hcode: string): ServiceCatalogue['openingHours']['hospital'] | undefined {
    const unit = this.#units(hcode);
    if (unit === undefined || unit.type === 'provincial-office') return undefined;
    return this.#catalogue.openingHours[unit.type];
  }

  /** The slot `id` names, if the unit publishes it (any date; callers check past and horizon). */
  public find(id: string): Slot | undefined {
    const parts = parseSlotId(id);
    if (parts === undefined) return undefined;
    const published = this.#published.get(`${parts.hcode}.${parts.service}.${parts.date.replaceAll('-', '')}`);
    if (published?.times.includes(parts.time) === true) {
      return { id, ...parts, startsAt: thaiInstant(parts.date, parts.time).toISOString(), capacity: published.capacity };
    }
    const template = this.templatesOf(parts.hcode).find(
      (t) => t.service === parts.service && t.weekdays.includes(weekdayOf(parts.date)) && t.times.includes(parts.time),
    );
    if (template === undefined) return undefined;
    return { id, ...parts, startsAt: thaiInstant(parts.date, parts.time).toISOString(), capacity: template.capacity };
  }

  /** Slots of `hcode` (optionally one service) from `from` to `to` inclusive (YYYY-MM-DD), in time order. */
  public slots(hcode: string, from: string, to: string, service?: string): Slot[] {
    const templates = this.templatesOf(hcode).filter((t) => service === undefined || t.service === service);
    const out: Slot[] = [];
    for (const p of this.#published.values()) {
      if (p.hcode !== hcode || p.date < from || p.date > to || (service !== undefined && p.service !== service)) continue;
      for (const time of p.times) out.push({ id: slotIdOf(hcode, p.service, p.date, time), hcode, service: p.service, date: p.date, time, startsAt: thaiInstant(p.date, time).toISOString(), capacity: p.capacity });
    }
    for (let date = from; date <= to; date = addDays(date, 1)) {
      const weekday = weekdayOf(date);
      for (const t of templates) {
        if (!t.weekdays.includes(weekday)) continue;
        for (const time of t.times) {
          out.push({ id: slotIdOf(hcode, t.service, date, time), hcode, service: t.service, date, time, startsAt: thaiInstant(date, time).toISOString(), capacity: t.capacity });
        }
      }
    }
    return out.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.service.localeCompare(b.service));
  }

  /** The last bookable date from `now` (today + horizon). */
  public lastBookableDate(now: Date): string {
    return addDays(thaiDate(now), this.#catalogue.horizonDays);
  }
}
