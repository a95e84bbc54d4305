// The daemon's control channel: a unix socket; each connection sends one JSON request line and gets one JSON reply line.
import fs from 'node:fs';
import net from 'node:net';

/** Another daemon already answers on the socket. */
export class AlreadyRunningError extends Error {
    /** @param {string} socketPath */
    constructor(socketPath) {
        super(`ALREADY_RUNNING: a supervisor already listens on ${socketPath}`);
        this.name = 'AlreadyRunningError';
        this.code = 'ALREADY_RUNNING';
    }
}

/**
 * Listens on `socketPath`, replacing a stale socket file left by a dead daemon.
 * @param {string} socketPath
 * @param {(request: Record<string, unknown>) => Promise<unknown>} handle returns the reply's `result`; a thrown error
 *   becomes `{ok: false, error: {code, message}}`
 * @returns {Promise<net.Server>}
 * @throws {AlreadyRunningError}
 */
export async function startControlServer(socketPath, handle) {
    const server = net.createServer((socket) => serve(socket, handle));
    try {
        await listen(server, socketPath);
    } catch (err) {
        if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EADDRINUSE') throw err;
        if (await answers(socketPath)) throw new AlreadyRunningError(socketPath);
        fs.rmSync(socketPath, { force: true });
        await listen(server, socketPath);
    }
    fs.chmodSync(socketPath, 0o600);
    return server;
}

/** @param {net.Server} server @param {string} socketPath @returns {Promise<void>} */
function listen(server, socketPath) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(socketPath, () => {
            server.off('error', reject);
            resolve();
        });
    });
}

/** @param {string} socketPath @returns {Promise<boolean>} */
function answers(socketPath) {
    return new Promise((resolve) => {
        const s = net.connect(socketPath);
        s.once('connect', () => {
            s.destroy();
            resolve(true);
        });
        s.once('error', () => resolve(false));
    });
}

/**
 * @param {net.Socket} socket
 * @param {(request: Record<string, unknown>) => Promise<unknown>} handle
 */
function serve(socket, handle) {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    socket.on('data', async (chunk) => {
        buffer += chunk;
        const end = buffer.indexOf('\n');
        if (end < 0) return;
        socket.removeAllListeners('data');
        let reply;
        try {
            const request = JSON.parse(buffer.slice(0, end));
            if (typeof request !== 'object' || request === null || typeof request.cmd !== 'string') {
                throw Object.assign(new Error('BAD_REQUEST: a request is {"cmd": "...", ...}'), { code: 'BAD_REQUEST' });
            }
            reply = { ok: true, result: await handle(request) };
        } catch (err) {
            const e = /** @type {Error & {code?: string}} */ (err);
            reply = { ok: false, error: { code: e.code ?? 'INTERNAL', message: e.message } };
        }
        socket.end(`${JSON.stringify(reply)}\n`);
    });
}
