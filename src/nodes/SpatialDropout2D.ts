import { defineLayer } from './kind';
import { spatialDropoutKind, spatialDropoutClasses } from './spatialDropout';
import { buildWith } from './tfjsClass';

/** layers.SpatialDropout2D(rate): drops whole channels while training; identity at inference. */
export const SpatialDropout2D = defineLayer({
  ...spatialDropoutKind('SpatialDropout2D', 2),
  doc: 'While training, drops whole 2D feature maps (a channel of a sample at every position) instead of single values; identity at inference.',
  tfjs: buildWith(spatialDropoutClasses[2]),
  examples: [{ inputs: [[null, 8, 8, 4]], params: { rate: 0.3 } }, { inputs: [[null, 4, 8, 8]], params: { data_format: 'channels_first' } }],
});
