/**
 * Conv2D(groups > 1) in tfjs, which 4.22 lacks (ConvNeXt's depthwise convolutions are Conv2D with
 * groups = channels). tfjs's own Conv2D does everything else (initializers, regularizers,
 * constraints, activation, config): here it is built as for one group's channels, and called as
 * one depthwise convolution when each group has one input channel, else one per group.
 * Registered as "Conv2D", so an exported model.json says Conv2D with its groups, as Keras does,
 * and loads back; without groups (every other Conv2D tfjs reads) it is tfjs's Conv2D unchanged.
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { Tf } from './kind';
import { single, tfjsClass } from './tfjsClass';

/** The fields of tfjs's Conv2D this class uses (protected there). */
interface ConvFields extends tfNs.layers.Layer {
  kernel: tfNs.LayerVariable;
  bias: tfNs.LayerVariable | null;
  strides: [number, number];
  dilationRate: [number, number];
  padding: 'valid' | 'same';
  dataFormat: 'channelsFirst' | 'channelsLast';
  activation: { apply(x: tfNs.Tensor): tfNs.Tensor };
}

export const groupedConv2DClass = tfjsClass((tf: Tf) => {
  const Conv2D = tf.layers.conv2d({ filters: 1, kernelSize: 1 }).constructor as new (cfg: object) => ConvFields;
  class GroupedConv2D extends Conv2D {
    static className = 'Conv2D';
    private readonly groups: number;
    constructor(cfg: Record<string, unknown>) {
      super(cfg);
      this.groups = (cfg.groups as number | undefined) ?? 1;
    }
    build(inputShape: tfNs.Shape | tfNs.Shape[]) {
      if (this.groups === 1) return super.build(inputShape);
      const s = [...(Array.isArray(inputShape[0]) ? (inputShape[0] as tfNs.Shape) : (inputShape as tfNs.Shape))];
      const axis = this.dataFormat === 'channelsFirst' ? 1 : 3;
      const channels = s[axis] as number;
      s[axis] = channels / this.groups;
      super.build(s); // kernel (rows, cols, channels / groups, filters)
      this.inputSpec = [{ ndim: 4, axes: { [axis]: channels } }];
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[], kwargs: Record<string, unknown>) {
      if (this.groups === 1) return super.call(inputs, kwargs);
      return tf.tidy(() => {
        const first = this.dataFormat === 'channelsFirst';
        const x = first ? tf.transpose(single(inputs), [0, 2, 3, 1]) : single(inputs);
        const k = this.kernel.read() as tfNs.Tensor4D;
        const [kh, kw, perGroup, filters] = k.shape;
        const conv = (xi: tfNs.Tensor, ki: tfNs.Tensor4D) => tf.conv2d(xi as tfNs.Tensor4D, ki, this.strides, this.padding, 'NHWC', this.dilationRate);
        // Output channel g·(filters/groups) + m reads group g: the order depthwise and concat both give.
        let y: tfNs.Tensor =
          perGroup === 1
            ? tf.depthwiseConv2d(x as tfNs.Tensor4D, tf.reshape(k, [kh, kw, this.groups, filters / this.groups]), this.strides, this.padding, 'NHWC', this.dilationRate)
            : tf.concat(tf.split(x, this.groups, 3).map((xi, g) => conv(xi, tf.split(k, this.groups, 3)[g] as tfNs.Tensor4D)), 3);
        if (this.bias) y = tf.add(y, this.bias.read());
        y = this.activation.apply(y);
        return first ? tf.transpose(y, [0, 3, 1, 2]) : y;
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...(this.groups === 1 ? {} : { groups: this.groups }) } as tfNs.serialization.ConfigDict;
    }
  }
  return GroupedConv2D;
});
