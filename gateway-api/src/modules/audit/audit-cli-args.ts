import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AuditError } from './audit-error';

/** Options of `npm run audit`. */
export interface AuditCliArgs {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly help: boolean;
  /** Query store to compare; undefined with --no-store. */
  readonly storeUri: string | undefined;
  readonly documents: readonly { readonly referralId: string; readonly file: string }[];
  readonly fromBlock: number | undefined;
  readonly toBlock: number | undefined;
  readonly user: string;
  readonly mspId: string | undefined;
}

export const AUDIT_CLI_USAGE = `Usage: npm run audit -- [options]

Verifies the referral channel from its blocks (read through the peer as an auditor):
chain hashes and orderer signatures, creator signatures, endorsements by both hospitals,
clinical documents against their ledger hash, and the query store against the ledger.

Options:
  --json                          print the report as JSON
  --store-uri <mongodb-uri>       query store to compare (default: $MONGODB_URI or mongodb://127.0.0.1:27017/referrals)
  --no-store                      do not compare a query store
  --document <referralId>=<file>  check a clinical document (JSON file) against the ledger; repeatable
  --from <block> / --to <block>   audit only these blocks (default: all)
  --user <name>                   ledger identity under $RUNTIME_DIR/users (default: auditor.pho)
  --msp <mspId>                   MSP of that identity (default: from fixtures/users.json)
  --quiet                         no progress output
  --help                          this text

Exit status: 0 all checks pass, 1 a check failed, 2 usage or connection error.`;

const blockNumber = z.coerce.number().int().min(0);
const documentArg = /^([A-Za-z0-9_-]{1,64})=(.+)$/;

/**
 * Parses the command line.
 *
 * @throws AuditError AUDIT_USAGE naming the bad option
 */
export function parseAuditCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): AuditCliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        'store-uri': { type: 'string' },
        'no-store': { type: 'boolean', default: false },
        document: { type: 'string', multiple: true, default: [] },
        from: { type: 'string' },
        to: { type: 'string' },
        user: { type: 'string', default: 'auditor.pho' },
        msp: { type: 'string' },
      },
    }));
  } catch (err) {
    throw new AuditError('AUDIT_USAGE', err instanceof Error ? err.message : String(err));
  }
  const block = (name: 'from' | 'to'): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const parsed = blockNumber.safeParse(raw);
    if (!parsed.success) throw new AuditError('AUDIT_USAGE', `--${name} expects a block number, got "${raw}"`);
    return parsed.data;
  };
  const documents = values.document.map((arg) => {
    const match = documentArg.exec(arg);
    if (match === null) throw new AuditError('AUDIT_USAGE', `--document expects <referralId>=<file.json>, got "${arg}"`);
    return { referralId: match[1] ?? '', file: match[2] ?? '' };
  });
  if (values['no-store'] && values['store-uri'] !== undefined) throw new AuditError('AUDIT_USAGE', '--store-uri and --no-store exclude each other');
  const fromBlock = block('from');
  const toBlock = block('to');
  if (fromBlock !== undefined && toBlock !== undefined && fromBlock > toBlock) throw new AuditError('AUDIT_USAGE', '--from must not be after --to');
  const storeUri = values['store-uri'] ?? (env.MONGODB_URI !== undefined && env.MONGODB_URI !== '' ? env.MONGODB_URI : 'mongodb://127.0.0.1:27017/referrals');
  return {
    json: values.json,
    quiet: values.quiet,
    help: values.help,
    storeUri: values['no-store'] ? undefined : storeUri,
    documents,
    fromBlock,
    toBlock,
    user: values.user,
    mspId: values.msp,
  };
}
