import { DuplicateKeyError, holdsSeat, type BookingDoc, type BookingStatus, type BookingStore, type WaitingDoc } from './booking-store';

/**
 * A {@link BookingStore} in memory with the same unique indexes as the MongoDB one (id, seatKey,
 * holderKey). Each operation yields to the event loop first, so concurrent callers interleave as they
 * would against a database, while the check-and-insert itself stays atomic, like a unique index.
 */
export class InMemoryBookingStore implements BookingStore {
  readonly #bookings = new Map<string, BookingDoc>();
  readonly #seats = new Set<string>();
  readonly #holders = new Set<string>();
  readonly #waiting = new Map<string, WaitingDoc>();

  public async insert(doc: BookingDoc): Promise<void> {
    await tick();
    if (this.#bookings.has(doc.id)) throw new DuplicateKeyError('id');
    if (this.#seats.has(doc.seatKey)) throw new DuplicateKeyError('seat');
    if (this.#holders.has(doc.holderKey)) throw new DuplicateKeyError('holder');
    this.#bookings.set(doc.id, { ...doc });
    this.#seats.add(doc.seatKey);
    this.#holders.add(doc.holderKey);
  }

  public async get(id: string): Promise<BookingDoc | undefined> {
    await tick();
    const doc = this.#bookings.get(id);
    return doc === undefined ? undefined : { ...doc };
  }

  public async transition(
    id: string,
    from: readonly BookingStatus[],
    changes: Partial<Pick<BookingDoc, 'status' | 'seatKey' | 'holderKey' | 'updatedAt'>>,
  ): Promise<BookingDoc | undefined> {
    await tick();
    const doc = this.#bookings.get(id);
    if (doc === undefined || !from.includes(doc.status)) return undefined;
    if (changes.seatKey !== undefined && changes.seatKey !== doc.seatKey && this.#seats.has(changes.seatKey)) throw new DuplicateKeyError('seat');
    if (changes.holderKey !== undefined && changes.holderKey !== doc.holderKey && this.#holders.has(changes.holderKey)) throw new DuplicateKeyError('holder');
    const next = { ...doc, ...changes };
    this.#seats.delete(doc.seatKey);
    this.#holders.delete(doc.holderKey);
    this.#seats.add(next.seatKey);
    this.#holders.add(next.holderKey);
    this.#bookings.set(id, next);
    return { ...next };
  }

  public async takenSeats(slotId: string): Promise<number[]> {
    await tick();
    return [...this.#bookings.values()].filter((b) => b.slotId === slotId && holdsSeat(b.status)).map((b) => b.seat);
  }

  public async countActive(slotIds: readonly string[]): Promise<Map<string, number>> {
    await tick();
    const wanted = new Set(slotIds);
    const counts = new Map<string, number>();
    for (const b of this.#bookings.values()) {
      if (wanted.has(b.slotId) && holdsSeat(b.status)) counts.set(b.slotId, (counts.get(b.slotId) ?? 0) + 1);
    }
    return counts;
  }

  public async byCitizen(citizenId: string): Promise<BookingDoc[]> {
    await tick();
    return [...this.#bookings.values()].filter((b) => b.citizenId === citizenId).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  }

  public async byUnitAndDate(hcode: string, date: string): Promise<BookingDoc[]> {
    await tick();
    return [...this.#bookings.values()].filter((b) => b.hcode === hcode && b.date === date).sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.seat - b.seat);
  }

  public async dueReminders(from: string, to: string): Promise<BookingDoc[]> {
    await tick();
    return [...this.#bookings.values()].filter((b) => b.status === 'booked' && b.reminderQueuedAt === null && b.startsAt >= from && b.startsAt < to);
  }

  public async markReminded(id: string, at: string): Promise<boolean> {
    await tick();
    const doc = this.#bookings.get(id);
    if (doc === undefined || doc.reminderQueuedAt !== null) return false;
    this.#bookings.set(id, { ...doc, reminderQueuedAt: at });
    return true;
  }

  public async insertWaiting(doc: WaitingDoc): Promise<void> {
    await tick();
    if (this.#waiting.has(doc.id)) throw new DuplicateKeyError('id');
    if ([...this.#waiting.values()].some((w) => w.holderKey === doc.holderKey)) throw new DuplicateKeyError('holder');
    this.#waiting.set(doc.id, { ...doc });
  }

  public async waitingFor(slotId: string): Promise<WaitingDoc[]> {
    await tick();
    return [...this.#waiting.values()].filter((w) => w.slotId === slotId).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  public async waitingOf(citizenId: string): Promise<WaitingDoc[]> {
    await tick();
    return [...this.#waiting.values()].filter((w) => w.citizenId === citizenId);
  }

  public async removeWaiting(id: string): Promise<boolean> {
    await tick();
    return this.#waiting.delete(id);
  }
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
