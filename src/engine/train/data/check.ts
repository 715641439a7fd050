/**
 * Does a dataset fit a model? Each disagreement is an Issue naming the values:
 * "input 'title' expects (None, 10) ints; the dataset gives (1280, 12)".
 */
import { issue, type Issue } from '../../issues';
import { fmtShape } from '../../shape';
import type { ResolvedOutput } from '../compileSpec';
import { lossDef } from '../losses';
import type { ModelIO } from '../modelIO';
import { sampleSize, type Column, type Dataset } from './dataset';

const given = (d: Dataset, c: Column) => fmtShape([d.count, ...c.shape]);
const fits = (want: (number | null)[], got: number[]) => want.length === got.length && want.every((w, i) => w === null || w === got[i]);

export function checkDataset(io: ModelIO, outputs: ResolvedOutput[], d: Dataset, what = 'the dataset'): Issue[] {
  const issues: Issue[] = [];
  const bad = (m: string) => issues.push(issue('data-mismatch', m));
  if (d.count < 1) bad(`${what} has no samples`);
  for (const inp of io.inputs) {
    const c = d.inputs[inp.name];
    const want = `input '${inp.name}' expects ${fmtShape(inp.shape)}${inp.ints ? ' ints' : ''}`;
    if (!c) {
      bad(`${want}; ${what} has no column for it (it has ${Object.keys(d.inputs).map((k) => `'${k}'`).join(', ') || 'none'})`);
      continue;
    }
    if (c.values.length !== d.count * sampleSize(c)) bad(`${what}: column '${inp.name}' holds ${c.values.length} values, not ${d.count} × ${sampleSize(c)}`);
    else if (!fits(inp.shape.slice(1), c.shape) || (inp.ints && c.dtype !== 'int32')) bad(`${want}; ${what} gives ${given(d, c)}${c.dtype === 'int32' ? ' ints' : ' floats'}`);
    else if (inp.vocab !== undefined) {
      let max = -1;
      let min = 0;
      for (const v of c.values) {
        if (v > max) max = v;
        if (v < min) min = v;
      }
      if (max >= inp.vocab || min < 0) bad(`input '${inp.name}' feeds an Embedding of ${inp.vocab} ids; ${what} has ids from ${min} to ${max}`);
    }
  }
  const byName = new Map(io.outputs.map((o) => [o.name, o]));
  for (const out of outputs) {
    const spec = byName.get(out.name)!;
    const c = d.targets[out.name];
    if (!c) {
      bad(`output '${out.name}' needs targets; ${what} has ${Object.keys(d.targets).map((k) => `'${k}'`).join(', ') || 'none'}`);
      continue;
    }
    const perSample = spec.shape.slice(1);
    const units = perSample[perSample.length - 1] ?? 1;
    const target = lossDef(out.loss)!.target;
    if (target === 'class-index') {
      const shapeOk = c.shape.length === 0 || (c.shape.length === 1 && c.shape[0] === 1) || fits(perSample.slice(0, -1), c.shape);
      if (!shapeOk) bad(`output '${out.name}' (${out.loss}) expects class ids of shape (None,); ${what} gives ${given(d, c)}`);
      else {
        let max = 0;
        for (const v of c.values) if (v > max) max = v;
        if (units !== null && max >= units) bad(`output '${out.name}' has ${units} classes; ${what} has class id ${max}`);
      }
    } else if (!fits(perSample, c.shape)) {
      bad(`output '${out.name}' (${out.loss}) expects targets of shape ${fmtShape(spec.shape)}; ${what} gives ${given(d, c)}`);
    }
  }
  return issues;
}
