import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GatewayPool } from './fabric/gateway-pool';
import { loadTopology } from './fabric/network-topology';
import { UserDirectory } from './modules/auth/user-directory';
import { AUDIT_CLI_USAGE, parseAuditCliArgs, type AuditCliArgs } from './modules/audit/audit-cli-args';
import { AuditError } from './modules/audit/audit-error';
import { formatAuditReport } from './modules/audit/audit-report-text';
import type { DocumentToCheck } from './modules/audit/document-check';
import { LedgerAuditor, type AuditProgress } from './modules/audit/ledger-auditor';
import { MongoReferralStore } from './modules/audit/mongo-referral-store';
import { QsccBlockSource } from './modules/audit/qscc-block-source';

// Project layout, as for the gateway: PROJECT_ROOT (fixtures/) and RUNTIME_DIR (users/, crypto/).
const ROOT_DIR = path.resolve(process.env.PROJECT_ROOT ?? path.join(__dirname, '../..'));
const RUNTIME_DIR = path.resolve(process.env.RUNTIME_DIR ?? path.join(ROOT_DIR, '.runtime'));
// Exit statuses.
const EXIT_PASSED = 0;
const EXIT_FAILED = 1;
const EXIT_ERROR = 2;

function readDocuments(args: AuditCliArgs): DocumentToCheck[] {
  return args.documents.map(({ referralId, file }) => {
    try {
      return { referralId, document: JSON.parse(readFileSync(file, 'utf8')) as unknown };
    } catch (err) {
      throw new AuditError('AUDIT_USAGE', `--document ${referralId}: cannot read JSON from ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}

/** Progress on stderr: a refreshed line on a terminal, a line every 5 s otherwise. */
function progressReporter(quiet: boolean): { report: (progress: AuditProgress) => void; done: () => void } {
  const tty = process.stderr.isTTY;
  const every = tty ? 200 : 5000;
  const started = Date.now();
  let last = started;
  let shown = false;
  return {
    report: (progress) => {
      const now = Date.now();
      if (quiet || now - last < every || now - started < 1000) return;
      last = now;
      shown = true;
      const line = `verifying block ${progress.blockNumber}/${progress.toBlock} (${Math.floor((100 * progress.blockNumber) / Math.max(1, progress.toBlock))}%), ${progress.checkedTransactions} referral transactions`;
      process.stderr.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
    },
    done: () => {
      if (shown && tty) process.stderr.write('\r\u001b[K');
    },
  };
}

async function main(argv: readonly string[]): Promise<number> {
  let args: AuditCliArgs;
  try {
    args = parseAuditCliArgs(argv);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${AUDIT_CLI_USAGE}\n`);
    return EXIT_ERROR;
  }
  if (args.help) {
    process.stdout.write(`${AUDIT_CLI_USAGE}\n`);
    return EXIT_PASSED;
  }
  let pool: GatewayPool | undefined;
  let store: MongoReferralStore | undefined;
  const progress = progressReporter(args.quiet);
  try {
    const documents = readDocuments(args);
    const topology = loadTopology(ROOT_DIR);
    const mspId = args.mspId ?? UserDirectory.fromFile(path.join(ROOT_DIR, 'fixtures', 'users.json')).find(args.user)?.mspId;
    if (mspId === undefined) throw new AuditError('AUDIT_USAGE', `unknown user ${args.user}; pass --msp <mspId>`);
    if (args.storeUri !== undefined) {
      const uri = args.storeUri;
      try {
        store = await MongoReferralStore.connect(uri);
      } catch (err) {
        throw new AuditError('STORE_UNAVAILABLE', `cannot reach the query store at ${uri}: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
      }
    }
    pool = new GatewayPool({ topology, runtimeDir: RUNTIME_DIR });
    let network;
    try {
      ({ network } = await pool.connectionFor({ username: args.user, mspId }));
    } catch (err) {
      throw new AuditError('LEDGER_UNAVAILABLE', `cannot connect to the peer as ${args.user}: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
    }
    const auditor = new LedgerAuditor({ blocks: new QsccBlockSource({ network }), store, onProgress: progress.report });
    const report = await auditor.run({ fromBlock: args.fromBlock, toBlock: args.toBlock, documents });
    progress.done();
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatAuditReport(report)}\n`);
    return report.ok ? EXIT_PASSED : EXIT_FAILED;
  } catch (err) {
    progress.done();
    const code = err instanceof AuditError ? err.code : 'AUDIT_ERROR';
    process.stderr.write(`audit: ${code}: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_ERROR;
  } finally {
    await store?.close();
    await pool?.close();
  }
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (err: unknown) => {
    process.stderr.write(`audit: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
