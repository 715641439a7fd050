import { defineLayer, ok } from './kind';
import { float } from './params';

/** layers.AlphaDropout(rate): dropout that keeps the mean and variance of SELU activations; identity at inference. */
export const AlphaDropout = defineLayer({
  kind: 'AlphaDropout',
  category: 'regularization',
  doc: 'While training, drops inputs to the SELU saturation value and rescales so that mean and variance stay the same; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: { rate: float({ default: 0.5, min: 0, max: 1, exclusiveMax: true, tfjs: 'rate', positional: true, doc: 'Fraction of the inputs to drop, in [0, 1].' }) },
  infer: ([x]) => ok([...x]),
  weights: () => [],
  tfjs: 'alphaDropout',
  examples: [{ inputs: [[null, 16]] }, { inputs: [[null, 4, 8]], params: { rate: 0.1 } }],
});
