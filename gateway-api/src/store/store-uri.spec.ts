import { ConfigError } from '../config/config';
import { redactedUri, storeUri } from './store-uri';

describe('storeUri', () => {
  it('defaults to the FerretDB of the network fixture, database referrals', () => {
    expect(storeUri(undefined, 27017)).toBe('mongodb://127.0.0.1:27017/referrals');
    expect(storeUri('', 27018)).toBe('mongodb://127.0.0.1:27018/referrals');
  });
  it('takes a mongodb:// URI naming a database', () => {
    expect(storeUri('mongodb://127.0.0.1:27017/referrals_dev_x', 1)).toBe('mongodb://127.0.0.1:27017/referrals_dev_x');
  });
  it('fails fast, by name, on anything else', () => {
    expect(() => storeUri('http://x/y', 1)).toThrow(ConfigError);
    expect(() => storeUri('mongodb://127.0.0.1:27017', 1)).toThrow(/MONGODB_URI: must name a database/);
    expect(() => storeUri('not a uri', 1)).toThrow(/MONGODB_URI/);
  });
  it('hides passwords in logs', () => {
    expect(redactedUri('mongodb://u:secret@h:1/db')).toBe('mongodb://u:***@h:1/db');
  });
});
