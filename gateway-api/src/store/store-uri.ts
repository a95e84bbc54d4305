import { ConfigError } from '../config/config';

/**
 * The query store's MongoDB URI: `MONGODB_URI` when set, else the FerretDB of fixtures/network.json
 * (`mongodb://127.0.0.1:<store port>/referrals`).
 *
 * @throws ConfigError MONGODB_URI when it is not a mongodb:// URI naming a database
 */
export function storeUri(configured: string | undefined, storePort: number): string {
  if (configured === undefined || configured === '') return `mongodb://127.0.0.1:${storePort}/referrals`;
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    throw new ConfigError('MONGODB_URI', 'is not a URI');
  }
  if (url.protocol !== 'mongodb:' && url.protocol !== 'mongodb+srv:') throw new ConfigError('MONGODB_URI', 'must start with mongodb://');
  if (url.pathname.length <= 1) throw new ConfigError('MONGODB_URI', 'must name a database, e.g. mongodb://127.0.0.1:27017/referrals');
  return configured;
}

/** The URI without credentials, for logs. */
export function redactedUri(uri: string): string {
  try {
    const url = new URL(uri);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable URI)';
  }
}
