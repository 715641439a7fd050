import { convOutLength } from './convMath';
import { convWindow, dilationRate, filtersParam } from './convParams';
import { dilationClash, shrinkCheck } from './convShape';
import { defineLayer, needKnown, needRank, w } from './kind';
import { activation, bool, dataFormat, DOCS, initializer, tuple } from './params';
import { checkRecurrentCall, recurrentOutputs, recurrentPorts, rnnFlags } from './rnn';
import { fmtShape, type Shape } from '../engine/shape';

const STATES = ['h', 'c'] as const;
const KIND = 'ConvLSTM2D';

/** layers.ConvLSTM2D(filters, kernel_size): an LSTM whose input and recurrent transforms are 2D convolutions. */
export const ConvLSTM2D = defineLayer({
  kind: KIND,
  category: 'recurrent',
  doc: 'LSTM over a sequence of images (batch, time, rows, cols, channels), with convolutions instead of matrix products.',
  ...recurrentPorts(STATES),
  params: {
    filters: filtersParam('Number of output channels (and of each state).'),
    ...convWindow(2),
    data_format: dataFormat(),
    dilation_rate: dilationRate(2),
    activation: activation('tanh'),
    recurrent_activation: activation('sigmoid', { tfjs: 'recurrentActivation', doc: DOCS.recurrent_activation }),
    use_bias: bool(true, { tfjs: 'useBias', doc: DOCS.use_bias }),
    kernel_initializer: initializer('glorot_uniform', { tfjs: 'kernelInitializer', doc: DOCS.kernel_initializer }),
    recurrent_initializer: initializer('orthogonal', { tfjs: 'recurrentInitializer', doc: DOCS.recurrent_initializer }),
    bias_initializer: initializer('zeros', { tfjs: 'biasInitializer', doc: DOCS.bias_initializer }),
    unit_forget_bias: bool(true, { tfjs: 'unitForgetBias', doc: 'Add 1 to the forget gate bias at initialization.' }),
    ...rnnFlags,
  },
  infer(inputs, p) {
    const x = inputs[0];
    const r = needRank(KIND, x, 5, '(batch, time, rows, cols, channels)');
    if (r) return r;
    const first = p.data_format === 'channels_first';
    const [k, s, d] = [tuple(p.kernel_size, 2), tuple(p.strides, 2), tuple(p.dilation_rate, 2)];
    const known = dilationClash(KIND, s, d) ?? needKnown(KIND, x, first ? 2 : 4, 'channel dimension');
    if (known) return known;
    const sp = first ? [x[3], x[4]] : [x[2], x[3]];
    const out = sp.map((len, i) => convOutLength(len, k[i], p.padding, s[i], d[i]));
    const tooSmall = shrinkCheck(KIND, `kernel ${fmtShape(k)} with padding "${p.padding}"`, x, out);
    if (tooSmall) return tooSmall;
    // One step's output, which is also each state's shape: (batch, rows', cols', filters).
    const step: Shape = first ? [x[0], p.filters, out[0], out[1]] : [x[0], out[0], out[1], p.filters];
    return checkRecurrentCall(KIND, inputs, 5, '(batch, time, rows, cols, channels)', p, STATES, step) ?? recurrentOutputs(x, p, step, STATES.length);
  },
  weights([x], p) {
    const k = tuple(p.kernel_size, 2);
    const ch = x[p.data_format === 'channels_first' ? 2 : 4] as number;
    return [
      w('kernel', [k[0], k[1], ch, 4 * p.filters]),
      w('recurrent_kernel', [k[0], k[1], p.filters, 4 * p.filters]),
      ...(p.use_bias ? [w('bias', [4 * p.filters])] : []),
    ];
  },
  tfjs: 'convLstm2d',
  examples: [
    { inputs: [[null, 5, 8, 8, 3]], params: { filters: 4, kernel_size: 3 } },
    { inputs: [[null, null, 9, 9, 2]], params: { filters: 3, kernel_size: 3, padding: 'same', strides: 2, return_sequences: true, return_state: true } },
    { inputs: [[null, 4, 10, 10, 1]], params: { filters: 2, kernel_size: [3, 5], dilation_rate: 2, use_bias: false } },
    { inputs: [[null, 5, 2, 8, 8]], params: { filters: 4, kernel_size: 3, data_format: 'channels_first', return_sequences: true } },
    // Keras also takes initial_state here, but tfjs 4.22's ConvLSTM2D throws a TypeError when
    // called with state inputs, so no conformance case has them.
    { inputs: [[2, 3, 6, 6, 2]], params: { filters: 5, kernel_size: 3, stateful: true, return_state: true, go_backwards: true } },
  ],
});
