// The plot of one `npm run bench` run: throughput and latency against concurrency, one line per ledger row
// (no-op / create / accept, direct or through the API) plus Caliper's points, as an SVG drawn by vega-lite → vega
// (pure JavaScript, no canvas or other native module).
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

/** Long-form points: { series, concurrency, tx/s } and { series, concurrency, statistic, ms }. */
export function pointsOf(report) {
  const throughput = [];
  const latency = [];
  for (const r of report.ledger?.rows ?? []) {
    const series = `${r.operation} (${r.mode})`;
    throughput.push({ series, concurrency: r.concurrency, 'tx/s': r.perSecond });
    for (const statistic of ['p50', 'p95', 'p99']) latency.push({ series, concurrency: r.concurrency, statistic, ms: r[statistic] });
  }
  for (const r of report.caliper?.rows ?? []) {
    const series = `caliper ${r.round === 'noop' ? 'no-op' : r.round}`;
    throughput.push({ series, concurrency: report.caliper.load, 'tx/s': r.perSecond });
    latency.push({ series, concurrency: report.caliper.load, statistic: 'avg (Caliper)', ms: r.avgLatencyMs });
  }
  return { throughput, latency };
}

export function specOf(report) {
  const { throughput, latency } = pointsOf(report);
  const levels = [...new Set(throughput.map((p) => p.concurrency))].sort((a, b) => a - b);
  const x = { field: 'concurrency', type: 'quantitative', title: 'concurrent callers', scale: { type: 'linear', zero: true }, axis: { values: levels } };
  const color = { field: 'series', type: 'nominal', title: 'transaction (client)', scale: { scheme: 'tableau10' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `npm run bench${report.short ? ' --short' : ''}, ${report.at}`, subtitle: `load average ${(report.loadavg ?? []).map((l) => l.toFixed(1)).join(' ')} (2 shared cores)` },
    background: 'white',
    config: { font: 'sans-serif', legend: { orient: 'bottom', columns: 3 } },
    resolve: { scale: { color: 'shared' } },
    hconcat: [
      {
        title: 'Throughput',
        width: 360,
        height: 260,
        data: { values: throughput },
        mark: { type: 'line', point: { size: 60 } },
        encoding: { x, y: { field: 'tx/s', type: 'quantitative', title: 'committed transactions per second' }, color },
      },
      {
        title: 'Latency (p50 dotted, p95 solid, p99 dashed; Caliper: average)',
        width: 360,
        height: 260,
        data: { values: latency },
        mark: { type: 'line', point: { size: 40 } },
        encoding: {
          x,
          y: { field: 'ms', type: 'quantitative', title: 'latency (ms)' },
          color,
          strokeDash: { field: 'statistic', type: 'nominal', title: 'statistic', scale: { domain: ['p50', 'p95', 'p99', 'avg (Caliper)'], range: [[2, 3], [1, 0], [8, 4], [4, 2, 1, 2]] } },
          detail: { field: 'statistic' },
        },
      },
    ],
  };
}

/** SVG text of the run's plot. */
export async function plotSvg(report) {
  const compiled = vegaLite.compile(specOf(report)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
