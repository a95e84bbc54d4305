import type { ErrorCode } from './error-code';

/** Options for {@link ChaincodeError}. */
export interface ChaincodeErrorOptions {
    /** Machine-readable context (never patient data). */
    readonly details?: Readonly<Record<string, unknown>>;
    /** The underlying error, if any. */
    readonly cause?: unknown;
}

/**
 * An error with a stable {@link ErrorCode}. The message is `CODE: human message`
 * so that the code survives the trip through the peer and the gateway, which
 * only carry the message text.
 *
 * @example
 * throw new ChaincodeError('REFERRAL_NOT_FOUND', `referral ${id} does not exist`);
 */
export class ChaincodeError extends Error {
    /** The stable code, also the message prefix. */
    readonly code: ErrorCode;
    /** Machine-readable context. */
    readonly details: Readonly<Record<string, unknown>>;

    /**
     * @param code - stable error code
     * @param message - human message, without the code prefix
     * @param options - details and cause
     */
    constructor(code: ErrorCode, message: string, options: ChaincodeErrorOptions = {}) {
        super(`${code}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'ChaincodeError';
        this.code = code;
        this.details = options.details ?? {};
    }
}
