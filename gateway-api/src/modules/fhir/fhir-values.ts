import { createHash } from 'node:crypto';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

// Patterns of the FHIR R4 `dateTime` and `instant` primitives (from the R4 JSON schema).
const FHIR_DATE_TIME =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/;
const FHIR_INSTANT =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/;

/**
 * A FHIR logical id for a ledger value. Referral IDs use `A-Z a-z 0-9 - _`; FHIR ids allow `-` and `.`
 * but not `_`, so `_` becomes `.` (one-to-one for referral IDs). Anything else is replaced by its SHA-256.
 */
export function toFhirId(value: string): string {
  if (FHIR_ID.test(value)) return value;
  const dotted = value.replace(/_/g, '.');
  if (FHIR_ID.test(dotted)) return dotted;
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function normalised(value: string | undefined, pattern: RegExp): string | undefined {
  if (value === undefined) return undefined;
  if (pattern.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** `value` as a FHIR dateTime (re-formatted in UTC when needed), or undefined when it is not a date. */
export function toFhirDateTime(value: string | undefined): string | undefined {
  return normalised(value, FHIR_DATE_TIME);
}

/** `value` as a FHIR instant (re-formatted in UTC when needed), or undefined when it is not a date. */
export function toFhirInstant(value: string | undefined): string | undefined {
  return normalised(value, FHIR_INSTANT);
}

/**
 * Deep copy without `undefined` properties and empty arrays or objects, which FHIR JSON does not allow.
 */
export function pruned<T>(value: T): T {
  return prune(value) as T;
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, prune(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}
