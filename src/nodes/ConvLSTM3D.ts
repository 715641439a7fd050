import { CONV_LSTM_STATES, convLstmClass, convLstmFlops, convLstmParams, convLstmWeights, inferConvLstm } from './convLstm';
import { defineLayer } from './kind';
import { recurrentPorts } from './rnn';
import { buildWith } from './tfjsClass';

/** layers.ConvLSTM3D(filters, kernel_size): an LSTM whose input and recurrent transforms are 3D convolutions. */
export const ConvLSTM3D = defineLayer({
  kind: 'ConvLSTM3D',
  category: 'recurrent',
  doc: 'LSTM over a sequence of volumes (batch, time, depth, rows, cols, channels), with 3D convolutions instead of matrix products.',
  ...recurrentPorts(CONV_LSTM_STATES),
  params: convLstmParams(3, false),
  infer: (inputs, p) => inferConvLstm('ConvLSTM3D', 3, inputs, p),
  weights: ([x], p) => convLstmWeights(3, x, p),
  flops: ([x], _y, p) => convLstmFlops(3, x, p),
  tfjs: buildWith(convLstmClass('ConvLSTM3D', 3)),
  examples: [
    { inputs: [[null, 3, 4, 4, 4, 2]], params: { filters: 2, kernel_size: 2 } },
    { inputs: [[null, 2, 5, 5, 3, 2]], params: { filters: 2, kernel_size: 3, padding: 'same', strides: [2, 2, 1], return_sequences: true, return_state: true } },
    { inputs: [[null, 2, 2, 4, 4, 3]], params: { filters: 2, kernel_size: 2, data_format: 'channels_first', use_bias: false } },
    { inputs: [[2, 2, 4, 4, 4, 1]], params: { filters: 2, kernel_size: 2, stateful: true }, tfjsUnsupported: true },
  ],
});
