import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, ok, type Tf } from './kind';
import { bool, dataFormat, enumOf, float, int } from './params';
import { checkSize, needImages, resizeImages, RESIZE_INTERPOLATIONS, TFJS_RESIZE, withSize } from './imageResize';
import { buildWith, ownConfig, single, singleShape, tfjsClass } from './tfjsClass';

const resizingClass = tfjsClass((tf: Tf) => {
  class Resizing extends tf.layers.Layer {
    static className = 'Resizing';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
      return [...withSize(singleShape(s), this.cfg.height as number, this.cfg.width as number, this.cfg.dataFormat === 'channelsFirst')];
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      const c = this.cfg;
      return resizeImages(tf, single(inputs), c.height as number, c.width as number, {
        interpolation: c.interpolation as string,
        crop: c.cropToAspectRatio === true,
        pad: c.padToAspectRatio === true,
        fillValue: c.fillValue as number,
        channelsFirst: c.dataFormat === 'channelsFirst',
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return Resizing;
});

const interpolation = enumOf(RESIZE_INTERPOLATIONS, 'bilinear', {
  tfjs: 'interpolation',
  doc: 'How new pixels are computed: "bilinear" or "nearest" (half-pixel centers, as in Keras); "bicubic", "lanczos3" and "lanczos5" export to Keras but do not run in the browser.',
});

/** layers.Resizing(height, width): resizes image batches to height × width, as Keras does (half-pixel centers, optional crop or pad to the aspect ratio). */
export const Resizing = defineLayer({
  kind: 'Resizing',
  category: 'preprocessing',
  doc: 'Resizes images to height × width (bilinear or nearest, half-pixel centers, as Keras), optionally cropping or padding to the target aspect ratio first.',
  inputs: { min: 1, max: 1 },
  params: {
    height: int({ default: 224, min: 1, tfjs: 'height', positional: true, doc: 'Rows of the output images.' }),
    width: int({ default: 224, min: 1, tfjs: 'width', positional: true, doc: 'Columns of the output images.' }),
    // Layerflow's tfjs class writes bilinear and nearest only: any other is refused for the browser, by name.
    interpolation: { ...interpolation, toTfjs: (v: string) => (TFJS_RESIZE.includes(v) ? v : undefined) },
    crop_to_aspect_ratio: bool(false, { tfjs: 'cropToAspectRatio', doc: 'First crop the largest centered window of the target aspect ratio, so images are not distorted.' }),
    pad_to_aspect_ratio: bool(false, { tfjs: 'padToAspectRatio', doc: 'First pad the images evenly (with fill_value) to the target aspect ratio, so they are not distorted.' }),
    fill_mode: enumOf(['constant'], 'constant', { tfjs: 'fillMode', doc: 'How padding is filled: Keras only has "constant" (fill_value).' }),
    fill_value: float({ default: 0, tfjs: 'fillValue', doc: 'The value padding gets with pad_to_aspect_ratio.' }),
    // jax.image.resize's antialias widens the kernel when downsampling; tfjs 4.22's resize has none.
    antialias: bool(false, { doc: 'Widen the filter when downsampling (jax.image.resize antialias); not available in tfjs 4.22.' }),
    data_format: dataFormat(),
  },
  infer([x], p) {
    const bad = needImages('Resizing', x) ?? checkSize('Resizing', p.height, p.width);
    if (bad) return bad;
    if (p.crop_to_aspect_ratio && p.pad_to_aspect_ratio) return fail('Resizing takes only one of crop_to_aspect_ratio and pad_to_aspect_ratio', 'invalid-param', 'pad_to_aspect_ratio');
    return ok(withSize(x, p.height, p.width, p.data_format === 'channels_first'));
  },
  weights: () => [],
  tfjs: buildWith(resizingClass),
  examples: [
    { inputs: [[null, 6, 8, 3]], params: { height: 9, width: 5 } },
    { inputs: [[null, 7, 5, 2]], params: { height: 4, width: 10, interpolation: 'nearest' } },
    { inputs: [[null, 8, 5, 1]], params: { height: 6, width: 6, crop_to_aspect_ratio: true } },
    { inputs: [[null, 4, 9, 2]], params: { height: 6, width: 6, pad_to_aspect_ratio: true, fill_value: 0.5 } },
    { inputs: [[null, 9, 4, 2]], params: { height: 5, width: 7, pad_to_aspect_ratio: true, interpolation: 'nearest' } },
    { inputs: [[null, 2, 6, 5]], params: { height: 3, width: 4, data_format: 'channels_first' } },
    { inputs: [[null, 6, 6, 3]], params: { height: 4, width: 4, interpolation: 'bicubic' }, tfjsUnsupported: true },
    { inputs: [[null, 6, 6, 3]], params: { height: 3, width: 3, antialias: true }, tfjsUnsupported: true },
  ],
});
