import { HttpErrorResponse } from '@angular/common/http';
import { type ApiProblem, toApiProblem } from './error-messages';

/** Reads any failure of an API call (HttpErrorResponse or other) as an ApiProblem. */
export function problemOf(error: unknown): ApiProblem {
  if (error instanceof HttpErrorResponse) return toApiProblem(error.status, error.error);
  return { code: 'UNKNOWN_ERROR', status: -1, serverMessage: error instanceof Error ? error.message : String(error) };
}
