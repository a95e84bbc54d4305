import type { z } from 'zod';
import { ApiError } from './api-error';

/** Parses `input` with `schema`; on failure throws VALIDATION_FAILED listing each bad field. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = details[0];
  throw new ApiError('VALIDATION_FAILED', first ? `${first.path || 'body'}: ${first.message}` : 'invalid request', details);
}
