import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError } from './api-error';

/** 404 for any route the API does not have. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new ApiError('NOT_FOUND', `no route ${req.method} ${req.path}`));
};

function bodyParserError(err: unknown): ApiError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const type = (err as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return new ApiError('MALFORMED_JSON', 'request body is not valid JSON');
  if (type === 'entity.too.large') return new ApiError('PAYLOAD_TOO_LARGE', 'request body is too large');
  return undefined;
}

/** The one error middleware: every failure becomes `{ error: { code, message, details? } }`. */
export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const apiError =
      err instanceof ApiError ? err : (bodyParserError(err) ?? new ApiError('INTERNAL', 'internal error', undefined, { cause: err }));
    if (apiError.status >= 500) {
      log(`${req.method} ${req.originalUrl} -> ${apiError.status} ${apiError.code}: ${String((apiError.cause as Error | undefined)?.stack ?? apiError.message)}`);
    }
    const body: { code: string; message: string; details?: unknown } = { code: apiError.code, message: apiError.message };
    if (apiError.details !== undefined) body.details = apiError.details;
    res.status(apiError.status).json({ error: body });
  };
}
