import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fastOrthogonal } from './orthogonal';
import { LSTM } from './LSTM';
import { buildTfjs, fillParams } from './kind';

tf.setBackend('cpu');

/** Max |MᵀM − I| (tall) or |MMᵀ − I| (wide) of a rows × cols matrix. */
function orthoError(m: tf.Tensor2D): number {
  const [r, c] = m.shape;
  const g = r >= c ? tf.matMul(m, m, true, false) : tf.matMul(m, m, false, true);
  return tf.max(tf.abs(tf.sub(g, tf.eye(Math.min(r, c))))).dataSync()[0];
}

describe('fast orthogonal initializer', () => {
  it.each([[512, 128], [128, 512], [64, 64], [7, 3]])('gives an orthogonal %i×%i matrix', (r, c) => {
    const init = fastOrthogonal(tf) as { apply(shape: number[]): tf.Tensor2D };
    const m = init.apply([r, c]);
    expect(m.shape).toEqual([r, c]);
    expect(orthoError(m)).toBeLessThan(1e-5);
  });

  it('scales by the gain and differs between draws', () => {
    const init = fastOrthogonal(tf, 2) as { apply(shape: number[]): tf.Tensor2D };
    const a = init.apply([16, 16]);
    expect(orthoError(tf.div(a, 2) as tf.Tensor2D)).toBeLessThan(1e-5);
    expect(a.dataSync()).not.toEqual(init.apply([16, 16]).dataSync());
  });

  it('is what an LSTM gets for recurrent_initializer="orthogonal", and serialises as Orthogonal', () => {
    const layer = buildTfjs(LSTM, fillParams(LSTM, { units: 128 }), 'lstm', tf) as tf.layers.Layer;
    layer.apply(tf.input({ shape: [10, 64] }));
    const recurrent = layer.getWeights()[1] as tf.Tensor2D;
    expect(recurrent.shape).toEqual([128, 512]);
    expect(orthoError(recurrent)).toBeLessThan(1e-5);
    expect(JSON.stringify(layer.getConfig().recurrentInitializer)).toContain('"className":"Orthogonal"');
  });
});
