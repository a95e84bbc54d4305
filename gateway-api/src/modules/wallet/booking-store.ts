/** Booking statuses: booked → checked-in | no-show | cancelled. */
export type BookingStatus = 'booked' | 'checked-in' | 'no-show' | 'cancelled';

/** A booking as stored off-chain (collection `wallet_bookings`). */
export interface BookingDoc {
  readonly id: string;
  readonly citizenId: string;
  readonly slotId: string;
  readonly hcode: string;
  readonly service: string;
  readonly date: string;
  readonly time: string;
  readonly startsAt: string;
  readonly seat: number;
  readonly status: BookingStatus;
  /**
   * `<slotId>#<seat>` while the booking holds its seat, `free:<id>` after: unique, so two bookings
   * can never hold the same seat of a slot, and seats are numbered 1..capacity.
   */
  readonly seatKey: string;
  /** `<citizenId>|<slotId>` while active, `free:<id>` after: unique, so a citizen books a slot once. */
  readonly holderKey: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly reminderQueuedAt: string | null;
  /** The booking this one replaced (reschedule), if any. */
  readonly rescheduledFrom: string | null;
  /** How the seat was obtained. */
  readonly via: 'citizen' | 'waiting-list';
}

/** A citizen waiting for a seat of a full slot (collection `wallet_waiting`). */
export interface WaitingDoc {
  readonly id: string;
  readonly citizenId: string;
  readonly slotId: string;
  /** `<citizenId>|<slotId>`: unique. */
  readonly holderKey: string;
  readonly createdAt: string;
}

/** Which unique index an insert collided with. */
export type UniqueIndex = 'id' | 'seat' | 'holder';

/** An insert refused by a unique index (MongoDB E11000). */
export class DuplicateKeyError extends Error {
  public readonly index: UniqueIndex;

  public constructor(index: UniqueIndex, options?: { cause?: unknown }) {
    super(`duplicate key on ${index}`, options);
    this.name = 'DuplicateKeyError';
    this.index = index;
  }
}

/** The off-chain store of bookings and waiting lists; each write is one atomic document operation. */
export interface BookingStore {
  /** @throws DuplicateKeyError when the id, the seat or the citizen's hold on the slot is taken. */
  insert(doc: BookingDoc): Promise<void>;
  get(id: string): Promise<BookingDoc | undefined>;
  /**
   * Sets `changes` on booking `id` only if its status is one of `from` (atomic conditional update);
   * the updated booking, or undefined when it was not in one of those states.
   */
  transition(id: string, from: readonly BookingStatus[], changes: Partial<Pick<BookingDoc, 'status' | 'seatKey' | 'holderKey' | 'updatedAt'>>): Promise<BookingDoc | undefined>;
  /** Seat numbers held by active (booked or checked-in) bookings of a slot. */
  takenSeats(slotId: string): Promise<number[]>;
  /** Number of active (booked or checked-in) bookings per slot. */
  countActive(slotIds: readonly string[]): Promise<Map<string, number>>;
  byCitizen(citizenId: string): Promise<BookingDoc[]>;
  /** Bookings of a unit on a date, in time order. */
  byUnitAndDate(hcode: string, date: string): Promise<BookingDoc[]>;
  /** Booked bookings starting in [from, to) without a reminder yet. */
  dueReminders(from: string, to: string): Promise<BookingDoc[]>;
  /** Marks the reminder queued; true only for the call that set it. */
  markReminded(id: string, at: string): Promise<boolean>;

  /** @throws DuplicateKeyError('holder') when the citizen already waits for this slot. */
  insertWaiting(doc: WaitingDoc): Promise<void>;
  /** The oldest entries of a slot's waiting list. */
  waitingFor(slotId: string): Promise<WaitingDoc[]>;
  waitingOf(citizenId: string): Promise<WaitingDoc[]>;
  /** Removes an entry; true only for the call that removed it. */
  removeWaiting(id: string): Promise<boolean>;
}

/** True for statuses that hold a seat. */
export function holdsSeat(status: BookingStatus): boolean {
  return status === 'booked' || status === 'checked-in';
}
