import { layoutOf } from './convShape';
import { defineLayer, needRank, ok } from './kind';
import { dataFormat, enumOf, ints, tuple } from './params';

const INTERPOLATIONS = ['nearest', 'bilinear', 'bicubic', 'lanczos3', 'lanczos5'] as const;
const interpolation = enumOf(INTERPOLATIONS, 'nearest', { tfjs: 'interpolation', doc: 'Interpolation method: "nearest", "bilinear", "bicubic", "lanczos3" or "lanczos5".' });

/** layers.UpSampling2D(size): repeats rows and cols (nearest) or resizes (bilinear, …). */
export const UpSampling2D = defineLayer({
  kind: 'UpSampling2D',
  category: 'reshaping',
  doc: 'Scales an image up by size along rows and cols: nearest repeats pixels, the others interpolate.',
  inputs: { min: 1, max: 1 },
  params: {
    size: ints({ default: 2, length: 2, min: 1, tfjs: 'size', positional: true, doc: 'Upsampling factors for rows and cols.' }),
    data_format: dataFormat(),
    // tfjs 4.22 resizes with nearest or bilinear only.
    interpolation: { ...interpolation, toTfjs: (v: string) => (v === 'nearest' || v === 'bilinear' ? v : undefined) },
  },
  infer([x], p) {
    const first = p.data_format === 'channels_first';
    const r = needRank('UpSampling2D', x, 4, layoutOf(2, first));
    if (r) return r;
    const s = tuple(p.size, 2);
    const [h, w] = first ? [x[2], x[3]] : [x[1], x[2]];
    const out = [h === null ? null : h * s[0], w === null ? null : w * s[1]];
    return ok(first ? [x[0], x[1], ...out] : [x[0], ...out, x[3]]);
  },
  weights: () => [],
  tfjs: 'upSampling2d',
  examples: [
    { inputs: [[null, 8, 8, 32]], params: { size: 3 } },
    { inputs: [[null, 7, 7, 16]] },
    { inputs: [[null, 4, 5, 3]], params: { size: [2, 3], interpolation: 'bilinear' } },
    { inputs: [[null, 3, 10, null]], params: { size: 2, data_format: 'channels_first' } },
    { inputs: [[null, 8, 8, 3]], params: { interpolation: 'bicubic' }, tfjsUnsupported: true },
  ],
});
