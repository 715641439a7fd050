import { defineLayer } from './kind';
import { spatialDropoutKind, spatialDropoutClasses } from './spatialDropout';
import { buildWith } from './tfjsClass';

/** layers.SpatialDropout3D(rate): drops whole channels while training; identity at inference. */
export const SpatialDropout3D = defineLayer({
  ...spatialDropoutKind('SpatialDropout3D', 3),
  doc: 'While training, drops whole 3D feature maps (a channel of a sample at every position) instead of single values; identity at inference.',
  tfjs: buildWith(spatialDropoutClasses[3]),
  examples: [{ inputs: [[null, 4, 4, 4, 2]], params: { rate: 0.3 } }, { inputs: [[null, 2, 4, 4, 4]], params: { data_format: 'channels_first' } }],
});
