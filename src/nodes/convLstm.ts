/**
 * What ConvLSTM1D, ConvLSTM2D and ConvLSTM3D share (keras ConvLSTM): params, the shape rule,
 * weights and FLOPs; and the tfjs class of the 1D and 3D ones (tfjs 4.22 has only convLstm2d): the
 * Keras cell run over the time axis with differentiable ops, so it trains. Gates are i, f, c, o
 * along the kernel's last axis; the input conv has the layer's strides, padding and dilation, the
 * recurrent conv stride 1 and "same" padding.
 */
import type * as tfNs from '@tensorflow/tfjs';
import { convOutLength } from './convMath';
import { convN, dilateKernel, toChannelsFirst, toChannelsLast } from './convOps';
import { convWindow, dilationRate, filtersParam } from './convParams';
import { dilationClash, shrinkCheck } from './convShape';
import { windowSize } from './flops';
import { needKnown, needRank, w, type Infer, type Tf } from './kind';
import { activation, bool, dataFormat, DOCS, initializer, tuple } from './params';
import { checkRecurrentCall, recurrentOutputs, rnnFlags } from './rnn';
import { activationFn, ownConfig, tfInit, tfjsClass } from './tfjsClass';
import { fmtShape, numElements, type Shape } from '../engine/shape';

export const CONV_LSTM_STATES = ['h', 'c'] as const;
const SPATIAL = ['steps', 'rows, cols', 'depth, rows, cols'];
const layout = (n: number, first: boolean) => `(batch, time, ${first ? 'channels, ' : ''}${SPATIAL[n - 1]}${first ? '' : ', channels'})`;

/** The params in Keras' order; `stateful` only where tfjs' own layer runs it (ConvLSTM2D). */
export function convLstmParams(n: number, statefulInTfjs: boolean) {
  return {
    filters: filtersParam('Number of output channels (and of each state).'),
    ...convWindow(n),
    data_format: dataFormat(),
    dilation_rate: dilationRate(n),
    activation: activation('tanh'),
    recurrent_activation: activation('sigmoid', { tfjs: 'recurrentActivation', doc: DOCS.recurrent_activation }),
    use_bias: bool(true, { tfjs: 'useBias', doc: DOCS.use_bias }),
    kernel_initializer: initializer('glorot_uniform', { tfjs: 'kernelInitializer', doc: DOCS.kernel_initializer }),
    recurrent_initializer: initializer('orthogonal', { tfjs: 'recurrentInitializer', doc: DOCS.recurrent_initializer }),
    bias_initializer: initializer('zeros', { tfjs: 'biasInitializer', doc: DOCS.bias_initializer }),
    unit_forget_bias: bool(true, { tfjs: 'unitForgetBias', doc: 'Add 1 to the forget gate bias at initialization.' }),
    ...rnnFlags,
    // Our class keeps no state between batches.
    ...(statefulInTfjs ? {} : { stateful: { ...rnnFlags.stateful, tfjs: null } }),
  };
}

interface Values {
  filters: number;
  kernel_size: number | readonly number[];
  strides: number | readonly number[];
  padding: string;
  data_format: string;
  dilation_rate: number | readonly number[];
  use_bias: boolean;
  return_sequences: boolean;
  return_state: boolean;
  stateful: boolean;
}

/** One step's output (and each state's shape): (batch, spatial'…, filters). */
function stepShape(n: number, x: Shape, p: Values): Shape {
  const first = p.data_format === 'channels_first';
  const [k, s, d] = [tuple(p.kernel_size, n), tuple(p.strides, n), tuple(p.dilation_rate, n)];
  const out = (first ? x.slice(3) : x.slice(2, n + 2)).map((len, i) => convOutLength(len, k[i], p.padding as 'valid', s[i], d[i]));
  return first ? [x[0], p.filters, ...out] : [x[0], ...out, p.filters];
}

export function inferConvLstm(kind: string, n: number, inputs: Shape[], p: Values): Infer {
  const x = inputs[0];
  const first = p.data_format === 'channels_first';
  const r = needRank(kind, x, n + 3, layout(n, first));
  if (r) return r;
  const [k, s, d] = [tuple(p.kernel_size, n), tuple(p.strides, n), tuple(p.dilation_rate, n)];
  const known = dilationClash(kind, s, d) ?? needKnown(kind, x, first ? 2 : n + 2, 'channel dimension');
  if (known) return known;
  const step = stepShape(n, x, p);
  const tooSmall = shrinkCheck(kind, `kernel ${fmtShape(k)} with padding "${p.padding}"`, x, first ? step.slice(2) : step.slice(1, n + 1));
  if (tooSmall) return tooSmall;
  return checkRecurrentCall(kind, inputs, n + 3, layout(n, first), p, CONV_LSTM_STATES, step) ?? recurrentOutputs(x, p, step, CONV_LSTM_STATES.length);
}

/** kernel (kernel_size…, channels, 4·filters), recurrent_kernel (kernel_size…, filters, 4·filters), bias (4·filters). */
export function convLstmWeights(n: number, x: Shape, p: Values) {
  const k = tuple(p.kernel_size, n);
  const ch = x[p.data_format === 'channels_first' ? 2 : n + 2] as number;
  return [w('kernel', [...k, ch, 4 * p.filters]), w('recurrent_kernel', [...k, p.filters, 4 * p.filters]), ...(p.use_bias ? [w('bias', [4 * p.filters])] : [])];
}

/** Per timestep, at every output position: the 4 gates' input and recurrent convs, plus the bias. */
export function convLstmFlops(n: number, x: Shape, p: Values): number | null {
  const first = p.data_format === 'channels_first';
  const [steps, ch] = [x[1], x[first ? 2 : n + 2]];
  const positions = numElements(stepShape(n, x, p).slice(1));
  if (steps === null || ch === null || positions === null) return null;
  const perPos = 4 * p.filters * (2 * windowSize(p.kernel_size, n) * (ch + p.filters) + (p.use_bias ? 1 : 0));
  return steps * (positions / p.filters) * perPos;
}

/** The tfjs class of an n-D ConvLSTM: inputs [x] or [x, h0, c0]; outputs as Keras gives them. */
export const convLstmClass = (className: string, n: number) =>
  tfjsClass((tf: Tf) => {
    class ConvLSTM extends tf.layers.Layer {
      static className = className;
      private vars: tfNs.LayerVariable[] = [];
      private readonly act: (x: tfNs.Tensor) => tfNs.Tensor;
      private readonly recAct: (x: tfNs.Tensor) => tfNs.Tensor;
      constructor(private readonly cfg: Record<string, unknown>) {
        super(cfg);
        this.act = activationFn(tf, cfg.activation);
        this.recAct = activationFn(tf, cfg.recurrentActivation);
      }
      private values(): Values {
        const c = this.cfg;
        return {
          filters: c.filters as number, kernel_size: c.kernelSize as number[], strides: c.strides as number[], padding: c.padding as string,
          data_format: c.dataFormat === 'channelsFirst' ? 'channels_first' : 'channels_last', dilation_rate: (c.dilationRate ?? 1) as number[],
          use_bias: c.useBias !== false, return_sequences: c.returnSequences === true, return_state: c.returnState === true, stateful: false,
        };
      }
      build(s: tfNs.Shape | tfNs.Shape[]) {
        const x = (Array.isArray(s[0]) ? s[0] : s) as Shape;
        const f = this.values().filters;
        this.vars = convLstmWeights(n, x, this.values()).map((v) => {
          if (v.name !== 'bias') return this.addWeight(v.name, v.shape, 'float32', tfInit(tf, v.name === 'kernel' ? this.cfg.kernelInitializer : this.cfg.recurrentInitializer));
          // unit_forget_bias: the forget gate's bias starts at 1 (the others from bias_initializer).
          const init = tfInit(tf, this.cfg.biasInitializer);
          const forget = this.cfg.unitForgetBias !== false;
          const biasInit = forget ? { apply: (shape: number[]) => tf.concat([init.apply([f]), tf.ones([f]), init.apply([2 * f])]).reshape(shape) } : init;
          return this.addWeight('bias', v.shape, 'float32', biasInit as typeof init);
        });
        this.built = true;
      }
      computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
        const inputs = (Array.isArray(s[0]) ? s : [s]) as Shape[];
        const r = inferConvLstm(className, n, inputs, this.values());
        if (!r.ok) throw new Error(r.message);
        const shapes = r.shapes.map((t) => [...t]);
        return shapes.length === 1 ? shapes[0] : shapes;
      }
      call(inputs: tfNs.Tensor | tfNs.Tensor[], kwargs: { training?: boolean }) {
        return tf.tidy(() => {
          const p = this.values();
          const first = p.data_format === 'channels_first';
          const list = Array.isArray(inputs) ? inputs : [inputs];
          // Channels last inside: (batch, time, spatial…, channels).
          const x = first ? tf.transpose(list[0], [0, 1, ...Array.from({ length: n }, (_, i) => i + 3), 2]) : list[0];
          const [kernel, recurrent, bias] = this.vars.map((v) => v.read());
          const [s, d] = [tuple(p.strides, n), tuple(p.dilation_rate, n)];
          const kx = dilateKernel(tf, kernel, d);
          let steps = tf.unstack(x, 1);
          if (this.cfg.goBackwards === true) steps = steps.reverse();
          const drop = (rate: unknown, like: tfNs.Tensor) => (kwargs?.training && (rate as number) > 0 ? tf.div(tf.cast(tf.greaterEqual(tf.randomUniform(like.shape), rate as number), 'float32'), 1 - (rate as number)) : null);
          const stateShape = stepShape(n, x.shape, { ...p, data_format: 'channels_last' }) as number[];
          let h = list.length > 1 ? (first ? toChannelsLast(tf, list[1]) : list[1]) : tf.zeros(stateShape);
          let c = list.length > 1 ? (first ? toChannelsLast(tf, list[2]) : list[2]) : tf.zeros(stateShape);
          const dropX = drop(this.cfg.dropout, steps[0]);
          const dropH = drop(this.cfg.recurrentDropout, h);
          const outs: tfNs.Tensor[] = [];
          for (const xt of steps) {
            let z = tf.add(convN(tf, dropX ? tf.mul(xt, dropX) : xt, kx, s, p.padding as 'valid'), convN(tf, dropH ? tf.mul(h, dropH) : h, recurrent, undefined, 'same'));
            if (bias) z = tf.add(z, bias);
            const [zi, zf, zc, zo] = tf.split(z, 4, -1);
            c = tf.add(tf.mul(this.recAct(zf), c), tf.mul(this.recAct(zi), this.act(zc)));
            h = tf.mul(this.recAct(zo), this.act(c));
            if (p.return_sequences) outs.push(h);
          }
          const back = (t: tfNs.Tensor) => (first ? toChannelsFirst(tf, t) : t);
          const out = p.return_sequences ? (first ? tf.transpose(tf.stack(outs, 1), [0, 1, n + 2, ...Array.from({ length: n }, (_, i) => i + 2)]) : tf.stack(outs, 1)) : back(h);
          return p.return_state ? [out, back(h), back(c)] : out;
        });
      }
      getConfig() {
        return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
      }
    }
    return ConvLSTM;
  });
