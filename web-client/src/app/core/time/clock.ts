import { Injectable, signal } from '@angular/core';

/** A shared "now" that ticks every 30 s, so every "time in state" on screen moves together. */
@Injectable({ providedIn: 'root' })
export class Clock {
  readonly #now = signal(Date.now());
  public readonly now = this.#now.asReadonly();

  public constructor() {
    setInterval(() => this.#now.set(Date.now()), 30_000);
  }
}
