/**
 * A readable view of POST /api/audit/verify's report, whose exact shape belongs to the audit
 * module: an overall verdict, named checks with their verdicts and counts, and findings.
 * Unknown shapes still show (the raw JSON is always offered too).
 */

/** One named check. */
export interface AuditCheck {
  readonly name: string;
  readonly ok: boolean | null;
  readonly summary: string;
}

/** One finding (something that did not verify). */
export interface AuditFinding {
  readonly text: string;
  readonly referralId?: string;
  /** Where: block number and transaction ID, when the report names them. */
  readonly where?: string;
}

/** The report as the page shows it. */
export interface AuditView {
  readonly ok: boolean | null;
  readonly checks: readonly AuditCheck[];
  readonly findings: readonly AuditFinding[];
  readonly durationMs: number | null;
  /** Top-level figures of the report (channel, blocks checked, chain height, ...). */
  readonly facts: readonly (readonly [string, string])[];
}

const VERDICT_KEYS = ['ok', 'valid', 'passed', 'verified', 'clean', 'success'];
const FINDING_KEYS = ['findings', 'problems', 'issues', 'discrepancies', 'errors', 'failures', 'mismatches'];

function verdict(o: Record<string, unknown>): boolean | null {
  for (const k of VERDICT_KEYS) if (typeof o[k] === 'boolean') return o[k] as boolean;
  const status = o['status'] ?? o['result'] ?? o['verdict'];
  if (typeof status === 'string') {
    if (/^(ok|pass(ed)?|valid|verified|clean|success)$/i.test(status)) return true;
    if (/^(fail(ed)?|invalid|tampered|error|mismatch)$/i.test(status)) return false;
  }
  return null;
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function findingsOf(o: Record<string, unknown>): AuditFinding[] {
  const out: AuditFinding[] = [];
  for (const k of FINDING_KEYS) {
    const list = o[k];
    if (!Array.isArray(list)) continue;
    for (const f of list) {
      if (typeof f === 'string') out.push({ text: f });
      else if (asRecord(f)) {
        const r = f as Record<string, unknown>;
        const text = [r['code'], r['kind'], r['type'], r['message'] ?? r['description'] ?? r['detail']].filter((x) => typeof x === 'string').join(' · ');
        const referralId = [r['referralId'], r['id'], r['key']].find((x) => typeof x === 'string') as string | undefined;
        const where = [typeof r['blockNumber'] === 'number' ? `block ${r['blockNumber']}` : '', typeof r['txId'] === 'string' ? `tx ${r['txId']}` : '', typeof r['field'] === 'string' ? `field ${r['field']}` : '']
          .filter((x) => x !== '')
          .join(' · ');
        out.push({ text: text || JSON.stringify(r), ...(referralId === undefined ? {} : { referralId }), ...(where ? { where } : {}) });
      }
    }
  }
  return out;
}

function summaryOf(o: Record<string, unknown>): string {
  return Object.entries(o)
    .filter(([k, v]) => (typeof v === 'number' || typeof v === 'string') && !['name', 'id', 'check', 'title', 'status'].includes(k))
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

/** Reads the verification answer (unknown shape) into an AuditView. */
export function readAuditReport(body: unknown): AuditView {
  const root = asRecord(body) ?? {};
  const report = asRecord(root['report']) ?? root;
  const checks: AuditCheck[] = [];
  const rawChecks = report['checks'] ?? report['results'] ?? report['sections'];
  if (Array.isArray(rawChecks)) {
    for (const c of rawChecks) {
      const r = asRecord(c);
      if (r === null) continue;
      const name = [r['name'], r['check'], r['id'], r['title']].find((x) => typeof x === 'string') as string | undefined;
      checks.push({ name: name ?? '?', ok: verdict(r), summary: summaryOf(r) });
    }
  } else if (asRecord(rawChecks)) {
    for (const [name, c] of Object.entries(rawChecks as Record<string, unknown>)) {
      const r = asRecord(c);
      checks.push({ name, ok: r ? verdict(r) : typeof c === 'boolean' ? c : null, summary: r ? summaryOf(r) : '' });
    }
  } else {
    // checks as top-level sections: { chain: { ok, ... }, signatures: { ok, ... } }
    for (const [name, c] of Object.entries(report)) {
      const r = asRecord(c);
      if (r !== null && verdict(r) !== null) checks.push({ name, ok: verdict(r), summary: summaryOf(r) });
    }
  }
  const findings = [...findingsOf(report), ...checks.length === 0 ? [] : (Array.isArray(rawChecks) ? rawChecks : Object.values(asRecord(rawChecks) ?? asRecord(report) ?? {})).flatMap((c) => (asRecord(c) ? findingsOf(c as Record<string, unknown>) : []))];
  let ok = verdict(report);
  if (ok === null && checks.length > 0 && checks.every((c) => c.ok !== null)) ok = checks.every((c) => c.ok === true) && findings.length === 0;
  const d = report['durationMs'] ?? report['elapsedMs'] ?? report['tookMs'];
  const facts = Object.entries(report)
    .filter(([k, v]) => (typeof v === 'number' || typeof v === 'string') && !['durationMs', 'elapsedMs', 'tookMs', 'status'].includes(k))
    .map(([k, v]) => [k, String(v)] as const);
  return { ok, checks, findings, durationMs: typeof d === 'number' ? d : null, facts };
}
