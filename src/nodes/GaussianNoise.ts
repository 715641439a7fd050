import { defineLayer, ok } from './kind';
import { float } from './params';

/** layers.GaussianNoise(stddev): adds N(0, stddev²) noise while training; identity at inference. */
export const GaussianNoise = defineLayer({
  kind: 'GaussianNoise',
  category: 'regularization',
  doc: 'While training, adds zero-centered Gaussian noise with standard deviation stddev; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: { stddev: float({ default: 0.1, min: 0, tfjs: 'stddev', positional: true, doc: 'Standard deviation of the noise.' }) },
  infer: ([x]) => ok([...x]),
  weights: () => [],
  tfjs: 'gaussianNoise',
  examples: [{ inputs: [[null, 16]] }, { inputs: [[null, 8, 8, 3]], params: { stddev: 0.5 } }],
});
