import { parseAuditCliArgs } from './audit-cli-args';

describe('audit command line', () => {
  it('defaults: the whole chain, the default store, as auditor.pho', () => {
    expect(parseAuditCliArgs([], {})).toEqual({
      json: false,
      quiet: false,
      help: false,
      storeUri: 'mongodb://127.0.0.1:27017/referrals',
      documents: [],
      fromBlock: undefined,
      toBlock: undefined,
      user: 'auditor.pho',
      mspId: undefined,
    });
    expect(parseAuditCliArgs([], { MONGODB_URI: 'mongodb://h:1/x' }).storeUri).toBe('mongodb://h:1/x');
  });

  it('reads every option', () => {
    const args = parseAuditCliArgs(
      ['--json', '--store-uri', 'mongodb://127.0.0.1:27017/referrals_dev_audit', '--document', 'R-1=/tmp/a.json', '--document', 'R-2=b.json', '--from', '5', '--to', '9', '--user', 'auditor.x', '--msp', 'XMSP', '--quiet'],
      {},
    );
    expect(args).toMatchObject({
      json: true,
      quiet: true,
      storeUri: 'mongodb://127.0.0.1:27017/referrals_dev_audit',
      documents: [
        { referralId: 'R-1', file: '/tmp/a.json' },
        { referralId: 'R-2', file: 'b.json' },
      ],
      fromBlock: 5,
      toBlock: 9,
      user: 'auditor.x',
      mspId: 'XMSP',
    });
    expect(parseAuditCliArgs(['--no-store'], {}).storeUri).toBeUndefined();
  });

  it.each([
    [['--bogus']],
    [['--document', 'no-equals-sign']],
    [['--from', 'x']],
    [['--from', '9', '--to', '5']],
    [['--no-store', '--store-uri', 'mongodb://h/x']],
    [['positional']],
  ])('refuses %j as a usage error', (argv) => {
    expect(() => parseAuditCliArgs(argv, {})).toThrow(expect.objectContaining({ code: 'AUDIT_USAGE' }) as Error);
  });
});
