/**
 * The seed's "mix and match API styles": a functional classifier model (GlobalAveragePooling1D
 * → Dense(1)) held by a custom RNN layer (two tanh projections over time), used after a
 * Conv1D on an input with a static batch size (`batch_shape`), because the layer's call builds
 * its zero state from the batch.
 */
import { ProjectBuilder } from '../engine/build';
import type { CustomLayerDef } from '../engine/custom/definition';
import type { ProjectDoc } from '../engine/doc';

export const CUSTOM_RNN: CustomLayerDef = {
  className: 'CustomRNN',
  doc: 'The guide\'s CustomRNN: state = tanh(x·W1 + b1) + tanh(state·W2 + b2) over time, then the functional classifier model.',
  inputs: { min: 1, max: 1 },
  params: [{ name: 'units', type: 'int', default: 32 }],
  weights: [
    { name: 'projection_1_kernel', shape: ['input[-1]', 'units'], initializer: 'glorot_uniform', trainable: true },
    { name: 'projection_1_bias', shape: ['units'], initializer: 'zeros', trainable: true },
    { name: 'projection_2_kernel', shape: ['units', 'units'], initializer: 'glorot_uniform', trainable: true },
    { name: 'projection_2_bias', shape: ['units'], initializer: 'zeros', trainable: true },
  ],
  models: [{ name: 'classifier', model: 'classifier' }],
  outputShape: ['input[0]', '1'],
  call: [
    'const { tf, weights: w, params } = ctx;',
    'const [batch, steps] = inputs.shape;',
    'let state = tf.zeros([batch, params.units]);',
    'const outputs = [];',
    'for (let t = 0; t < steps; t++) {',
    '  const x = tf.squeeze(tf.slice(inputs, [0, t, 0], [batch, 1, -1]), [1]);',
    '  const h = tf.tanh(tf.add(tf.matMul(x, w.projection_1_kernel), w.projection_1_bias));',
    '  const y = tf.add(h, tf.tanh(tf.add(tf.matMul(state, w.projection_2_kernel), w.projection_2_bias)));',
    '  state = y;',
    '  outputs.push(y);',
    '}',
    'const features = tf.stack(outputs, 1);',
    'return ctx.models.classifier.apply(features);',
  ].join('\n'),
  pythonCall: [
    'outputs = []',
    'state = ops.zeros((inputs.shape[0], self.units))',
    'for t in range(inputs.shape[1]):',
    '    x = inputs[:, t, :]',
    '    h = ops.tanh(ops.matmul(x, self.projection_1_kernel) + self.projection_1_bias)',
    '    y = h + ops.tanh(ops.matmul(state, self.projection_2_kernel) + self.projection_2_bias)',
    '    state = y',
    '    outputs.append(y)',
    'features = ops.stack(outputs, axis=1)',
    'return self.classifier(features)',
  ].join('\n'),
};

export function customRnn(): ProjectDoc {
  const b = new ProjectBuilder('custom_rnn');
  b.defineCustom(CUSTOM_RNN);
  const features = b.input([null, 32]);
  const pooled = b.layer('GlobalAveragePooling1D').call(features);
  b.model('classifier', [features], [b.layer('Dense', { units: 1 }).call(pooled)]);

  const inputs = b.input([10, 5], { batch_size: 16 });
  const x = b.layer('Conv1D', { filters: 32, kernel_size: 3 }).call(inputs);
  const outputs = b.layer('CustomRNN', { units: 32 }).call(x);
  b.model('custom_rnn', [inputs], [outputs]);
  return b.build('custom_rnn');
}
