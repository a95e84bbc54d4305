// Where the supervisor keeps its socket, state, logs and pid files inside a runtime directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (scripts/supervisor/../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Name under which the daemon records its own pid and log. Reserved: no process spec may use it. */
export const DAEMON_NAME = 'supervisord';

/**
 * The runtime directory: an explicit value, else $RUNTIME_DIR, else <repo>/.runtime (as network-config/scripts/common.sh).
 * @param {string | undefined} explicit
 * @returns {string} absolute path
 */
export function resolveRuntime(explicit) {
    return path.resolve(explicit || process.env.RUNTIME_DIR || path.join(REPO_ROOT, '.runtime'));
}

/**
 * Paths of one runtime directory.
 * @param {string} runtime absolute runtime directory
 */
export function runtimePaths(runtime) {
    const logs = path.join(runtime, 'logs');
    const pids = path.join(runtime, 'pids');
    return {
        runtime,
        logs,
        pids,
        socket: path.join(runtime, 'supervisor.sock'),
        state: path.join(runtime, 'state', 'supervisor.json'),
        daemonLog: path.join(logs, `${DAEMON_NAME}.log`),
        daemonPid: path.join(pids, `${DAEMON_NAME}.pid`),
        logOf: (/** @type {string} */ name) => path.join(logs, `${name}.log`),
        pidOf: (/** @type {string} */ name) => path.join(pids, `${name}.pid`),
    };
}
