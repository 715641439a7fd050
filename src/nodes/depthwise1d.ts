/**
 * The tfjs class of DepthwiseConv1D and SeparableConv1D (tfjs 4.22 has neither): the sequence
 * becomes a one-row image for tf.depthwiseConv2d (then, separable, a 1×1 tf.conv2d). Dilation is
 * spread into the kernel (convOps.ts), since tfjs' depthwise gradient refuses dilation rates > 1.
 */
import type * as tfNs from '@tensorflow/tfjs';
import { dilateKernel, toChannelsFirst, toChannelsLast } from './convOps';
import { w, type Tf, type WeightSpec } from './kind';
import { tuple } from './params';
import { convGeometry, isFailure, withChannels } from './convShape';
import { activationFn, ownConfig, single, singleShape, tfInit, tfjsClass } from './tfjsClass';

interface Values {
  kernel_size: number | readonly number[];
  strides: number | readonly number[];
  padding: string;
  data_format: string;
  dilation_rate: number | readonly number[];
  depth_multiplier: number;
  use_bias: boolean;
  filters?: number;
}

/** Weights in Keras' order: DepthwiseConv1D kernel, bias; SeparableConv1D depthwise_kernel, pointwise_kernel, bias. */
export function depthwise1dWeights(x: readonly (number | null)[], p: Values): WeightSpec[] {
  const ch = x[p.data_format === 'channels_first' ? 1 : 2] as number;
  const k = tuple(p.kernel_size, 1)[0];
  const mid = ch * p.depth_multiplier;
  if (p.filters === undefined) return [w('kernel', [k, ch, p.depth_multiplier]), ...(p.use_bias ? [w('bias', [mid])] : [])];
  return [w('depthwise_kernel', [k, ch, p.depth_multiplier]), w('pointwise_kernel', [1, mid, p.filters]), ...(p.use_bias ? [w('bias', [p.filters])] : [])];
}

export const depthwise1dClass = (className: 'DepthwiseConv1D' | 'SeparableConv1D') =>
  tfjsClass((tf: Tf) => {
    const separable = className === 'SeparableConv1D';
    class Depthwise1D extends tf.layers.Layer {
      static className = className;
      private vars: tfNs.LayerVariable[] = [];
      private readonly act: (x: tfNs.Tensor) => tfNs.Tensor;
      constructor(private readonly cfg: Record<string, unknown>) {
        super(cfg);
        this.act = activationFn(tf, cfg.activation);
      }
      private values(): Values {
        const c = this.cfg;
        return {
          kernel_size: c.kernelSize as number[], strides: c.strides as number[], padding: c.padding as string, dilation_rate: (c.dilationRate ?? 1) as number[],
          data_format: c.dataFormat === 'channelsFirst' ? 'channels_first' : 'channels_last', depth_multiplier: (c.depthMultiplier ?? 1) as number,
          use_bias: c.useBias !== false, filters: separable ? (c.filters as number) : undefined,
        };
      }
      build(s: tfNs.Shape | tfNs.Shape[]) {
        const init = (name: string) => (name === 'bias' ? this.cfg.biasInitializer : name === 'pointwise_kernel' ? this.cfg.pointwiseInitializer : this.cfg.depthwiseInitializer);
        this.vars = depthwise1dWeights(singleShape(s), this.values()).map((v) => this.addWeight(v.name, v.shape, 'float32', tfInit(tf, init(v.name))));
        this.built = true;
      }
      computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
        const x = singleShape(s);
        const p = this.values();
        const g = convGeometry(className, 1, x, p, true);
        if (isFailure(g)) throw new Error('message' in g ? g.message : className);
        return withChannels(x[0], g, separable ? p.filters! : g.channels * p.depth_multiplier);
      }
      call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
        return tf.tidy(() => {
          const p = this.values();
          const first = p.data_format === 'channels_first';
          const x = first ? toChannelsLast(tf, single(inputs)) : single(inputs);
          const [depthwise, pointwise, bias] = separable ? this.vars : [this.vars[0], null, this.vars[1]];
          const kernel = tf.expandDims(dilateKernel(tf, depthwise.read(), tuple(p.dilation_rate, 1)), 0) as tfNs.Tensor4D;
          let y = tf.depthwiseConv2d(tf.expandDims(x, 1) as tfNs.Tensor4D, kernel, [1, tuple(p.strides, 1)[0]], p.padding as 'valid' | 'same');
          if (pointwise) y = tf.conv2d(y, tf.expandDims(pointwise.read(), 0) as tfNs.Tensor4D, 1, 'valid');
          let out: tfNs.Tensor = tf.squeeze(y, [1]);
          if (bias) out = tf.add(out, bias.read());
          out = this.act(out);
          return first ? toChannelsFirst(tf, out) : out;
        });
      }
      getConfig() {
        return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
      }
    }
    return Depthwise1D;
  });
