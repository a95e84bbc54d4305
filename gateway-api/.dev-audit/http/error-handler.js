"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.notFoundHandler = void 0;
exports.errorHandler = errorHandler;
const api_error_1 = require("./api-error");
/** 404 for any route the API does not have. */
const notFoundHandler = (req, _res, next) => {
    next(new api_error_1.ApiError('NOT_FOUND', `no route ${req.method} ${req.path}`));
};
exports.notFoundHandler = notFoundHandler;
function bodyParserError(err) {
    if (typeof err !== 'object' || err === null)
        return undefined;
    const type = err.type;
    if (type === 'entity.parse.failed')
        return new api_error_1.ApiError('MALFORMED_JSON', 'request body is not valid JSON');
    if (type === 'entity.too.large')
        return new api_error_1.ApiError('PAYLOAD_TOO_LARGE', 'request body is too large');
    return undefined;
}
/** The one error middleware: every failure becomes `{ error: { code, message, details? } }`. */
function errorHandler(log) {
    return (err, req, res, _next) => {
        const apiError = err instanceof api_error_1.ApiError ? err : (bodyParserError(err) ?? new api_error_1.ApiError('INTERNAL', 'internal error', undefined, { cause: err }));
        if (apiError.status >= 500) {
            log(`${req.method} ${req.originalUrl} -> ${apiError.status} ${apiError.code}: ${String(apiError.cause?.stack ?? apiError.message)}`);
        }
        const body = { code: apiError.code, message: apiError.message };
        if (apiError.details !== undefined)
            body.details = apiError.details;
        res.status(apiError.status).json({ error: body });
    };
}
//# sourceMappingURL=error-handler.js.map