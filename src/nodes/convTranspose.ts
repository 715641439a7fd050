/**
 * What Conv1DTranspose, Conv2DTranspose and Conv3DTranspose share (keras BaseConvTranspose):
 * params, the shape rule, weights and FLOPs; and the tfjs class of the 1D and 3D ones (tfjs 4.22
 * has only conv2dTranspose), built from differentiable ops (convOps.ts) so it trains.
 */
import type * as tfNs from '@tensorflow/tfjs';
import { deconvOutLength, type Padding } from './convMath';
import { convN, dilateAxis, dilateKernel, toChannelsFirst, toChannelsLast, transposePads } from './convOps';
import { dilationClash, layoutOf } from './convShape';
import { perSample, windowSize } from './flops';
import { fail, needKnown, needRank, ok, w, type Infer, type Tf } from './kind';
import { orNone } from './optional';
import { ints, tuple } from './params';
import { activationFn, ownConfig, single, singleShape, tfInit, tfjsClass } from './tfjsClass';
import { fmtShape, type Dim, type Shape } from '../engine/shape';

/** output_padding; `tfjs: null` where tfjs' own layer has no such field (Conv2DTranspose). */
export const outputPadding = (n: number, tfjs: 'outputPadding' | null = 'outputPadding') =>
  orNone(ints({ default: 0, length: n, min: 0, tfjs, doc: 'Extra entries on one side of the output along each spatial axis; each < its stride.' }));

interface Values {
  filters: number;
  kernel_size: number | readonly number[];
  strides: number | readonly number[];
  padding: string;
  output_padding: number | readonly number[] | null;
  data_format: string;
  dilation_rate: number | readonly number[];
  use_bias: boolean;
}

const spatialOf = (x: readonly Dim[], n: number, first: boolean) => (first ? x.slice(2) : x.slice(1, n + 1));

function outLengths(sp: readonly Dim[], n: number, p: Values): Dim[] {
  const [k, s, d] = [tuple(p.kernel_size, n), tuple(p.strides, n), tuple(p.dilation_rate, n)];
  const op = p.output_padding === null ? null : tuple(p.output_padding, n);
  return sp.map((len, i) => deconvOutLength(len, k[i], p.padding as Padding, s[i], d[i], op ? op[i] : null));
}

export function inferConvTranspose(kind: string, n: number, x: Shape, p: Values): Infer {
  const first = p.data_format === 'channels_first';
  const r = needRank(kind, x, n + 2, layoutOf(n, first));
  if (r) return r;
  const [s, d] = [tuple(p.strides, n), tuple(p.dilation_rate, n)];
  const clash = dilationClash(kind, s, d);
  if (clash) return clash;
  const op = p.output_padding === null ? null : tuple(p.output_padding, n);
  if (op && op.some((v, i) => v >= s[i]))
    return fail(`${kind} output_padding ${fmtShape(op)} must be less than strides ${fmtShape(s)} in every dimension`, 'invalid-param', 'output_padding');
  const known = needKnown(kind, x, first ? 1 : n + 1, 'channel dimension');
  if (known) return known;
  const out = outLengths(spatialOf(x, n, first), n, p);
  return ok(first ? [x[0], p.filters, ...out] : [x[0], ...out, p.filters]);
}

/** Keras and tfjs store the kernel as (kernel_size…, filters, in_channels). */
export function convTransposeWeights(n: number, x: Shape, p: Values) {
  const ch = x[p.data_format === 'channels_first' ? 1 : n + 1] as number;
  return [w('kernel', [...tuple(p.kernel_size, n), p.filters, ch]), ...(p.use_bias ? [w('bias', [p.filters])] : [])];
}

/** Each input element is scattered through the kernel window into every filter. */
export function convTransposeFlops(n: number, x: Shape, y: Shape, p: Values): number | null {
  const [inp, out] = [perSample(x), perSample(y)];
  return inp === null || out === null ? null : 2 * inp * windowSize(p.kernel_size, n) * p.filters + (p.use_bias ? out : 0);
}

/** The tfjs class of an n-D transposed conv, registered as `className`. */
export const convTransposeClass = (className: string, n: number) =>
  tfjsClass((tf: Tf) => {
    class ConvTranspose extends tf.layers.Layer {
      static className = className;
      private kernel!: tfNs.LayerVariable;
      private bias: tfNs.LayerVariable | null = null;
      private readonly act: (x: tfNs.Tensor) => tfNs.Tensor;
      constructor(private readonly cfg: Record<string, unknown>) {
        super(cfg);
        this.act = activationFn(tf, cfg.activation);
      }
      private values(): Values {
        const c = this.cfg;
        const first = c.dataFormat === 'channelsFirst';
        return { filters: c.filters as number, kernel_size: c.kernelSize as number[], strides: c.strides as number[], padding: c.padding as string, output_padding: (c.outputPadding ?? null) as number[] | null, data_format: first ? 'channels_first' : 'channels_last', dilation_rate: (c.dilationRate ?? 1) as number[], use_bias: c.useBias !== false };
      }
      build(s: tfNs.Shape | tfNs.Shape[]) {
        const [kernel, bias] = convTransposeWeights(n, singleShape(s), this.values());
        this.kernel = this.addWeight('kernel', kernel.shape, 'float32', tfInit(tf, this.cfg.kernelInitializer));
        if (bias) this.bias = this.addWeight('bias', bias.shape, 'float32', tfInit(tf, this.cfg.biasInitializer));
        this.built = true;
      }
      computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
        const x = singleShape(s);
        const p = this.values();
        const first = p.data_format === 'channels_first';
        const out = outLengths(spatialOf(x, n, first), n, p);
        return first ? [x[0], p.filters, ...out] : [x[0], ...out, p.filters];
      }
      call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
        return tf.tidy(() => {
          const p = this.values();
          const first = p.data_format === 'channels_first';
          let h = first ? toChannelsLast(tf, single(inputs)) : single(inputs);
          const [k, s, d] = [tuple(p.kernel_size, n), tuple(p.strides, n), tuple(p.dilation_rate, n)];
          const op = p.output_padding === null ? null : tuple(p.output_padding, n);
          for (let i = 0; i < n; i++) h = dilateAxis(tf, h, i + 1, s[i]);
          h = tf.pad(h, [[0, 0], ...k.map((ki, i) => transposePads(ki, s[i], d[i], p.padding, op ? op[i] : null)), [0, 0]]);
          // The transpose of a conv: the kernel flipped in space, its in and out channels swapped.
          const axes = k.map((_, i) => i);
          const kern = dilateKernel(tf, tf.transpose(tf.reverse(this.kernel.read(), axes), [...axes, n + 1, n]), d);
          let y = convN(tf, h, kern);
          if (this.bias) y = tf.add(y, this.bias.read());
          y = this.act(y);
          return first ? toChannelsFirst(tf, y) : y;
        });
      }
      getConfig() {
        return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
      }
    }
    return ConvTranspose;
  });
