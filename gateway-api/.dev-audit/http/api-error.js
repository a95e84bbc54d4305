"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiError = void 0;
exports.isErrorCode = isErrorCode;
const STATUS = {
    MALFORMED_JSON: 400,
    VALIDATION_FAILED: 400,
    INVALID_ARGUMENT: 400,
    INVALID_CID: 400,
    UNKNOWN_HCODE: 400,
    UNAUTHENTICATED: 401,
    INVALID_CREDENTIALS: 401,
    FORBIDDEN_ROLE: 403,
    FORBIDDEN_UNIT: 403,
    MISSING_ATTRIBUTE: 403,
    NOT_FOUND: 404,
    REFERRAL_NOT_FOUND: 404,
    REFERRAL_EXISTS: 409,
    INVALID_TRANSITION: 409,
    PAYLOAD_TOO_LARGE: 413,
    LEDGER_CONFLICT: 409,
    LEDGER_UNAVAILABLE: 503,
    INTERNAL: 500,
};
/** An error the API reports to the caller with a stable code and HTTP status. */
class ApiError extends Error {
    code;
    status;
    details;
    constructor(code, message, details, options) {
        super(message, options);
        this.name = 'ApiError';
        this.code = code;
        this.status = STATUS[code];
        this.details = details;
    }
}
exports.ApiError = ApiError;
/** True when `code` is one of the API's error codes. */
function isErrorCode(code) {
    return Object.prototype.hasOwnProperty.call(STATUS, code);
}
//# sourceMappingURL=api-error.js.map