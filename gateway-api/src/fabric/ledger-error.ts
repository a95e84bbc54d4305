import { ApiError, isErrorCode } from '../http/api-error';

/** Codes the chaincode puts at the start of its error messages ("CODE: message"). */
const CHAINCODE_CODE = /\b([A-Z][A-Z_]{3,}[A-Z]): ([^\n]*?)(?:\s*$|\n|,\s*(?:peer|status)=)/m;

/** The error's message plus every peer's detail (the Fabric Gateway puts chaincode answers in `details`). */
function messageOf(err: unknown): string {
  if (err instanceof Error) {
    const details = (err as { details?: { message?: unknown }[] }).details;
    const fromPeers = (Array.isArray(details) ? details : []).map((d) => d.message).filter((m): m is string => typeof m === 'string');
    return [...fromPeers, err.message].join('\n');
  }
  return String(err);
}

/** The chaincode's own business error (stable code), if `err` carries one. */
export function businessErrorOf(err: unknown): { code: string; message: string } | undefined {
  const match = CHAINCODE_CODE.exec(messageOf(err));
  if (match?.[1] === undefined || !isErrorCode(match[1])) return undefined;
  return { code: match[1], message: (match[2] ?? '').trim() || match[1] };
}

/** True when the chaincode answered with a business error: retrying cannot change the answer. */
export function isBusinessError(err: unknown): boolean {
  return businessErrorOf(err) !== undefined;
}

/**
 * Maps an error from the Fabric Gateway client to an ApiError: chaincode business errors keep their code,
 * anything else that reached no answer is LEDGER_UNAVAILABLE (503).
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const business = businessErrorOf(err);
  if (business !== undefined && isErrorCode(business.code)) return new ApiError(business.code, business.message, undefined, { cause: err });
  return new ApiError('LEDGER_UNAVAILABLE', 'the ledger could not complete the request; try again', undefined, { cause: err });
}
