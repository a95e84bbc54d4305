/** Shapes of /api/kpi (gateway-api/src/modules/kpi). */
export interface KpiDefinition {
  readonly id: string;
  readonly order: number;
  readonly group: string;
  readonly nameTh: string;
  readonly nameEn: string;
  readonly numerator: string;
  readonly denominator: string | null;
  readonly unit: 'percent' | 'count' | 'percent-change';
  readonly scope: 'hospital' | 'province';
  readonly target: { readonly kind: 'at-least' | 'at-most' | 'change-at-most' | 'change-at-least'; readonly value: number };
  readonly reported: number | null;
  readonly verified: boolean;
}

export interface KpiPoint {
  readonly month: string;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly value: number | null;
  readonly target: number | null;
  readonly meetsTarget: boolean | null;
}

export interface KpiSeries {
  readonly indicatorId: string;
  readonly definition: KpiDefinition;
  readonly status: 'ok' | 'no-data' | 'no-data-source';
  readonly scope: string;
  readonly baseline: { readonly month: string; readonly value: number } | null;
  readonly points: readonly KpiPoint[];
  readonly latest: KpiPoint | null;
}

export interface KpiDashboard {
  readonly scope: { readonly kind: 'province' | 'hospital'; readonly hcode: string | null; readonly nameTh: string; readonly nameEn: string; readonly district: string | null };
  readonly months: readonly string[];
  readonly definitionsVersion: string;
  readonly series: readonly KpiSeries[];
  readonly byHospital: readonly { readonly hcode: string; readonly nameTh: string; readonly nameEn: string; readonly district: string; readonly values: Readonly<Record<string, number | null>> }[];
  readonly computedAt: string;
}

export interface KpiRecord {
  readonly id: string;
  readonly kind: string;
  readonly hospital: string;
  readonly at: string;
  readonly pseudonym: string | null;
  readonly txId: string | null;
  readonly provenance: 'live' | 'demo-year';
  readonly inNumerator: boolean;
  readonly detail: string;
}

export interface KpiRecords {
  readonly indicatorId: string;
  readonly month: string;
  readonly scope: string;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly total: number;
  readonly rows: readonly KpiRecord[];
}
