import { PROVINCE, round2, type Cell } from './kpi-compute';
import type { IndicatorDefinition, IndicatorId } from './kpi-definitions';

/** One month of one indicator in one scope, as the dashboard draws it. */
export interface SeriesPoint {
  readonly month: string;
  readonly numerator: number;
  readonly denominator: number | null;
  /** The figure drawn (percent, count, or percent change against the baseline month); null = nothing to count. */
  readonly value: number | null;
  /** The target line for this month (for change targets: from the baseline month). */
  readonly target: number | null;
  readonly meetsTarget: boolean | null;
}

export interface Series {
  readonly indicatorId: IndicatorId;
  readonly definition: IndicatorDefinition;
  /** `no-data-source`: the source is not in the system (no figure at all); `no-data`: no record in the window yet. */
  readonly status: 'ok' | 'no-data' | 'no-data-source';
  /** `province` when a hospital view shows a provincial-only indicator (EMS). */
  readonly scope: string;
  readonly baseline: { month: string; value: number } | null;
  readonly points: SeriesPoint[];
  /** The whole window: sum of numerators over sum of denominators (percent kinds), or the latest month. */
  readonly latest: SeriesPoint | null;
}

function meets(kind: IndicatorDefinition['target']['kind'], value: number | null, target: number | null): boolean | null {
  if (value === null || target === null) return null;
  return kind === 'at-least' || kind === 'change-at-least' ? value >= target : value <= target;
}

/**
 * The series of one indicator over `months` for `scope`, from the month cells. Change targets use the first
 * month of the window with a figure as the baseline (the seed report gives no baseline): `percent-change`
 * indicators draw the change itself (target = target.value), the others draw their figure with the target line
 * at baseline × (1 + target.value / 100).
 */
export function seriesOf(definition: IndicatorDefinition, months: readonly string[], cellsByMonth: ReadonlyMap<string, readonly Cell[]>, scope: string): Series {
  const effectiveScope = definition.scope === 'province' ? PROVINCE : scope;
  const raw = months.map((month) => ({ month, cell: cellsByMonth.get(month)?.find((c) => c.indicatorId === definition.id && c.scope === effectiveScope) }));
  if (definition.source.status === 'no-data-source') {
    return { indicatorId: definition.id, definition, status: 'no-data-source', scope: effectiveScope, baseline: null, points: [], latest: null };
  }
  const first = raw.find((r) => r.cell?.value !== null && r.cell?.value !== undefined);
  const baseline = first?.cell?.value === null || first?.cell?.value === undefined ? null : { month: first.month, value: first.cell.value };
  const t = definition.target;
  const points: SeriesPoint[] = raw.map(({ month, cell }) => {
    const numerator = cell?.numerator ?? 0;
    const denominator = cell?.denominator ?? (definition.denominator === null ? null : 0);
    let value = cell?.value ?? null;
    let target: number | null = t.value;
    if (t.kind === 'change-at-most' || t.kind === 'change-at-least') {
      if (definition.unit === 'percent-change') {
        value = value === null || baseline === null || baseline.value === 0 ? null : round2(((value - baseline.value) / baseline.value) * 100);
      } else {
        target = baseline === null ? null : round2(baseline.value * (1 + t.value / 100));
      }
    }
    return { month, numerator, denominator, value, target, meetsTarget: meets(t.kind, value, target) };
  });
  const withValue = points.filter((p) => p.value !== null);
  return {
    indicatorId: definition.id,
    definition,
    status: withValue.length === 0 ? 'no-data' : 'ok',
    scope: effectiveScope,
    baseline,
    points,
    latest: withValue.at(-1) ?? null,
  };
}
