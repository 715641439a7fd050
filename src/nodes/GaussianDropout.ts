import { defineLayer, ok } from './kind';
import { float } from './params';

/** layers.GaussianDropout(rate): multiplies by N(1, rate/(1−rate)) noise while training; identity at inference. */
export const GaussianDropout = defineLayer({
  kind: 'GaussianDropout',
  category: 'regularization',
  doc: 'While training, multiplies the inputs by 1-centered Gaussian noise of variance rate / (1 - rate); identity at inference.',
  inputs: { min: 1, max: 1 },
  params: { rate: float({ default: 0.5, min: 0, max: 1, exclusiveMax: true, tfjs: 'rate', positional: true, doc: 'Drop probability it emulates; the noise variance is rate / (1 - rate).' }) },
  infer: ([x]) => ok([...x]),
  weights: () => [],
  tfjs: 'gaussianDropout',
  examples: [{ inputs: [[null, 16]] }, { inputs: [[null, 4, 8]], params: { rate: 0.2 } }],
});
