import { defineLayer, ok } from './kind';
import { float } from './params';

/** layers.Masking(mask_value): marks timesteps whose features all equal mask_value, so later RNNs skip them. */
export const Masking = defineLayer({
  kind: 'Masking',
  category: 'core',
  doc: 'Masks the timesteps of a (batch, timesteps, features) sequence whose features all equal mask_value; later layers that support masks (RNNs) skip them.',
  inputs: { min: 1, max: 1 },
  params: { mask_value: float({ default: 0, tfjs: 'maskValue', doc: 'Timesteps whose features all equal this value are masked.' }) },
  infer: ([x]) => ok([...x]),
  weights: () => [],
  tfjs: 'masking',
  examples: [{ inputs: [[null, 10, 8]] }, { inputs: [[null, null, 3]], params: { mask_value: -1 } }],
});
