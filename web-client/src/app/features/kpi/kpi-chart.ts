import { Component, ElementRef, effect, input, output, viewChild } from '@angular/core';
import type { Lang } from '../../core/i18n/thai-date';
import { formatValue, monthLabel } from './kpi-month';
import type { KpiSeries } from './kpi-models';

/**
 * One indicator's monthly figures as a Vega-Lite line chart (SVG) with its target line, plus the same figures as a
 * table (the accessible alternative, always in the page; the chart itself is aria-hidden). Clicking a point asks for
 * the records behind it; the table has a button per month for keyboard users.
 */
@Component({
  selector: 'app-kpi-chart',
  template: `
    <div #chart class="kpi-chart" aria-hidden="true"></div>
    <details class="kpi-table">
      <summary>{{ lang() === 'th' ? 'ดูเป็นตาราง' : 'Show as a table' }}</summary>
      <table>
        <caption class="sr-only">{{ lang() === 'th' ? series().definition.nameTh : series().definition.nameEn }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ lang() === 'th' ? 'เดือน' : 'Month' }}</th>
            <th scope="col">{{ lang() === 'th' ? 'ตัวตั้ง' : 'Numerator' }}</th>
            <th scope="col">{{ lang() === 'th' ? 'ตัวหาร' : 'Denominator' }}</th>
            <th scope="col">{{ lang() === 'th' ? 'ค่า' : 'Value' }}</th>
            <th scope="col">{{ lang() === 'th' ? 'เป้าหมาย' : 'Target' }}</th>
            <th scope="col"><span class="sr-only">{{ lang() === 'th' ? 'ระเบียน' : 'Records' }}</span></th>
          </tr>
        </thead>
        <tbody>
          @for (p of series().points; track p.month) {
            <tr>
              <th scope="row">{{ label(p.month, true) }}</th>
              <td>{{ p.numerator }}</td>
              <td>{{ p.denominator ?? '—' }}</td>
              <td [class.kpi-miss]="p.meetsTarget === false" [class.kpi-hit]="p.meetsTarget === true">{{ fmt(p.value) }}</td>
              <td>{{ fmt(p.target) }}</td>
              <td>
                <button type="button" class="link-button" (click)="drill.emit(p.month)" [attr.data-testid]="'drill-' + series().indicatorId + '-' + p.month">
                  {{ lang() === 'th' ? 'ดูระเบียน' : 'Records' }}<span class="sr-only"> {{ label(p.month, true) }}</span>
                </button>
              </td>
            </tr>
          }
        </tbody>
      </table>
    </details>
  `,
})
export class KpiChart {
  public readonly series = input.required<KpiSeries>();
  public readonly lang = input<Lang>('th');
  /** A month whose records the user asked for. */
  public readonly drill = output<string>();
  private readonly host = viewChild.required<ElementRef<HTMLDivElement>>('chart');
  #finalize: (() => void) | undefined;

  public constructor() {
    effect(() => {
      const series = this.series();
      const lang = this.lang();
      void this.#render(series, lang);
    });
  }

  protected label(month: string, long = false): string {
    return monthLabel(month, this.lang(), long);
  }

  protected fmt(v: number | null): string {
    return formatValue(v, this.series().definition.unit);
  }

  async #render(series: KpiSeries, lang: Lang): Promise<void> {
    const el = this.host().nativeElement;
    const [{ compile }, vega] = await Promise.all([import('vega-lite'), import('vega')]);
    const data = series.points.map((p) => ({ month: p.month, label: monthLabel(p.month, lang), value: p.value, target: p.target, meets: p.meetsTarget === null ? 'none' : p.meetsTarget ? 'yes' : 'no' }));
    const order = data.map((d) => d.label);
    const x = { field: 'label', type: 'ordinal', sort: order, title: null, axis: { labelAngle: -45, labelOverlap: false } } as const;
    const unitTitle = series.definition.unit === 'count' ? (lang === 'th' ? 'จำนวน' : 'count') : '%';
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 'container',
      height: 160,
      autosize: { type: 'fit-x', contains: 'padding' },
      data: { values: data },
      config: { font: 'Sarabun, Noto Sans Thai, sans-serif', view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 11 } },
      layer: [
        {
          mark: { type: 'line', strokeDash: [6, 4], color: '#b45309', strokeWidth: 2 },
          encoding: { x, y: { field: 'target', type: 'quantitative', title: unitTitle } },
        },
        {
          mark: { type: 'line', point: { size: 60, filled: true, cursor: 'pointer' }, color: '#1d4ed8', strokeWidth: 2 },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', title: unitTitle },
            tooltip: [
              { field: 'label', title: lang === 'th' ? 'เดือน' : 'Month' },
              { field: 'value', title: lang === 'th' ? 'ค่า' : 'Value' },
              { field: 'target', title: lang === 'th' ? 'เป้าหมาย' : 'Target' },
            ],
          },
        },
      ],
    };
    const compiled = compile(spec as never).spec;
    this.#finalize?.();
    const view = new vega.View(vega.parse(compiled), { renderer: 'svg', container: el, hover: true });
    view.addEventListener('click', (_event, item) => {
      const datum = (item as { datum?: { month?: string } } | null | undefined)?.datum;
      if (typeof datum?.month === 'string') this.drill.emit(datum.month);
    });
    this.#finalize = () => view.finalize();
    await view.runAsync();
  }
}
