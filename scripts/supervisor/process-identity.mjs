// Is a pid still the process we started? Uses /proc start times so that a reused pid is not mistaken for ours.
import fs from 'node:fs';

/**
 * Start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), or null when it is gone or a zombie.
 * @param {number} pid
 * @returns {string | null}
 */
export function startTimeOf(pid) {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (fields[0] === 'Z' || fields[0] === 'X') return null;
        return fields[19] ?? null;
    } catch {
        return null;
    }
}

/**
 * True when `pid` is alive (not a zombie) and, if `startTime` is given, is the very process that had it.
 * Falls back to kill(pid, 0) where /proc is missing.
 * @param {number} pid
 * @param {string | null} [startTime]
 */
export function isSameProcess(pid, startTime = null) {
    if (!Number.isInteger(pid) || pid <= 0) return false;
    if (fs.existsSync('/proc/self/stat')) {
        const now = startTimeOf(pid);
        return now !== null && (startTime === null || now === startTime);
    }
    try {
        process.kill(pid, 0);
        return true;
    } catch (err) {
        return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
    }
}

/**
 * Command line of a process (argv joined by spaces), or null.
 * @param {number} pid
 */
export function commandLineOf(pid) {
    try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    } catch {
        return null;
    }
}

/**
 * Sends a signal to the process group led by `pid` (the supervisor starts every process as a group leader),
 * falling back to the pid alone. Returns false when nothing was there to signal.
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 */
export function signalGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
        return true;
    } catch {
        try {
            process.kill(pid, signal);
            return true;
        } catch {
            return false;
        }
    }
}

/**
 * True while any process of the group led by `pid` exists.
 * @param {number} pid
 */
export function groupAlive(pid) {
    try {
        process.kill(-pid, 0);
        return true;
    } catch (err) {
        return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
    }
}
