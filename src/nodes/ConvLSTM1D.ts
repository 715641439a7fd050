import { CONV_LSTM_STATES, convLstmClass, convLstmFlops, convLstmParams, convLstmWeights, inferConvLstm } from './convLstm';
import { defineLayer } from './kind';
import { recurrentPorts } from './rnn';
import { buildWith } from './tfjsClass';

/** layers.ConvLSTM1D(filters, kernel_size): an LSTM whose input and recurrent transforms are 1D convolutions. */
export const ConvLSTM1D = defineLayer({
  kind: 'ConvLSTM1D',
  category: 'recurrent',
  doc: 'LSTM over a sequence of sequences (batch, time, steps, channels), with 1D convolutions instead of matrix products.',
  ...recurrentPorts(CONV_LSTM_STATES),
  params: convLstmParams(1, false),
  infer: (inputs, p) => inferConvLstm('ConvLSTM1D', 1, inputs, p),
  weights: ([x], p) => convLstmWeights(1, x, p),
  flops: ([x], _y, p) => convLstmFlops(1, x, p),
  tfjs: buildWith(convLstmClass('ConvLSTM1D', 1)),
  examples: [
    { inputs: [[null, 4, 8, 3]], params: { filters: 3, kernel_size: 3 } },
    { inputs: [[null, 3, 9, 2]], params: { filters: 2, kernel_size: 3, padding: 'same', strides: 2, return_sequences: true, return_state: true } },
    { inputs: [[null, 3, 10, 2]], params: { filters: 2, kernel_size: 3, dilation_rate: 2, use_bias: false, go_backwards: true } },
    { inputs: [[null, 3, 2, 7]], params: { filters: 2, kernel_size: 2, data_format: 'channels_first', return_sequences: true, activation: 'relu' } },
    { inputs: [[null, 3, 6, 2], [null, 6, 2], [null, 6, 2]], params: { filters: 2, kernel_size: 3, padding: 'same' } },
    { inputs: [[2, 3, 6, 2]], params: { filters: 2, kernel_size: 3, stateful: true }, tfjsUnsupported: true },
  ],
});
