import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok, type Tf } from './kind';
import { dataFormat, int } from './params';
import { checkSize, hwAxes, needImages, resizeImages, withSize } from './imageResize';
import { imageSize } from './randomImage';
import { buildWith, ownConfig, single, singleShape, tfjsClass } from './tfjsClass';

const cropClass = tfjsClass((tf: Tf) => {
  class RandomCrop extends tf.layers.Layer {
    static className = 'RandomCrop';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
      return [...withSize(singleShape(s), this.cfg.height as number, this.cfg.width as number, this.cfg.dataFormat === 'channelsFirst')];
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[], kwargs: Record<string, unknown>) {
      const x = single(inputs);
      const first = this.cfg.dataFormat === 'channelsFirst';
      const [th, tw] = [this.cfg.height as number, this.cfg.width as number];
      const [h, w] = imageSize(x, first);
      // At inference the centered window of the target aspect ratio, resized (Keras 2's smart_resize;
      // Keras 3.15 returns the input unchanged there, against its own output shape).
      if (kwargs.training !== true) return resizeImages(tf, x, th, tw, { interpolation: 'bilinear', crop: true, channelsFirst: first });
      const [r, c] = hwAxes(first);
      let top: number;
      let left: number;
      if (h > th && w > tw) {
        // Larger on both sides: one random window for the batch, as Keras draws it.
        [top, left] = [Math.floor(Math.random() * (h - th + 1)), Math.floor(Math.random() * (w - tw + 1))];
      } else {
        // Keras 3 starts the window where the centered box of the aspect ratio starts, cuts
        // height × width from there (clipped to the image) and resizes what it got.
        const ch = Math.max(Math.min(h, Math.trunc((w * th) / tw)), 1);
        const cw = Math.max(Math.min(w, Math.trunc((h * tw) / th)), 1);
        [top, left] = [Math.trunc((h - ch) / 2), Math.trunc((w - cw) / 2)];
      }
      const [gh, gw] = [Math.min(th, h - top), Math.min(tw, w - left)];
      return tf.tidy(() => {
        const y = tf.slice(tf.cast(x, 'float32'), x.shape.map((_, i) => (i === r ? top : i === c ? left : 0)), withSize(x.shape, gh, gw, first) as number[]);
        return gh === th && gw === tw ? y : resizeImages(tf, y, th, tw, { interpolation: 'bilinear', channelsFirst: first });
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return RandomCrop;
});

/** layers.RandomCrop(height, width): a random height × width window of the images while training; the centered window, resized, otherwise. */
export const RandomCrop = defineLayer({
  kind: 'RandomCrop',
  category: 'preprocessing',
  doc: 'While training, crops a random height × width window (one per batch); at inference, and for images not larger than that, the centered window of that aspect ratio resized to height × width.',
  inputs: { min: 1, max: 1 },
  params: {
    height: int({ default: 224, min: 1, tfjs: 'height', positional: true, doc: 'Rows of the output images.' }),
    width: int({ default: 224, min: 1, tfjs: 'width', positional: true, doc: 'Columns of the output images.' }),
    data_format: dataFormat(),
    // Keras writes a seed it drew itself when given none; it only fixes the training crops.
    seed: int({ default: null, nullable: true, min: 0, doc: 'Integer seed for the random crop window; None for no fixed seed.' }),
  },
  infer([x], p) {
    return needImages('RandomCrop', x) ?? checkSize('RandomCrop', p.height, p.width) ?? ok(withSize(x, p.height, p.width, p.data_format === 'channels_first'));
  },
  weights: () => [],
  tfjs: buildWith(cropClass),
  examples: [
    { inputs: [[null, 8, 8, 3]], params: { height: 6, width: 5 } },
    { inputs: [[null, 3, 7, 6]], params: { height: 4, width: 4, data_format: 'channels_first' } },
  ],
});
