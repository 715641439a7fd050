import { defineLayer, ok } from './kind';
import { activation } from './params';

/** layers.Activation("relu"): applies an activation function elementwise. */
export const Activation = defineLayer({
  kind: 'Activation',
  category: 'activation',
  doc: 'Applies an activation function elementwise; the shape is unchanged.',
  inputs: { min: 1, max: 1 },
  params: {
    activation: activation('relu', { positional: true }),
  },
  infer: ([x]) => ok(x),
  weights: () => [],
  tfjs: 'activation',
  examples: [
    { inputs: [[null, 64]], params: { activation: 'relu' } },
    { inputs: [[null, 10]], params: { activation: 'softmax' } },
    { inputs: [[null, 28, 28, 3]], params: { activation: 'sigmoid' } },
    { inputs: [[null, null, 16]], params: { activation: 'tanh' } },
    { inputs: [[null, 8]], params: { activation: 'exponential' } },
    { inputs: [[null, 3, 8]], params: { activation: 'sparsemax' } },
  ],
});
