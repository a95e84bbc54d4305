/** A kiosk session as the gateway shows it (the CID is masked; no NHSO token ever). */
export interface KioskSession {
  readonly id: string;
  readonly hcode: string;
  readonly point: string;
  readonly state: 'right-read' | 'right-opened' | 'billed' | 'paying' | 'paid' | 'receipted' | 'closed' | 'cancelled';
  readonly patient: { readonly pidMasked: string; readonly hn: string; readonly nameTh: string };
  readonly right: {
    readonly mainInscl: string;
    readonly subInscl: string;
    readonly hospMain: string;
    readonly claimTypes: readonly string[];
    readonly expired: boolean;
    readonly claimCode: string | null;
    readonly closedAt: string | null;
  };
  readonly bill: {
    readonly vn: string;
    readonly items: readonly { code: string; nameTh: string; amount: number; covered: boolean }[];
    readonly total: number;
    readonly patientPays: number;
    readonly coveredByRight: number;
    readonly rule: { right: string; verified: boolean; source: string };
  } | null;
  readonly paymentId: string | null;
  readonly receiptNo: string | null;
  readonly assist: { readonly requestedAt: string; readonly reason: string; readonly acknowledgedBy: string | null } | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface KioskPayment {
  readonly id: string;
  readonly method: 'promptpay' | 'card';
  readonly amount: number;
  readonly status: 'pending' | 'paid' | 'cancelled';
  readonly receiptNo: string;
  readonly qrPayload: string | null;
}

export interface KioskReceipt {
  readonly receiptNo: string;
  readonly fiscalYear: number;
  readonly point: string;
  readonly status: 'reserved' | 'issued' | 'voided';
  readonly voidReason: string | null;
  readonly hash: string | null;
  readonly anchorTxId: string | null;
  readonly content: {
    readonly unitNameTh: string;
    readonly unitAddressTh: string;
    readonly taxId: string;
    readonly book: string;
    readonly receiptNo: string;
    readonly issuedAt: string;
    readonly payerNameTh: string;
    readonly hn: string;
    readonly vn: string;
    readonly items: readonly { nameTh: string; amount: number }[];
    readonly amount: number;
    readonly amountTextTh: string;
    readonly method: 'promptpay' | 'card';
    readonly right: string;
    readonly authenCode: string | null;
    readonly receivedBy: string;
  } | null;
}

export interface ReceiptAudit {
  readonly ok: boolean;
  readonly count: number;
  readonly issued: number;
  readonly voided: number;
  readonly reserved: number;
  readonly ledgerHead: number | null;
  readonly gaps: readonly number[];
  readonly duplicates: readonly number[];
  readonly tampered: readonly string[];
  readonly unanchored: readonly string[];
}

/** Right codes in Thai and English (domain-standards §5). */
/** GET /api/kiosk/reports/daily */
export interface DailyClosing {
  readonly hcode: string;
  readonly date: string;
  readonly count: number;
  readonly total: number;
  readonly byMethod: Readonly<Record<string, { count: number; amount: number }>>;
  readonly byRight: Readonly<Record<string, { count: number; amount: number }>>;
}

/** POST /api/kiosk/reconciliation */
export interface Reconciliation {
  readonly ok: boolean;
  readonly statementLines: number;
  readonly statementTotal: number;
  readonly kioskTotal: number;
  readonly matched: readonly { receiptNo: string; amount: number; line: number }[];
  readonly missing: readonly { receiptNo: string; amount: number; method: string }[];
  readonly unexpected: readonly { line: number; ref1: string; ref2: string; amount: number; reason: string }[];
  readonly amountMismatch: readonly { line: number; receiptNo: string; statementAmount: number; kioskAmount: number }[];
  readonly errors: readonly { line: number; message: string }[];
}

/** POST /api/kiosk/audit/receipts/reanchor */
export interface ReanchorResult {
  readonly attempted: number;
  readonly anchored: readonly string[];
  readonly voidsAnchored: readonly string[];
  readonly failed: readonly { receiptNo: string; error: string }[];
}

export const RIGHT_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  UCS: ['สิทธิหลักประกันสุขภาพถ้วนหน้า (บัตรทอง)', 'Universal coverage (gold card)'],
  OFC: ['สิทธิข้าราชการ', 'Civil servant'],
  SSS: ['สิทธิประกันสังคม', 'Social security'],
  LGO: ['สิทธิข้าราชการส่วนท้องถิ่น', 'Local government officer'],
  SP: ['ชำระเงินเอง', 'Self-pay'],
};

/** Baht with 2 decimals and thousands separators. */
export function baht(amount: number): string {
  return amount.toLocaleString('th-TH', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
