import type { DueList } from './coc-models';

const KEY = 'cco.coc.due.';

/** The last due list fetched for `username` on this device, for use without signal. */
export function readCachedDue(username: string): DueList | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY + username);
    return raw ? (JSON.parse(raw) as DueList) : null;
  } catch {
    return null;
  }
}

export function writeCachedDue(username: string, due: DueList): void {
  try {
    globalThis.localStorage?.setItem(KEY + username, JSON.stringify(due));
  } catch {
    // storage full or disabled: the list is only a convenience offline
  }
}
