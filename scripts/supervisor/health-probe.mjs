// One health probe: an HTTP GET answering 2xx/3xx, or a TCP connection that opens.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { parseHealth } from './process-spec.mjs';

/**
 * Probes a health check once.
 * @param {string | null} health an http(s) URL or tcp host:port; null means "no check"
 * @param {number} [timeoutMs]
 * @returns {Promise<{ok: boolean | null, detail: string}>} ok null when there is no check
 */
export function probeHealth(health, timeoutMs = 1500) {
    const check = parseHealth(health);
    if (!check) return Promise.resolve({ ok: null, detail: 'no check' });
    if (check.kind === 'tcp') return probeTcp(check.host, check.port, timeoutMs);
    return probeHttp(check.url, timeoutMs);
}

/** @param {string} host @param {number} port @param {number} timeoutMs */
function probeTcp(host, port, timeoutMs) {
    return new Promise((resolve) => {
        const socket = net.connect({ host, port });
        const done = (/** @type {boolean} */ ok, /** @type {string} */ detail) => {
            socket.destroy();
            resolve({ ok, detail });
        };
        socket.setTimeout(timeoutMs, () => done(false, 'timeout'));
        socket.once('connect', () => done(true, `tcp ${port} open`));
        socket.once('error', (err) => done(false, /** @type {NodeJS.ErrnoException} */ (err).code ?? err.message));
    });
}

/** @param {string} url @param {number} timeoutMs */
function probeHttp(url, timeoutMs) {
    return new Promise((resolve) => {
        const client = url.startsWith('https:') ? https : http;
        const req = client.get(url, { timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
            res.resume();
            const status = res.statusCode ?? 0;
            resolve({ ok: status >= 200 && status < 400, detail: `http ${status}` });
        });
        req.once('timeout', () => req.destroy(new Error('timeout')));
        req.once('error', (err) => resolve({ ok: false, detail: /** @type {NodeJS.ErrnoException} */ (err).code ?? err.message }));
    });
}
