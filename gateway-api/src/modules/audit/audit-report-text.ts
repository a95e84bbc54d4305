import { CHECK_NAMES, type AuditProblem, type AuditReport, type CheckName, type CheckResult } from './audit-report';

const PASS = '✓';
const FAIL = '✗';

/** What each check verified, in one line. */
function summary(name: CheckName, result: CheckResult): string {
  if (result.skipped !== undefined) return `skipped: ${result.skipped}`;
  const n = result.checked;
  switch (name) {
    case 'chain':
      return `${n} blocks: each previous_hash is the hash of the previous header, data hashes match, orderer signatures verify`;
    case 'signatures':
      return `${n} referral transactions signed by a valid identity of the organisation they claim`;
    case 'endorsements':
      return `${n} referral transactions endorsed by both the sending and the receiving organisation`;
    case 'documents':
      return n === 0 ? 'no clinical documents supplied' : `${n} clinical documents compared with clinicalSummaryHash`;
    case 'store':
      return `${n} referrals compared between the ledger and the query store`;
  }
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** One problem as a line: where (block, transaction, referral, field), what, and the differing values. */
export function problemLine(problem: AuditProblem): string {
  const where = [
    problem.blockNumber !== undefined ? `block ${problem.blockNumber}` : undefined,
    problem.txId !== undefined ? `tx ${problem.txId.slice(0, 12)}` : undefined,
    problem.referralId !== undefined ? `referral ${problem.referralId}` : undefined,
    problem.field !== undefined ? `field ${problem.field}` : undefined,
  ].filter((part) => part !== undefined);
  const values = [
    'ledger' in problem ? `ledger=${short(problem.ledger)}` : undefined,
    'store' in problem ? `store=${short(problem.store)}` : undefined,
    'document' in problem ? `computed=${short(problem.document)}` : undefined,
  ].filter((part) => part !== undefined);
  return `${problem.code}${where.length > 0 ? ` [${where.join(', ')}]` : ''}: ${problem.message}${values.length > 0 ? ` (${values.join(', ')})` : ''}`;
}

/** The report as text: a headline, one line per check with ✓/✗, then each problem under its check. */
export function formatAuditReport(report: AuditReport): string {
  const lines: string[] = [];
  const { invalid, other } = report.skippedTransactions;
  lines.push(
    `Ledger audit of channel ${report.channel}, blocks ${report.fromBlock}..${report.toBlock} (height ${report.chainHeight}): ` +
      `${report.checkedBlocks} blocks, ${report.checkedTransactions} referral transactions ` +
      `(${invalid} invalid and ${other} other transactions not verified) in ${report.durationMs} ms`,
  );
  for (const name of CHECK_NAMES) {
    const result = report.checks[name];
    const count = result.problems.length + (result.truncated ?? 0);
    lines.push(`${result.ok ? PASS : FAIL} ${name.padEnd(12)} ${summary(name, result)}${count > 0 ? ` — ${count} problem${count === 1 ? '' : 's'}` : ''}`);
  }
  for (const name of CHECK_NAMES) {
    const result = report.checks[name];
    if (result.problems.length === 0 && (result.notes ?? []).length === 0) continue;
    lines.push('', `${name}:`);
    for (const note of result.notes ?? []) lines.push(`  note: ${note}`);
    for (const problem of result.problems) lines.push(`  ${FAIL} ${problemLine(problem)}`);
    if (result.truncated !== undefined) lines.push(`  … and ${result.truncated} more`);
  }
  lines.push('', report.ok ? `${PASS} All checks passed.` : `${FAIL} Audit FAILED.`);
  return lines.join('\n');
}
