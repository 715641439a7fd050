import { defineLayer } from './kind';
import { spatialDropoutKind, spatialDropoutClasses } from './spatialDropout';
import { buildWith } from './tfjsClass';

/** layers.SpatialDropout1D(rate): drops whole channels while training; identity at inference. */
export const SpatialDropout1D = defineLayer({
  ...spatialDropoutKind('SpatialDropout1D', 1),
  doc: 'While training, drops whole 1D feature maps (a channel of a sample at every position) instead of single values; identity at inference.',
  tfjs: buildWith(spatialDropoutClasses[1]),
  examples: [{ inputs: [[null, 10, 8]], params: { rate: 0.3 } }],
});
