/** Live loss and metric curves, train (running mean within each epoch) and validation (per epoch), one chart per stat. */
import { t } from '../i18n';
import { useRun } from './run';

const W = 300;
const H = 120;
const PAD = { l: 38, r: 8, t: 8, b: 18 };
const MAX_POINTS = 300;

type Series = [number, number][];

function thin(s: Series): Series {
  if (s.length <= MAX_POINTS) return s;
  const step = s.length / MAX_POINTS;
  const out: Series = [];
  for (let i = 0; i < MAX_POINTS; i++) out.push(s[Math.floor(i * step)]);
  out.push(s[s.length - 1]);
  return out;
}

const fmt = (v: number) => (Math.abs(v) >= 100 || v === 0 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2));

function Chart({ name, train, val }: { name: string; train: Series; val: Series }) {
  const all = [...train, ...val].filter(([, y]) => Number.isFinite(y));
  if (!all.length) return null;
  const xMax = Math.max(1, ...all.map(([x]) => x));
  let yMin = Math.min(...all.map(([, y]) => y));
  let yMax = Math.max(...all.map(([, y]) => y));
  if (yMax - yMin < 1e-9) {
    yMax += 0.5;
    yMin -= 0.5;
  }
  const sx = (x: number) => PAD.l + (x / xMax) * (W - PAD.l - PAD.r);
  const sy = (y: number) => PAD.t + (1 - (y - yMin) / (yMax - yMin)) * (H - PAD.t - PAD.b);
  const path = (s: Series) => s.filter(([, y]) => Number.isFinite(y)).map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('');
  return (
    <figure className="tr-chart" data-testid={`chart-${name}`}>
      <figcaption>
        <code>{name}</code>
        <span className="tr-legend tr-train">{t('training.chart.train')}</span>
        {val.length > 0 && <span className="tr-legend tr-val">{t('training.chart.val')}</span>}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={name}>
        <line x1={PAD.l} y1={H - PAD.b} x2={W - PAD.r} y2={H - PAD.b} className="tr-axis" />
        <line x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={H - PAD.b} className="tr-axis" />
        <text x={PAD.l - 4} y={PAD.t + 8} textAnchor="end">{fmt(yMax)}</text>
        <text x={PAD.l - 4} y={H - PAD.b} textAnchor="end">{fmt(yMin)}</text>
        {Array.from({ length: Math.min(10, Math.floor(xMax)) }, (_, i) => Math.round(((i + 1) * xMax) / Math.min(10, Math.floor(xMax)))).map((x) => (
          <text key={x} x={sx(x)} y={H - 4} textAnchor="middle">{x}</text>
        ))}
        <path d={path(thin(train))} className="tr-line-train" />
        <path d={path(val)} className="tr-line-val" />
        {val.map(([x, y]) => Number.isFinite(y) && <circle key={x} cx={sx(x)} cy={sy(y)} r={2.5} className="tr-dot-val" />)}
      </svg>
    </figure>
  );
}

/** Subscribes on its own: progress updates re-render the charts, not the whole panel. */
export function Charts() {
  const points = useRun((s) => s.points);
  const epochs = useRun((s) => s.epochs);
  const keys = Object.keys(points.at(-1)?.logs ?? epochs.at(-1)?.logs ?? {}).filter((k) => !k.startsWith('val_'));
  if (!keys.length) return null;
  return (
    <div className="tr-charts">
      {keys.map((k) => (
        <Chart key={k} name={k} train={points.map((p) => [p.x, p.logs[k]])} val={epochs.filter((e) => `val_${k}` in e.logs).map((e) => [e.epoch, e.logs[`val_${k}`]])} />
      ))}
    </div>
  );
}
