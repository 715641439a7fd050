/** Our UnsortedSegmentSum equals the definition, on cpu and wasm, and makes Embedding train on wasm. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { setupNodeWasm } from './nodeEnv';
import { registerSegmentSumKernels } from './segmentSum';

registerSegmentSumKernels(tf);
afterAll(() => tf.setBackend('cpu'));

describe.each(['cpu', 'wasm'])('UnsortedSegmentSum on %s', (backend) => {
  it('sums rows into their segments and gives Embedding its gradient', async () => {
    if (backend === 'wasm') await setupNodeWasm();
    await tf.setBackend(backend);
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
    const out = tf.unsortedSegmentSum(x, tf.tensor1d([2, 0, 2, 5], 'int32'), 4);
    expect(out.arraySync()).toEqual([[3, 4], [0, 0], [6, 8], [0, 0]]); // id 5 is out of range: dropped, as tf does
    const table = tf.variable(tf.randomNormal([1000, 8]));
    const ids = tf.tensor1d([3, 3, 999], 'int32');
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, ids)))(table);
    const rows = g.arraySync() as number[][];
    expect(rows[3]).toEqual(new Array(8).fill(2));
    expect(rows[999]).toEqual(new Array(8).fill(1));
    expect(rows[0]).toEqual(new Array(8).fill(0));
  });
});
