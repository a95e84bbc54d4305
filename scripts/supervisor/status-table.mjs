// Formats the status of supervised processes as a fixed-width table.
import { describeExit } from './managed-process.mjs';

/**
 * 75000 -> "1m15s", 3723000 -> "1h02m", 90061000 -> "1d01h".
 * @param {number | null} ms
 */
export function formatDuration(ms) {
    if (ms === null || ms === undefined) return '-';
    const s = Math.floor(ms / 1000);
    const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
    if (s < 60) return `${s}s`;
    if (s < 3600) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
    if (s < 86400) return `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
    return `${Math.floor(s / 86400)}d${pad(Math.floor((s % 86400) / 3600))}h`;
}

/**
 * Health column: "ok", "FAIL (ECONNREFUSED)", or "-" without a check.
 * @param {{ok: boolean | null, detail: string}} health
 */
export function formatHealth(health) {
    if (health.ok === null) return '-';
    return health.ok ? 'ok' : `FAIL (${health.detail})`;
}

/**
 * @param {Array<{name: string, group: string, state: string, pid: number | null, uptimeMs: number | null, restarts: number,
 *   nextRestartInMs: number | null, lastExit: any, health: {ok: boolean | null, detail: string}}>} rows
 * @returns {string} the table, one line per process, with a header
 */
export function formatStatusTable(rows) {
    const header = ['NAME', 'GROUP', 'STATE', 'PID', 'UPTIME', 'RESTARTS', 'HEALTH', 'LAST EXIT'];
    const lines = rows.map((r) => [
        r.name,
        r.group,
        r.state === 'backoff' && r.nextRestartInMs !== null ? `backoff ${(r.nextRestartInMs / 1000).toFixed(1)}s` : r.state,
        r.pid === null ? '-' : String(r.pid),
        formatDuration(r.uptimeMs),
        String(r.restarts),
        formatHealth(r.health),
        describeExit(r.lastExit),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const render = (/** @type {string[]} */ cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
    return [render(header), ...lines.map(render)].join('\n');
}
