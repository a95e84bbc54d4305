import { Component, computed, input } from '@angular/core';

/** One series of a vital sign. */
export interface ChartSeries { code: string; label: string; colour: string; points: { t: number; v: number }[]; low: number | null; high: number | null }

const W = 480;
const H = 140;

/** A small SVG trend chart of vital signs (last few minutes), with the alarm bands dashed. Data also given as text. */
@Component({
  selector: 'app-vital-chart',
  template: `
    <figure class="vital-chart">
      <svg [attr.viewBox]="'0 0 ' + w + ' ' + h" role="img" [attr.aria-label]="label()" preserveAspectRatio="none">
        <rect x="0" y="0" [attr.width]="w" [attr.height]="h" fill="#fbfdff" stroke="#c9d3dc" />
        @for (s of drawn(); track s.code) {
          @for (y of s.bands; track $index) {
            <line x1="0" [attr.x2]="w" [attr.y1]="y" [attr.y2]="y" [attr.stroke]="s.colour" stroke-dasharray="4 4" stroke-width="1" opacity=".6" />
          }
          <polyline [attr.points]="s.path" fill="none" [attr.stroke]="s.colour" stroke-width="2" />
        }
      </svg>
      <figcaption>
        @for (s of drawn(); track s.code) {
          <span class="legend-item"><span class="swatch" [style.background]="s.colour"></span>{{ s.label }}: <strong>{{ s.last ?? '–' }}</strong></span>
        }
      </figcaption>
    </figure>
  `,
  styles: `
    .vital-chart { margin: 0; }
    svg { width: 100%; height: 9rem; display: block; }
    figcaption { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9rem; margin-top: .25rem; }
    .swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .3rem; vertical-align: middle; }
  `,
})
export class VitalChart {
  public readonly series = input.required<ChartSeries[]>();
  public readonly label = input('');
  protected readonly w = W;
  protected readonly h = H;

  protected readonly drawn = computed(() => {
    const all = this.series();
    const ts = all.flatMap((s) => s.points.map((p) => p.t));
    const t0 = Math.min(...ts, Date.now());
    const t1 = Math.max(...ts, t0 + 1);
    // one shared scale 0..250 keeps HR, SpO2, RR and BP comparable at a glance
    const y = (v: number): number => H - (Math.max(0, Math.min(250, v)) / 250) * H;
    return all.map((s) => ({
      code: s.code,
      colour: s.colour,
      label: s.label,
      last: s.points.at(-1)?.v,
      bands: [s.low, s.high].filter((b): b is number => b !== null).map(y),
      path: s.points.map((p) => `${(((p.t - t0) / (t1 - t0)) * W).toFixed(1)},${y(p.v).toFixed(1)}`).join(' '),
    }));
  });
}
