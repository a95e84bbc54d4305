import { Injectable } from '@angular/core';

const KEY = 'cco.recent';
const MAX = 50;

/**
 * IDs of referrals created or opened on this device, newest first: the outgoing list falls
 * back to them when the server has no list endpoint.
 */
@Injectable({ providedIn: 'root' })
export class RecentReferrals {
  /** Remembers `id` for `username`. */
  public remember(username: string, id: string): void {
    const all = this.#read();
    all[username] = [id, ...(all[username] ?? []).filter((x) => x !== id)].slice(0, MAX);
    try {
      localStorage.setItem(KEY, JSON.stringify(all));
    } catch {
      // storage disabled: no fallback list
    }
  }

  /** The remembered IDs for `username`. */
  public ids(username: string): string[] {
    return this.#read()[username] ?? [];
  }

  #read(): Record<string, string[]> {
    try {
      const v = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
      return typeof v === 'object' && v !== null ? (v as Record<string, string[]>) : {};
    } catch {
      return {};
    }
  }
}
