/**
 * Param groups of the convolution kinds, in the order of Keras's signatures (keras BaseConv:
 * filters, kernel_size, strides, padding, data_format, dilation_rate, groups, activation,
 * use_bias, initializers). Order matters: it is the order of Python kwargs and config fields.
 */
import { activation, bool, DOCS, initializer, int, ints, padding, type Initializer, type Spec } from './params';

/** filters: the number of output channels, the first positional argument. */
export const filtersParam = (doc = 'Number of output channels.') => int({ default: 32, min: 1, tfjs: 'filters', positional: true, doc });

/** kernel_size, strides and padding: the window of an n-D convolution. */
export function convWindow(n: number) {
  return {
    kernel_size: ints({ default: 3, length: n, min: 1, tfjs: 'kernelSize', positional: true, doc: 'Size of the convolution window: one int for every spatial axis, or a tuple with one per axis.' }),
    strides: ints({ default: 1, length: n, min: 1, tfjs: 'strides', doc: 'Step of the convolution along each spatial axis: one int for all, or a tuple with one per axis.' }),
    padding: padding(),
  };
}

/** dilation_rate; `tfjs: null` where tfjs 4.22 accepts dilationRate but ignores it. */
export const dilationRate = (n: number, tfjs: 'dilationRate' | null = 'dilationRate') => ints({ default: 1, length: n, min: 1, tfjs, doc: 'Dilation rate of the convolution: the spacing between kernel taps along each spatial axis.' });

const TFJS_INITIALIZER = { kernel: 'kernelInitializer', depthwise: 'depthwiseInitializer', pointwise: 'pointwiseInitializer' } as const;
const INITIALIZER_DOC = {
  kernel: DOCS.kernel_initializer,
  depthwise: 'Initializer for the depthwise convolution kernel.',
  pointwise: 'Initializer for the pointwise (1×1) convolution kernel.',
} as const;
type Kernel = keyof typeof TFJS_INITIALIZER;

/** activation, use_bias, a glorot_uniform initializer per kernel, then bias_initializer (zeros). */
export function activationAndBias<K extends Kernel>(...kernels: K[]) {
  const inits = Object.fromEntries(kernels.map((k) => [`${k}_initializer`, initializer('glorot_uniform', { tfjs: TFJS_INITIALIZER[k], doc: INITIALIZER_DOC[k] })]));
  return {
    activation: activation('linear'),
    use_bias: bool(true, { tfjs: 'useBias', doc: DOCS.use_bias }),
    ...(inits as Record<`${K}_initializer`, Spec<Initializer>>),
    bias_initializer: initializer('zeros', { tfjs: 'biasInitializer', doc: DOCS.bias_initializer }),
  };
}
