import { DestroyRef, inject } from '@angular/core';

/** How often the referral lists refresh themselves. */
export const LIST_POLL_MS = 15_000;

/**
 * Calls `refresh` every `ms` while the tab is visible and `when()` allows it; stops when the
 * calling component is destroyed. Call it from a constructor (it uses `inject`).
 */
export function pollWhileVisible(refresh: () => void, ms = LIST_POLL_MS, when: () => boolean = () => true): void {
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible' && when()) refresh();
  }, ms);
  inject(DestroyRef).onDestroy(() => clearInterval(timer));
}
