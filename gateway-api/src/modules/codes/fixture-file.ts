import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

/**
 * The repository's `fixtures/` folder, from this file's folder: `gateway-api/src/modules/codes` under ts-jest
 * and `gateway-api/dist/modules/codes` once built sit at the same depth.
 */
export const FIXTURES_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'fixtures');

/**
 * Reads `fixtures/<name>` and validates it with `schema`, at module load.
 * @throws Error naming the file when it is missing or malformed (the gateway then fails at startup).
 */
export function loadFixture<S extends z.ZodType>(name: string, schema: S): z.output<S> {
  const file = path.join(FIXTURES_DIR, name);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    throw new Error(`cannot read ${file}`, { cause: err });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file} is malformed: ${issue === undefined ? 'unknown' : `${issue.path.join('.')}: ${issue.message}`}`);
  }
  return parsed.data;
}
