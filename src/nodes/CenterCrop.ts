import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok, type Tf } from './kind';
import { dataFormat, int } from './params';
import { checkSize, hwAxes, needImages, resizeImages, withSize } from './imageResize';
import { buildWith, ownConfig, single, singleShape, tfjsClass } from './tfjsClass';

/** Keras' CenterCrop: the centered height × width window; an image smaller on either side is instead cropped to the aspect ratio and resized (smart_resize). */
export function centerCrop(tf: Tf, x: tfNs.Tensor, h: number, w: number, channelsFirst: boolean): tfNs.Tensor {
  const [r, c] = hwAxes(channelsFirst);
  const [dh, dw] = [x.shape[r] - h, x.shape[c] - w];
  if (dh < 0 || dw < 0) return resizeImages(tf, x, h, w, { interpolation: 'bilinear', crop: true, channelsFirst });
  const begin = x.shape.map((_, i) => (i === r ? Math.floor(dh / 2) : i === c ? Math.floor(dw / 2) : 0));
  return tf.slice(tf.cast(x, 'float32'), begin, withSize(x.shape, h, w, channelsFirst) as number[]);
}

const centerCropClass = tfjsClass((tf: Tf) => {
  class CenterCrop extends tf.layers.Layer {
    static className = 'CenterCrop';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
      return [...withSize(singleShape(s), this.cfg.height as number, this.cfg.width as number, this.cfg.dataFormat === 'channelsFirst')];
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return centerCrop(tf, single(inputs), this.cfg.height as number, this.cfg.width as number, this.cfg.dataFormat === 'channelsFirst');
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return CenterCrop;
});

/** layers.CenterCrop(height, width): the centered height × width window of each image (smaller images are resized to it, as Keras does). */
export const CenterCrop = defineLayer({
  kind: 'CenterCrop',
  category: 'preprocessing',
  doc: 'Crops the centered height × width window of each image; an image smaller than that is cropped to the aspect ratio and resized (bilinear), as Keras does.',
  inputs: { min: 1, max: 1 },
  params: {
    height: int({ default: 224, min: 1, tfjs: 'height', positional: true, doc: 'Rows of the output images.' }),
    width: int({ default: 224, min: 1, tfjs: 'width', positional: true, doc: 'Columns of the output images.' }),
    data_format: dataFormat(),
  },
  infer([x], p) {
    return needImages('CenterCrop', x) ?? checkSize('CenterCrop', p.height, p.width) ?? ok(withSize(x, p.height, p.width, p.data_format === 'channels_first'));
  },
  weights: () => [],
  tfjs: buildWith(centerCropClass),
  examples: [
    { inputs: [[null, 8, 7, 3]], params: { height: 4, width: 3 } },
    { inputs: [[null, 5, 9, 2]], params: { height: 7, width: 4 } },
    { inputs: [[null, 3, 6, 6]], params: { height: 4, width: 5, data_format: 'channels_first' } },
  ],
});
