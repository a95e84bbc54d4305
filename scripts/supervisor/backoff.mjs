// Restart delay of a process that keeps crashing: exponential, capped, reset after a long enough run.

/** Default policy: 0.5 s, 1 s, 2 s, 4 s, then 5 s; a run of 60 s or more resets the sequence. */
export const DEFAULT_BACKOFF = Object.freeze({ initialMs: 500, maxMs: 5000, resetAfterMs: 60_000 });

/**
 * Delay before the restart that follows the `crashes`-th consecutive crash.
 * @param {number} crashes consecutive crashes so far (1 for the first crash)
 * @param {{initialMs: number, maxMs: number}} policy
 * @returns {number} milliseconds, never more than policy.maxMs
 */
export function restartDelay(crashes, policy = DEFAULT_BACKOFF) {
    const n = Math.max(1, Math.floor(crashes));
    const delay = policy.initialMs * 2 ** Math.min(n - 1, 30);
    return Math.min(delay, policy.maxMs);
}

/**
 * Consecutive-crash count after a process exited unexpectedly.
 * @param {number} previous consecutive crashes before this exit
 * @param {number} uptimeMs how long the process had run
 * @param {{resetAfterMs: number}} policy
 * @returns {number} the new count (1 when the run was long enough to count as healthy)
 */
export function nextCrashCount(previous, uptimeMs, policy = DEFAULT_BACKOFF) {
    return uptimeMs >= policy.resetAfterMs ? 1 : previous + 1;
}
