import type { Principal } from '../auth/auth-token';

/** Who an event concerns; subscribers see it when their role and unit allow. */
export interface LiveScope {
  readonly caseId?: string;
  readonly unitId?: string;
  /** Receiving hospital of the case, once known. */
  readonly destinationHcode?: string;
}

/** One event of the live stream (sent to browsers as a server-sent event named `type`). */
export interface LiveEvent {
  readonly type: 'unit' | 'case' | 'vitals' | 'message' | 'signal';
  readonly scope: LiveScope;
  readonly data: unknown;
}

/** A subscriber: the principal it streams to, and the crew's unit when the principal is crew. */
interface Subscriber {
  readonly principal: Principal;
  readonly unitIds: readonly string[];
  readonly send: (event: LiveEvent) => void;
}

/**
 * Decides whether `principal` may see an event: dispatchers and the medical director see everything; an ER physician
 * sees cases heading to their hospital; a crew member sees their own unit and its case.
 */
export function mayReceive(principal: Principal, crewUnitIds: readonly string[], event: LiveEvent): boolean {
  switch (principal.role) {
    case 'dispatcher':
    case 'medical-director':
      return true;
    case 'er-physician':
      return event.scope.destinationHcode === principal.hcode;
    case 'ems-crew':
      return event.scope.unitId !== undefined && crewUnitIds.includes(event.scope.unitId);
    default:
      return false;
  }
}

/** In-process fan-out of live EMS events to the open streams. */
export class EmsLiveHub {
  readonly #subscribers = new Set<Subscriber>();

  /** Registers a stream; returns the function that ends it. */
  public subscribe(principal: Principal, unitIds: readonly string[], send: (event: LiveEvent) => void): () => void {
    const sub: Subscriber = { principal, unitIds, send };
    this.#subscribers.add(sub);
    return () => {
      this.#subscribers.delete(sub);
    };
  }

  public get size(): number {
    return this.#subscribers.size;
  }

  public publish(event: LiveEvent): void {
    for (const sub of this.#subscribers) {
      if (!mayReceive(sub.principal, sub.unitIds, event)) continue;
      try {
        sub.send(event);
      } catch {
        // a broken stream is dropped by its own close handler
      }
    }
  }
}
