// Sends one request to the daemon's unix socket and returns its reply.
import net from 'node:net';

/** The daemon answered with an error, or could not be reached. */
export class ControlError extends Error {
    /** @param {string} code @param {string} message */
    constructor(code, message) {
        super(message);
        this.name = 'ControlError';
        this.code = code;
    }
}

/**
 * @param {string} socketPath
 * @param {Record<string, unknown>} request e.g. {cmd: 'status'}
 * @param {number} [timeoutMs]
 * @returns {Promise<any>} the reply's result
 * @throws {ControlError} NOT_RUNNING when nobody listens; the daemon's code otherwise
 */
export function request(socketPath, request, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
        const socket = net.connect(socketPath);
        let data = '';
        const timer = setTimeout(() => {
            socket.destroy();
            reject(new ControlError('TIMEOUT', `no reply from the supervisor within ${timeoutMs} ms`));
        }, timeoutMs);
        socket.setEncoding('utf8');
        socket.once('connect', () => socket.write(`${JSON.stringify(request)}\n`));
        socket.on('data', (chunk) => (data += chunk));
        socket.once('error', (err) => {
            clearTimeout(timer);
            const code = /** @type {NodeJS.ErrnoException} */ (err).code;
            if (code === 'ENOENT' || code === 'ECONNREFUSED') reject(new ControlError('NOT_RUNNING', `no supervisor listens on ${socketPath}`));
            else reject(new ControlError('SOCKET', err.message));
        });
        socket.once('end', () => {
            clearTimeout(timer);
            let reply;
            try {
                reply = JSON.parse(data);
            } catch {
                reject(new ControlError('BAD_REPLY', `unreadable reply from the supervisor: ${data.slice(0, 200)}`));
                return;
            }
            if (reply.ok) resolve(reply.result);
            else reject(new ControlError(reply.error?.code ?? 'ERROR', reply.error?.message ?? 'unknown error'));
        });
    });
}
