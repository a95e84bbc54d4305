/** Stable codes of the errors that stop an audit before it can report. */
export type AuditErrorCode = 'AUDIT_USAGE' | 'AUDIT_RANGE' | 'LEDGER_UNAVAILABLE' | 'STORE_UNAVAILABLE' | 'NO_CHANNEL_CONFIG';

/** An audit could not run (bad request, unreachable peer or store); not a finding about the ledger. */
export class AuditError extends Error {
  public readonly code: AuditErrorCode;
  public readonly details: unknown;

  public constructor(code: AuditErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditError';
    this.code = code;
    this.details = details;
  }
}
