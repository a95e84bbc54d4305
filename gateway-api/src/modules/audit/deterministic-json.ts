/**
 * Deterministic JSON exactly as the referral chaincode writes it (json-stringify-deterministic over
 * sort-keys-recursive): object keys sorted at every level; arrays that are values of object keys
 * (and a top-level array) sorted with the default JavaScript sort, which leaves arrays of objects in
 * their order; undefined values dropped.
 */
export function deterministicJson(value: unknown): string {
  return stringify(sortForChaincode(value)) ?? 'null';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** sort-keys-recursive: sorts object keys, recurses into objects, sorts (without recursing into) arrays. */
function sortForChaincode(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice().sort();
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const current = value[key];
    out[key] = Array.isArray(current) ? current.slice().sort() : isPlainObject(current) ? sortForChaincode(current) : current;
  }
  return out;
}

/** json-stringify-deterministic: keys sorted, undefined dropped (null inside arrays). */
function stringify(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return stringify((value as { toJSON(): unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => stringify(item) ?? 'null').join(',')}]`;
  }
  if (isPlainObject(value)) {
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const item = stringify(value[key]);
      if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}
