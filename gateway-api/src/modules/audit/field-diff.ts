/** One field whose value differs between the ledger and the store. */
export interface FieldDifference {
  readonly field: string;
  readonly ledger: unknown;
  readonly store: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Store values that stand for a ledger value: a Date for an ISO timestamp string. */
function sameScalar(ledger: unknown, store: unknown): boolean {
  if (Object.is(ledger, store)) return true;
  if (store instanceof Date && typeof ledger === 'string') {
    const parsed = Date.parse(ledger);
    return !Number.isNaN(parsed) && parsed === store.getTime();
  }
  return false;
}

/**
 * The deepest differing fields between a ledger value and a store value, as dotted paths
 * (`status`, `steps.1.note`). Arrays of different lengths are reported as a whole.
 */
export function diffFields(ledger: unknown, store: unknown, path: string): FieldDifference[] {
  if (isPlainObject(ledger) && isPlainObject(store)) {
    const keys = [...new Set([...Object.keys(ledger), ...Object.keys(store)])].sort();
    return keys.flatMap((key) => diffFields(ledger[key], store[key], path === '' ? key : `${path}.${key}`));
  }
  if (Array.isArray(ledger) && Array.isArray(store) && ledger.length === store.length) {
    return ledger.flatMap((item: unknown, i) => diffFields(item, store[i] as unknown, `${path}.${i}`));
  }
  if (isPlainObject(ledger) || isPlainObject(store) || Array.isArray(ledger) || Array.isArray(store)) {
    return JSON.stringify(ledger) === JSON.stringify(store) ? [] : [{ field: path, ledger, store }];
  }
  return sameScalar(ledger, store) ? [] : [{ field: path, ledger, store }];
}
