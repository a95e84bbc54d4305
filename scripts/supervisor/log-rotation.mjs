// Size-based log rotation by copy-and-truncate, so that processes keep writing to the same open file.
import fs from 'node:fs';

/** Default limits: rotate above 10 MiB, keep name.log.1 .. name.log.3. */
export const DEFAULT_ROTATION = Object.freeze({ maxBytes: 10 * 1024 * 1024, keep: 3 });

/**
 * Rotates `file` when it is larger than `maxBytes`: name.log.(keep-1) -> name.log.keep, ..., name.log -> name.log.1,
 * then truncates name.log to 0. The writer holds the file open with O_APPEND, so its next write lands at the start
 * of the emptied file. Lines written between the copy and the truncation (a few ms) are lost: the price of never
 * having to signal or pipe through the writer.
 * @param {string} file
 * @param {{maxBytes: number, keep: number}} [limits]
 * @returns {boolean} true when the file was rotated
 */
export function rotateIfLarger(file, limits = DEFAULT_ROTATION) {
    let size;
    try {
        size = fs.statSync(file).size;
    } catch {
        return false;
    }
    if (size <= limits.maxBytes) return false;
    for (let i = limits.keep - 1; i >= 1; i--) {
        try {
            fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
        } catch (err) {
            if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'ENOENT') throw err;
        }
    }
    fs.copyFileSync(file, `${file}.1`);
    fs.truncateSync(file, 0);
    return true;
}
