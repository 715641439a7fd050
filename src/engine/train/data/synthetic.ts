/**
 * Random data shaped to any model's inputs and outputs, as the seed's multi-input example
 * does (ids for Embedding inputs, floats elsewhere; targets that suit each output's loss).
 */
import type { ResolvedOutput } from '../compileSpec';
import { lossDef } from '../losses';
import type { ModelIO } from '../modelIO';
import { rng, type Column, type DataSplits, type Dataset } from './dataset';

export interface SyntheticOptions {
  count: number;
  testCount?: number;
  /** Length used for dims the model leaves open (None): the seed's titles have 10 words. */
  seqLen?: number;
  seed?: number;
}

function column(shape: number[], ints: boolean, count: number, gen: () => number): Column {
  const n = count * shape.reduce((a, b) => a * b, 1);
  const values = ints ? new Int32Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = gen();
  return { shape, dtype: ints ? 'int32' : 'float32', values };
}

function dataset(io: ModelIO, outputs: ResolvedOutput[], count: number, seqLen: number, random: () => number): Dataset {
  const d: Dataset = { count, inputs: {}, targets: {} };
  for (const inp of io.inputs) {
    const shape = inp.shape.slice(1).map((s) => s ?? seqLen);
    const vocab = inp.vocab ?? 2;
    d.inputs[inp.name] = column(shape, inp.ints, count, inp.ints ? () => Math.floor(random() * vocab) : random);
  }
  for (const out of outputs) {
    const shape = io.outputs.find((o) => o.name === out.name)!.shape.slice(1).map((s) => s ?? seqLen);
    const units = shape[shape.length - 1] ?? 1;
    const target = lossDef(out.loss)!.target;
    if (target === 'class-index') d.targets[out.name] = column(shape.slice(0, -1), true, count, () => Math.floor(random() * units));
    else if (target === 'one-hot') {
      const c = column(shape, false, count, () => 0);
      for (let i = 0; i < c.values.length / units; i++) c.values[i * units + Math.floor(random() * units)] = 1;
      d.targets[out.name] = c;
    } else d.targets[out.name] = column(shape, false, count, random);
  }
  return d;
}

export function syntheticSplits(io: ModelIO, outputs: ResolvedOutput[], o: SyntheticOptions): DataSplits {
  const random = rng(o.seed ?? 1);
  const seqLen = o.seqLen ?? 10;
  const testCount = o.testCount ?? Math.max(1, Math.floor(o.count / 5));
  return {
    name: `synthetic (${o.count} samples)`,
    train: dataset(io, outputs, o.count, seqLen, random),
    test: dataset(io, outputs, testCount, seqLen, random),
  };
}
