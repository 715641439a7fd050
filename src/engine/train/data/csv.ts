/**
 * CSV upload: columns mapped to model inputs and targets, optional normalisation of the
 * input columns, class columns turned into ids or one-hot vectors as the output's loss wants.
 */
import { issue, type Issue } from '../../issues';
import type { ResolvedOutput } from '../compileSpec';
import { lossDef } from '../losses';
import type { ModelIO } from '../modelIO';
import type { Column, DataSplits, Dataset } from './dataset';
import { sliceDataset } from './dataset';

export interface CsvMapping {
  /** Model input name → CSV columns, in order (their count must equal the input's size). */
  inputs: Record<string, string[]>;
  /** Model output name → the CSV column holding its target. */
  targets: Record<string, string>;
  normalize: 'none' | 'minmax' | 'zscore';
  /** The last fraction of rows becomes the test split. */
  testFraction: number;
}

/** RFC-4180-ish: quoted fields, doubled quotes, CRLF; the first row is the header. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  const header = (rows.shift() ?? []).map((h) => h.trim());
  return { header, rows };
}

export function csvSplits(text: string, m: CsvMapping, io: ModelIO, outputs: ResolvedOutput[]): { splits: DataSplits | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const bad = (msg: string) => issues.push(issue('data-mismatch', msg));
  const { header, rows } = parseCsv(text);
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) bad(`the CSV has no column '${name}' (it has ${header.map((h) => `'${h}'`).join(', ')})`);
    return i;
  };
  const count = rows.length;
  const d: Dataset = { count, inputs: {}, targets: {} };
  const classNames: Record<string, string[]> = {};
  for (const inp of io.inputs) {
    const names = m.inputs[inp.name] ?? [];
    const want = inp.shape.slice(1);
    if (want.length !== 1 || want[0] !== names.length) {
      bad(`input '${inp.name}' expects ${want.length === 1 ? want[0] : want.join('×')} values per sample; the mapping gives ${names.length} CSV columns`);
      continue;
    }
    const idx = names.map(col);
    if (idx.some((i) => i < 0)) continue;
    const values = inp.ints ? new Int32Array(count * idx.length) : new Float32Array(count * idx.length);
    for (let r = 0; r < count; r++)
      idx.forEach((c, j) => {
        const v = Number(rows[r][c]);
        if (!Number.isFinite(v) && issues.length < 5) bad(`row ${r + 2}, column '${header[c]}': "${rows[r][c] ?? ''}" is not a number`);
        values[r * idx.length + j] = v;
      });
    if (!inp.ints && m.normalize !== 'none') normalizeColumns(values as Float32Array, idx.length, m.normalize);
    d.inputs[inp.name] = { shape: [idx.length], dtype: inp.ints ? 'int32' : 'float32', values };
  }
  for (const out of outputs) {
    const name = m.targets[out.name];
    if (!name) {
      bad(`output '${out.name}' has no target column mapped`);
      continue;
    }
    const c = col(name);
    if (c < 0) continue;
    const raw = rows.map((r) => (r[c] ?? '').trim());
    const target = lossDef(out.loss)!.target;
    const units = io.outputs.find((o) => o.name === out.name)!.shape.at(-1) ?? 1;
    if (target === 'class-index' || target === 'one-hot') {
      const classes = [...new Set(raw)].sort((a, b) => (isNum(a) && isNum(b) ? Number(a) - Number(b) : a.localeCompare(b)));
      if (classes.length > units) bad(`output '${out.name}' has ${units} classes; column '${name}' has ${classes.length} distinct values`);
      classNames[out.name] = classes;
      const id = new Map(classes.map((k, i) => [k, i]));
      d.targets[out.name] = target === 'class-index' ? { shape: [], dtype: 'int32', values: Int32Array.from(raw, (v) => id.get(v)!) } : oneHot(raw.map((v) => id.get(v)!), units);
    } else {
      const values = Float32Array.from(raw, Number);
      const at = values.findIndex((v) => !Number.isFinite(v));
      if (at >= 0) bad(`row ${at + 2}, column '${name}': "${raw[at]}" is not a number`);
      d.targets[out.name] = { shape: [1], dtype: 'float32', values };
    }
  }
  if (count === 0) bad('the CSV has a header but no rows');
  if (issues.length) return { splits: null, issues };
  const nTest = Math.floor(count * Math.min(Math.max(m.testFraction, 0), 0.9));
  return {
    splits: { name: `CSV (${count} rows)`, train: sliceDataset(d, 0, count - nTest), test: nTest ? sliceDataset(d, count - nTest, count) : undefined, classNames },
    issues,
  };
}

const isNum = (s: string) => s !== '' && Number.isFinite(Number(s));

function oneHot(ids: number[], units: number): Column {
  const values = new Float32Array(ids.length * units);
  ids.forEach((k, i) => (values[i * units + k] = 1));
  return { shape: [units], dtype: 'float32', values };
}

/** Per column: to [0, 1] (minmax) or to mean 0, std 1 (zscore). */
function normalizeColumns(v: Float32Array, width: number, how: 'minmax' | 'zscore') {
  const n = v.length / width;
  for (let j = 0; j < width; j++) {
    let a = 0;
    let b = 0;
    if (how === 'minmax') {
      a = Infinity;
      b = -Infinity;
      for (let r = 0; r < n; r++) {
        a = Math.min(a, v[r * width + j]);
        b = Math.max(b, v[r * width + j]);
      }
      const span = b - a || 1;
      for (let r = 0; r < n; r++) v[r * width + j] = (v[r * width + j] - a) / span;
    } else {
      for (let r = 0; r < n; r++) a += v[r * width + j];
      const mean = a / n;
      for (let r = 0; r < n; r++) b += (v[r * width + j] - mean) ** 2;
      const std = Math.sqrt(b / n) || 1;
      for (let r = 0; r < n; r++) v[r * width + j] = (v[r * width + j] - mean) / std;
    }
  }
}
