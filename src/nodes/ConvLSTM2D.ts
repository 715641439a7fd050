import { CONV_LSTM_STATES, convLstmParams, convLstmWeights, inferConvLstm } from './convLstm';
import { defineLayer } from './kind';
import { recurrentPorts } from './rnn';

/** layers.ConvLSTM2D(filters, kernel_size): an LSTM whose input and recurrent transforms are 2D convolutions. */
export const ConvLSTM2D = defineLayer({
  kind: 'ConvLSTM2D',
  category: 'recurrent',
  doc: 'LSTM over a sequence of images (batch, time, rows, cols, channels), with convolutions instead of matrix products.',
  ...recurrentPorts(CONV_LSTM_STATES),
  params: convLstmParams(2, true),
  infer: (inputs, p) => inferConvLstm('ConvLSTM2D', 2, inputs, p),
  weights: ([x], p) => convLstmWeights(2, x, p),
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
