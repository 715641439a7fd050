/** Datasets: IDX parsing of the real MNIST files, CSV mapping, and the messages when data and model disagree. */
import { describe, expect, it } from 'vitest';
import { loadMnistFromDisk } from '../nodeEnv';
import type { ResolvedOutput } from '../compileSpec';
import type { ModelIO } from '../modelIO';
import { checkDataset } from './check';
import { csvSplits, parseCsv } from './csv';
import { parseIdx } from './mnist';
import { splitValidation } from './dataset';

describe('MNIST IDX', () => {
  it('reads the real files: 60000 + 10000 digits of 28×28 with labels 0–9', () => {
    const raw = loadMnistFromDisk();
    expect(raw.trainImages.length).toBe(60000 * 784);
    expect(raw.testLabels.length).toBe(10000);
    expect(Math.max(...raw.trainLabels)).toBe(9);
    expect(raw.trainLabels[0]).toBe(5); // the famous first MNIST digit
  });
  it('refuses a file that is not IDX', () => {
    expect(parseIdx(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toMatch(/not an unsigned-byte IDX file/);
    expect(parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 9, 1]))).toMatch(/truncated/);
  });
});

const titleModel: ModelIO = {
  inputs: [
    { name: 'title', shape: [null, 10], ints: true, vocab: 100 },
    { name: 'tags', shape: [null, 3], ints: false },
  ],
  outputs: [{ name: 'department', shape: [null, 4] }],
};
const dept: ResolvedOutput[] = [{ name: 'department', loss: 'sparse_categorical_crossentropy', fromLogits: true, weight: 1, metrics: ['accuracy'] }];

describe('data checks', () => {
  it('names the input, its shape and what the dataset gives', () => {
    const issues = checkDataset(titleModel, dept, {
      count: 1280,
      inputs: { title: { shape: [12], dtype: 'int32', values: new Int32Array(1280 * 12) }, tags: { shape: [3], dtype: 'float32', values: new Float32Array(1280 * 3) } },
      targets: { department: { shape: [], dtype: 'int32', values: new Int32Array(1280).fill(7) } },
    });
    expect(issues.map((i) => i.message)).toEqual([
      "input 'title' expects (None, 10) ints; the dataset gives (1280, 12) ints",
      "output 'department' has 4 classes; the dataset has class id 7",
    ]);
  });
});

describe('CSV', () => {
  it('parses quotes and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y",2\r\n"say ""hi""",3\n')).toEqual({ header: ['a', 'b'], rows: [['x, y', '2'], ['say "hi"', '3']] });
  });
  it('maps columns to inputs and targets, normalises, turns class names into ids and splits off a test set', () => {
    const io: ModelIO = { inputs: [{ name: 'x', shape: [null, 2], ints: false }], outputs: [{ name: 'kind', shape: [null, 3] }] };
    const out: ResolvedOutput[] = [{ ...dept[0], name: 'kind' }];
    const text = 'h,w,kind\n1,10,cat\n2,20,dog\n3,30,cat\n4,40,eel\n5,50,dog\n';
    const { splits, issues } = csvSplits(text, { inputs: { x: ['h', 'w'] }, targets: { kind: 'kind' }, normalize: 'minmax', testFraction: 0.2 }, io, out);
    expect(issues).toEqual([]);
    expect(splits!.train.count).toBe(4);
    expect(splits!.test!.count).toBe(1);
    expect(Array.from(splits!.train.inputs.x.values.subarray(0, 4))).toEqual([0, 0, 0.25, 0.25]);
    expect(splits!.classNames).toEqual({ kind: ['cat', 'dog', 'eel'] });
    expect(Array.from(splits!.train.targets.kind.values)).toEqual([0, 1, 0, 2]);
    const bad = csvSplits('h,kind\nx,cat\n', { inputs: { x: ['h', 'w'] }, targets: { kind: 'kind' }, normalize: 'none', testFraction: 0 }, io, out);
    expect(bad.issues.map((i) => i.message)).toEqual(["the CSV has no column 'w' (it has 'h', 'kind')"]);
  });
  it('validation_split takes the last samples, as Keras does', () => {
    const d = { count: 10, inputs: { x: { shape: [1], dtype: 'float32' as const, values: Float32Array.from({ length: 10 }, (_, i) => i) } }, targets: {} };
    const { train, val } = splitValidation(d, 0.2);
    expect(Array.from(val!.inputs.x.values)).toEqual([8, 9]);
    expect(train.count).toBe(8);
  });
});
